import { decodePositionToken } from '@ledger/contracts';
import { CheckpointStore } from '@ledger/mongo';
import { goal, round, summary } from '../support/measure';
import { authorized, type BenchStack } from '../support/bench-stack';

const NOTICE = { id: 'prospecting-notice', version: '2026-01' };
const SOURCE = { collectionPoint: 'bench-soak', method: 'web_form' };
/** Subjects written at a time: each is consented, then withdrawn for good, then replaced by a new one. */
const LIVE_SUBJECTS = 3000;
const MAX_IN_FLIGHT = 256;
/** Plain decisions per second about subjects the soak never writes (the seeded ones). */
const OTHERS_PER_SECOND = 100;
/** Plain decisions per second about subjects just withdrawn: the dangerous case. */
const WITHDRAWN_PER_SECOND = 20;

type Kind = 'consent' | 'withdrawal';

interface Tally {
  decisions: number;
  answered: number;
  unavailable: number;
  failed: number;
  allowedAfterWithdrawal: number;
  tokenNotSeen: number;
  byStream: Record<string, { asked: number; unavailable: number }>;
}

/**
 * Issue 27's soak, as a figure: `seconds` of writes at `perSecond` over 3,000 live subjects (each
 * consented, then withdrawn for good), a decision with its token after every tenth
 * acknowledgement, plain decisions about subjects the soak never writes, and plain decisions
 * about subjects just withdrawn. Counts every decision answered, every 503, every `allowed`
 * after an acknowledged withdrawal; ack latency, and acknowledged → visible (checkpoints).
 */
