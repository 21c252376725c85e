import type { LedgerEvent } from '../events/ledger-event';
import { recordEvent, type CommandProvenance, type RecordingContext } from '../events/record-event';
import {
  OPPOSITION_REGISTERED,
  OPPOSITION_WITHDRAWN,
  type OppositionScope,
} from '../consents/consent-events';
import { inEffectOrder, type HistoryEntry } from '../subjects/history-entry';

export const SUBJECT_ERASED = 'SubjectErased';

/**
 * What outlives an erasure: the keyed hashes of the person's identifiers and the oppositions
 * standing then, so that the same email or phone under a new subject is still not canvassed.
 */
export interface Suppression {
  /** `email:<hmac>`, `phone:<hmac>`, `member:<hmac>`: never the identifiers themselves. */
  identifierKeys: string[];
  oppositions: OppositionScope[];
}

export interface SubjectErasedData {
  /** The erasure request it completes, when there is one. */
  requestId?: string;
  suppression: Suppression;
}

export type SubjectErased = LedgerEvent<typeof SUBJECT_ERASED, SubjectErasedData>;

/**
 * A prospect silent past the retention period (CNIL: 3 years after their last own contact),
 * purged by the retention worker exactly as an erasure, the suppression list included.
 */
export const SUBJECT_EXPIRED = 'SubjectExpired';

export interface SubjectExpiredData {
  /** Their last own activity, from which the retention period ran. */
  lastOwnActivityAt: string;
  retentionMonths: number;
  suppression: Suppression;
}

export type SubjectExpired = LedgerEvent<typeof SUBJECT_EXPIRED, SubjectExpiredData>;

export const expireSubject = (
  command: CommandProvenance & SubjectExpiredData,
  context: RecordingContext,
): SubjectExpired =>
  recordEvent(
    SUBJECT_EXPIRED,
    1,
    command,
    {
      lastOwnActivityAt: command.lastOwnActivityAt,
      retentionMonths: command.retentionMonths,
      suppression: command.suppression,
    },
    context,
  );

/** Events that end a person's record: their data purged, their key destroyed. */
export const isPurge = (event: { type: string }): event is SubjectErased | SubjectExpired =>
  event.type === SUBJECT_ERASED || event.type === SUBJECT_EXPIRED;

export const eraseSubject = (
  command: CommandProvenance & SubjectErasedData,
  context: RecordingContext,
): SubjectErased =>
  recordEvent(
    SUBJECT_ERASED,
    1,
    command,
    {
      ...(command.requestId !== undefined ? { requestId: command.requestId } : {}),
      suppression: command.suppression,
    },
    context,
  );

const scopeKey = (scope: OppositionScope): string =>
  JSON.stringify([scope.purpose, [...(scope.channels ?? [])].sort(), scope.partner ?? null]);

/** The oppositions standing among entries (not withdrawn since), as scopes. */
export function standingOppositions(entries: HistoryEntry[]): OppositionScope[] {
  const latest = new Map<string, HistoryEntry>();
  for (const entry of inEffectOrder(entries)) {
    if (entry.type !== OPPOSITION_REGISTERED && entry.type !== OPPOSITION_WITHDRAWN) continue;
    latest.set(scopeKey(entry.data as OppositionScope), entry);
  }
  return [...latest.values()]
    .filter((entry) => entry.type === OPPOSITION_REGISTERED)
    .map((entry) => {
      const { purpose, channels, partner } = entry.data as OppositionScope;
      return {
        purpose,
        ...(channels !== undefined ? { channels } : {}),
        ...(partner !== undefined ? { partner } : {}),
      };
    });
}

/**
 * The oppositions a new subject inherits from suppression entries its identifiers match, as
 * entries decisions read like the person's own: in effect from the registration that matched.
 */
export function inheritedOppositions(
  suppressions: Array<{ erasedEventId: string; oppositions: OppositionScope[] }>,
  registration: Pick<HistoryEntry, 'recordedAt' | 'position'>,
): HistoryEntry[] {
  return suppressions.flatMap(({ erasedEventId, oppositions }) =>
    oppositions.map((scope, i) => ({
      id: `${erasedEventId}/suppression/${i}`,
      type: OPPOSITION_REGISTERED,
      schemaVersion: 2,
      occurredAt: registration.recordedAt,
      recordedAt: registration.recordedAt,
      actor: { type: 'system' as const, id: 'suppression-list' },
      source: { collectionPoint: 'suppression-list', method: 'api' as const, client: 'ledger' },
      data: scope,
      position: registration.position,
    })),
  );
}
