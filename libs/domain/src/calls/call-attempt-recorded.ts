import type { LedgerEvent } from '../events/ledger-event';
import { recordEvent, type CommandProvenance, type RecordingContext } from '../events/record-event';

export const CALL_ATTEMPT_RECORDED = 'CallAttemptRecorded';

export const CALL_KINDS = ['service', 'canvassing'] as const;
export type CallKind = (typeof CALL_KINDS)[number];

export const CALL_OUTCOMES = ['answered', 'no_answer', 'refused'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/**
 * One call attempt. A canvassing call the person refused counts as an opposition to telephone
 * prospecting (law 2025-594, D.223-9): no further canvassing call until they consent again.
 */
export interface CallAttemptRecordedData {
  callId: string;
  kind: CallKind;
  outcome: CallOutcome;
}

export type CallAttemptRecorded = LedgerEvent<typeof CALL_ATTEMPT_RECORDED, CallAttemptRecordedData>;

export const recordCallAttempt = (
  command: CommandProvenance & CallAttemptRecordedData,
  context: RecordingContext,
): CallAttemptRecorded =>
  recordEvent(
    CALL_ATTEMPT_RECORDED,
    1,
    command,
    { callId: command.callId, kind: command.kind, outcome: command.outcome },
    context,
  );

export const isCanvassingRefusal = (event: { type: string; data: unknown }): boolean =>
  event.type === CALL_ATTEMPT_RECORDED &&
  (event.data as CallAttemptRecordedData).kind === 'canvassing' &&
  (event.data as CallAttemptRecordedData).outcome === 'refused';
