import type { LedgerEvent } from '../events/ledger-event';
import { recordEvent, type CommandProvenance, type RecordingContext } from '../events/record-event';
import type { HistoryEntry } from '../subjects/history-entry';

export const PROCESSING_RESTRICTED = 'ProcessingRestricted';
export const RESTRICTION_LIFTED = 'RestrictionLifted';

/** GDPR art. 18: while restricted, data are only stored (and used for legal claims), not processed. */
export interface RestrictionData {
  /** The rights request that led to it, when there is one. */
  requestId?: string;
  reason: string;
}

export type ProcessingRestricted = LedgerEvent<typeof PROCESSING_RESTRICTED, RestrictionData>;
export type RestrictionLifted = LedgerEvent<typeof RESTRICTION_LIFTED, RestrictionData>;

const data = (command: RestrictionData): RestrictionData => ({
  reason: command.reason,
  ...(command.requestId !== undefined ? { requestId: command.requestId } : {}),
});

export const restrictProcessing = (
  command: CommandProvenance & RestrictionData,
  context: RecordingContext,
): ProcessingRestricted => recordEvent(PROCESSING_RESTRICTED, 1, command, data(command), context);

export const liftRestriction = (
  command: CommandProvenance & RestrictionData,
  context: RecordingContext,
): RestrictionLifted => recordEvent(RESTRICTION_LIFTED, 1, command, data(command), context);

/** The restriction standing among entries in effect order, if the latest word on it restricts. */
export function standingRestriction(entries: HistoryEntry[]): HistoryEntry | undefined {
  let standing: HistoryEntry | undefined;
  for (const entry of entries) {
    if (entry.type === PROCESSING_RESTRICTED) standing = entry;
    else if (entry.type === RESTRICTION_LIFTED) standing = undefined;
  }
  return standing;
}
