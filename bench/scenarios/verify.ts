import { createHash, createPublicKey, verify } from 'node:crypto';
import { canonicalEvent, encodeEvent, EventSigner, EventVerifier, type SignedEvent } from '@ledger/contracts';
import { giveConsent, withdrawConsent, type LedgerEvent } from '@ledger/domain';
import { createIdempotentProducer, ensureEventsTopic } from '@ledger/kafka';
import { v7 as uuidv7 } from 'uuid';
import { verifyLedger } from '../../apps/ledger-cli/src/verify/verify-ledger';
import { goal, round, timed } from '../support/measure';
import type { BenchStack } from '../support/bench-stack';

const actor = { type: 'subject' as const };
const source = { collectionPoint: 'bench', method: 'web_form' as const, client: 'bench' };
const EVENTS_PER_SUBJECT = 10;
const BATCH = 2000;

/** `events` consents and withdrawals, ten a subject, interleaved as real traffic would be. */
function* traffic(events: number): Generator<LedgerEvent> {
  const subjects = Math.max(1, Math.floor(events / EVENTS_PER_SUBJECT));
  const now = new Date().toISOString();
  for (let i = 0; i < events; i++) {
    const command = {
      subjectId: `verify-${i % subjects}`,
      actor,
      source,
      purpose: 'prospecting' as const,
      channels: ['email' as const],
    };
    const context = { eventId: uuidv7(), now };
    yield Math.floor(i / subjects) % 2 === 0
      ? giveConsent(command, context)
      : withdrawConsent(command, context);
  }
}

/**
 * `ledger verify` (issue 15): its throughput re-reading a topic of `events` signed events from
 * Kafka (decode, RFC 8785 canonical form, Ed25519 check, per-subject chain, partition digest)
 * against a bare loop of SHA-256 and Ed25519 verification over the same events' canonical forms
 * in memory, on the same machine in the same run. Log only: the read models are compared in the
 * e2e test, not here (projecting a million events is the projection scenario's business).
 */
export async function verifyThroughput(stack: BenchStack, events: number, log: (line: string) => void) {
  const signer = EventSigner.fromMasterKey(Buffer.from(stack.env.LEDGER_MASTER_KEY!, 'base64'));
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: signer.jwk.x }, format: 'jwk' });
  const topic = `${stack.topic}.verify`;
  await ensureEventsTopic(stack.kafka, { topic, partitions: 6 });
  const producer = createIdempotentProducer(stack.kafka);
  await producer.connect();
  let baselineSeconds = 0;
  let batch: SignedEvent[] = [];
  let produced = 0;
  const flush = async () => {
    await producer.send({ topic, acks: -1, messages: batch.map((event) => encodeEvent(event)) });
    // The baseline: the same events' canonical forms and signatures, hashed and verified in a bare loop.
    const prepared = batch.map((event) => ({
      canonical: Buffer.from(canonicalEvent(event), 'utf8'),
      signature: Buffer.from(event.signature!.value, 'base64url'),
    }));
    const started = process.hrtime.bigint();
    let valid = 0;
    for (const { canonical, signature } of prepared) {
      createHash('sha256').update(canonical).digest();
      if (verify(null, canonical, publicKey, signature)) valid++;
    }
    baselineSeconds += Number(process.hrtime.bigint() - started) / 1e9;
    if (valid !== prepared.length) throw new Error('the baseline found a signature that does not verify');
    produced += batch.length;
    batch = [];
    if (produced % 100_000 === 0) log(`  ${produced.toLocaleString('en')} events signed and produced`);
  };
  try {
    for (const event of traffic(events)) {
      batch.push(signer.sign(event));
      if (batch.length >= BATCH) await flush();
    }
    if (batch.length > 0) await flush();
  } finally {
    await producer.disconnect();
  }

  const heapBefore = process.memoryUsage().rss;
  const { seconds, result: report } = await timed(() =>
    verifyLedger({ kafka: stack.kafka, topic, verifier: new EventVerifier([signer.jwk]) }),
  );
  const rssMiB = (process.memoryUsage().rss - heapBefore) / 2 ** 20;
  if (report.records !== events || report.notProjected.length > 0 || report.divergences.length > 0)
    throw new Error(`verify read ${report.records} records, ${report.notProjected.length} rejected`);
  const verifyRate = events / seconds;
  const baselineRate = events / baselineSeconds;
  return {
    results: {
      events,
      subjects: report.subjects,
      verifySeconds: round(seconds),
      verifyEventsPerSecond: Math.round(verifyRate),
      baselineEventsPerSecond: Math.round(baselineRate),
      verifyRssGrowthMiB: round(rssMiB, 0),
    },
    goals: [
      goal(
        `ledger verify events/s over a bare SHA-256 + Ed25519 loop (${events.toLocaleString('en')} events)`,
        verifyRate,
        baselineRate,
        '>= 0.5',
      ),
    ],
  };
}
