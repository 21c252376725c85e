import type { LedgerEvent } from '../events/ledger-event';
import { recordEvent, type CommandProvenance, type RecordingContext } from '../events/record-event';
import type { CallKind } from './call-attempt-recorded';

export const CALL_STARTED = 'CallStarted';
export const RECORDING_OBJECTED = 'RecordingObjected';

export const RECORDING_KINDS = ['quality', 'canvassing'] as const;
export type RecordingKind = (typeof RECORDING_KINDS)[number];

/** A recording the call centre makes, and when it (and its analysis grid) must be destroyed. */
export interface ScheduledRecording {
  recording: RecordingKind;
  destroyBy: string;
  analysisGridDestroyBy?: string;
}

/**
 * A call the ledger let start: a canvassing one counts against the D.223-9 attempt limit from
 * its start, and the recordings it may make are scheduled for destruction.
 */
export interface CallStartedData {
  callId: string;
  kind: CallKind;
  recordings: ScheduledRecording[];
}

/** An objection to a call's recording, made during the call: an opposition, and a new destroy-by date. */
export interface RecordingObjectedData extends ScheduledRecording {
  callId: string;
}

export type CallStarted = LedgerEvent<typeof CALL_STARTED, CallStartedData>;
export type RecordingObjected = LedgerEvent<typeof RECORDING_OBJECTED, RecordingObjectedData>;

export const recordCallStart = (
  command: CommandProvenance & CallStartedData,
  context: RecordingContext,
): CallStarted =>
  recordEvent(
    CALL_STARTED,
    1,
    command,
    { callId: command.callId, kind: command.kind, recordings: command.recordings },
    context,
  );

export const recordRecordingObjection = (
  command: CommandProvenance & RecordingObjectedData,
  context: RecordingContext,
): RecordingObjected =>
  recordEvent(
    RECORDING_OBJECTED,
    1,
    command,
    {
      callId: command.callId,
      recording: command.recording,
      destroyBy: command.destroyBy,
      ...(command.analysisGridDestroyBy !== undefined
        ? { analysisGridDestroyBy: command.analysisGridDestroyBy }
        : {}),
    },
    context,
  );

/** The purpose a recording objection opposes (on the phone). */
export const recordingPurpose = (recording: RecordingKind) =>
  recording === 'quality' ? ('call_recording_quality' as const) : ('call_recording_canvassing' as const);