export async function soak(stack: BenchStack, perSecond: number, seconds: number, seeded: number) {
  await stack.caughtUp();
  const checkpoints = new CheckpointStore(stack.db, stack.topic);
  const tally: Tally = {
    decisions: 0,
    answered: 0,
    unavailable: 0,
    failed: 0,
    allowedAfterWithdrawal: 0,
    tokenNotSeen: 0,
    byStream: {},
  };
  const acks: number[] = [];
  const visible: number[] = [];
  const pendingVisible: Array<{ partition: number; offset: number; at: number }> = [];
  const withdrawnAt = new Map<string, number>();
  const recentlyWithdrawn: string[] = [];
  const writes = { attempted: 0, acknowledged: 0, refused: 0 };
  const inFlight = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  const decide = async (stream: string, subjectId: string, consistentWith?: string) => {
    const askedAt = performance.now();
    const withdrawn = withdrawnAt.get(subjectId);
    const counts = (tally.byStream[stream] ??= { asked: 0, unavailable: 0 });
    tally.decisions++;
    counts.asked++;
    try {
      const response = await fetch(`${stack.apiUrl}/v1/decisions`, {
        method: 'POST',
        headers: authorized,
        body: JSON.stringify({
          subject: { subjectId },
          purpose: 'prospecting',
          channel: 'email',
          ...(consistentWith ? { consistentWith } : {}),
        }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await response.json()) as { allowed?: boolean };
      if (response.status === 503) {
        tally.unavailable++;
        counts.unavailable++;
        return undefined;
      }
      if (response.status !== 200) {
        tally.failed++;
        return undefined;
      }
      tally.answered++;
      if (body.allowed === true && withdrawn !== undefined && withdrawn < askedAt)
        tally.allowedAfterWithdrawal++;
      return body.allowed;
    } catch {
      tally.failed++;
      return undefined;
    }
  };

  const write = async (kind: Kind, subjectId: string, n: number) => {
    writes.attempted++;
    const started = performance.now();
    const response = await fetch(
      `${stack.apiUrl}/v1/subjects/${subjectId}/${kind === 'consent' ? 'consents' : 'consent-withdrawals'}`,
      {
        method: 'POST',
        headers: { ...authorized, 'idempotency-key': `${subjectId}-${kind}` },
        body: JSON.stringify({
          purpose: 'prospecting',
          channels: ['email'],
          source: SOURCE,
          ...(kind === 'consent' ? { notice: NOTICE } : {}),
        }),
        signal: AbortSignal.timeout(30_000),
      },
    ).catch(() => undefined);
    if (response?.status !== 201) {
      writes.refused++;
      await response?.arrayBuffer();
      return;
    }
    const { position } = (await response.json()) as { position: string };
    const at = performance.now();
    writes.acknowledged++;
    acks.push(at - started);
    const decoded = decodePositionToken(position)!;
    pendingVisible.push({ partition: decoded.partition, offset: Number(decoded.offset), at });
    if (kind === 'withdrawal') {
      withdrawnAt.set(subjectId, at);
      recentlyWithdrawn.push(subjectId);
      if (recentlyWithdrawn.length > 500) recentlyWithdrawn.shift();
    }
    if (n % 10 === 0) {
      const allowed = await decide('after every tenth write, with its token', subjectId, position);
      if (allowed !== undefined && allowed !== (kind === 'consent')) tally.tokenNotSeen++;
    }
  };

  // Acknowledged → visible: each acknowledgement is visible at the first checkpoint poll covering it.
  let watching = true;
  const watcher = (async () => {
    while (watching || pendingVisible.length > 0) {
      const applied = await checkpoints.appliedOffsets().catch(() => undefined);
      const now = performance.now();
      if (applied)
        for (let i = pendingVisible.length - 1; i >= 0; i--) {
          const { partition, offset, at } = pendingVisible[i];
          if ((applied.get(partition) ?? -1) >= offset) {
            visible.push(now - at);
            pendingVisible.splice(i, 1);
          }
        }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();

  const state = new Map<string, 'consented' | 'withdrawn'>();
  const started = performance.now();
  const end = started + seconds * 1000;
  let n = 0;
  let others = 0;
  let withdrawnAsked = 0;
  while (performance.now() < end) {
    const elapsed = performance.now() - started;
    const subjectId = `soak-${Math.floor(n / (2 * LIVE_SUBJECTS))}-${n % LIVE_SUBJECTS}`;
    if (inFlight.size < MAX_IN_FLIGHT) {
      const phase = state.get(subjectId);
      if (phase !== 'withdrawn') {
        const kind: Kind = phase === undefined ? 'consent' : 'withdrawal';
        state.set(subjectId, kind === 'consent' ? 'consented' : 'withdrawn');
        track(write(kind, subjectId, n));
      }
    }
    n++;
    while (others < (elapsed / 1000) * OTHERS_PER_SECOND) {
      track(decide('plain, about subjects the soak never writes', `bench-${(others * 7919) % seeded}`));
      others++;
    }
    while (withdrawnAsked < (elapsed / 1000) * WITHDRAWN_PER_SECOND && recentlyWithdrawn.length > 0) {
      track(decide('plain, about subjects just withdrawn', recentlyWithdrawn[recentlyWithdrawn.length - 1]));
      withdrawnAsked++;
    }
    const wait = started + (n * 1000) / perSecond - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await Promise.all([...inFlight]);
  const elapsedSeconds = (performance.now() - started) / 1000;
  watching = false;
  await watcher;

  const answeredShare = tally.decisions === 0 ? 0 : tally.answered / tally.decisions;
  const ack = summary(acks);
  const ackedToVisible = summary(visible);
  return {
    results: {
      seconds: round(elapsedSeconds, 1),
      offeredPerSecond: perSecond,
      writes,
      acknowledgedPerSecond: round(writes.acknowledged / elapsedSeconds, 1),
      ack,
      ackedToVisible,
      decisions: tally,
      answeredShare: round(answeredShare, 5),
    },
    goals: [
      goal(
        `soak at ${perSecond} writes/s: decisions answered (non-503), share`,
        answeredShare,
        1,
        '>= 0.999',
      ),
      goal(
        `soak: decisions allowed after an acknowledged withdrawal (of ${tally.decisions})`,
        tally.allowedAfterWithdrawal,
        1,
        '<= 0',
      ),
      goal('soak: decisions with a token that did not see its write', tally.tokenNotSeen, 1, '<= 0'),
      goal(
        `soak at ${perSecond} writes/s: acknowledged → visible p99 over the 1 s bound`,
        ackedToVisible.p99Ms,
        1000,
        '<= 1',
      ),
    ],
  };
}
