import type { CallKind } from '../calls/call-attempt-recorded';
import { isCanvassingAttempt } from '../subjects/retained-entries';
import type { SubjectRecord } from '../subjects/subject-record';
import {
  checkCanvassingGuards,
  D223_9_GUARDS,
  type CalleeLocale,
  type CanvassingGuards,
} from './canvassing-guards';
import { decide, type ReasonCode } from './decide';
import { policyInForce, recordingDestroyBy, type DecisionPurpose, type Policy } from './policy';

/** One answer of a call start: may it, why, on which events. */
export interface CallStartVerdict {
  allowed: boolean;
  reason: ReasonCode;
  evidence: string[];
}

/** Before a call connects: may it be recorded, and may it be a canvassing call at all? */
export interface CallStartDecision {
  kind: CallKind;
  decidedAt: string;
  /** Canvassing calls only: prospecting by phone, then the D.223-9 hours and attempt limit. */
  canvassing?: CallStartVerdict;
  recording: {
    quality: CallStartVerdict & { destroyBy: { recording: string; analysisGrid: string } };
    canvassing?: CallStartVerdict & { destroyBy: { recording: string } };
  };
}

/**
 * The subject's canvassing attempts still retained (the last 30 days at least): one a call, at
 * its earliest trace, whether the ledger saw it start, heard its outcome, or both.
 */
export function canvassingAttempts(record: SubjectRecord | null): string[] {
  const firstTrace = new Map<string, string>();
  for (const entry of (record?.retained ?? []).filter(isCanvassingAttempt)) {
    const { callId } = entry.data as { callId: string };
    const known = firstTrace.get(callId);
    if (known === undefined || Date.parse(entry.occurredAt) < Date.parse(known)) {
      firstTrace.set(callId, entry.occurredAt);
    }
  }
  return [...firstTrace.values()];
}

/** The whole call-start rule: prospecting decision, calling hours and attempts, recording. */
export function decideCallStart(
  policy: Policy,
  record: SubjectRecord | null,
  call: { kind: CallKind; at: string },
  guards: CanvassingGuards = D223_9_GUARDS,
): CallStartDecision {
  const { at } = call;
  const ask = (purpose: DecisionPurpose): CallStartVerdict => {
    const { allowed, reason, evidence } = decide(policy, record, { purpose, channel: 'phone', at });
    return { allowed, reason, evidence };
  };
  const destroyBy = recordingDestroyBy(policy, at);
  const quality = {
    ...ask('call_recording_quality'),
    destroyBy: { recording: destroyBy.qualityRecording, analysisGrid: destroyBy.analysisGrid },
  };
  if (call.kind === 'service') return { kind: call.kind, decidedAt: at, recording: { quality } };

  const recording = ask('call_recording_canvassing');
  return {
    kind: call.kind,
    decidedAt: at,
    canvassing: canvassingVerdict(policy, ask('prospecting'), recording, guards, at, record),
    recording: {
      quality,
      canvassing: { ...recording, destroyBy: { recording: destroyBy.canvassingRecording } },
    },
  };
}

/** Where the person lives, as their registration says (the guards' own zone and metropolitan otherwise). */
function calleeLocale(record: SubjectRecord | null, guards: CanvassingGuards): CalleeLocale {
  return {
    timeZone: record?.timeZone ?? guards.timeZone,
    holidayCalendar: record?.holidayCalendar ?? 'metropolitan',
  };
}

/** Prospecting by phone first, then the recording such a call must have, then D.223-9. */
function canvassingVerdict(
  policy: Policy,
  prospecting: CallStartVerdict,
  recording: CallStartVerdict,
  guards: CanvassingGuards,
  at: string,
  record: SubjectRecord | null,
): CallStartVerdict {
  if (!prospecting.allowed) return prospecting;
  const version = policyInForce(policy, at);
  if (version.canvassingNeedsRecording === true && !recording.allowed) {
    return { allowed: false, reason: 'recording_objection', evidence: recording.evidence };
  }
  const locale = version.callingHoursWhereThePersonLives === true ? calleeLocale(record, guards) : undefined;
  const guard = checkCanvassingGuards(guards, at, canvassingAttempts(record), locale);
  return guard.allowed ? prospecting : { allowed: false, reason: guard.reason, evidence: [] };
}
