import { LedgerError } from '../errors/ledger-error';
import type { LedgerEvent } from '../events/ledger-event';
import { recordEvent, type CommandProvenance, type RecordingContext } from '../events/record-event';
import type { HistoryEntry } from '../subjects/history-entry';

export const CUSTOMER_RELATIONSHIP_ESTABLISHED = 'CustomerRelationshipEstablished';
export const CUSTOMER_RELATIONSHIP_ENDED = 'CustomerRelationshipEnded';

/** A contract the person holds: soft opt-in and "contrat en cours" hold only while one is active. */
export interface CustomerRelationshipEstablishedData {
  contractRef: string;
  /** The product line (sante, prevoyance…): what "analogous products" are judged against. */
  productLine: string;
  startedAt: string;
}

export interface CustomerRelationshipEndedData {
  contractRef: string;
  endedAt: string;
}

export type CustomerRelationshipEstablished = LedgerEvent<
  typeof CUSTOMER_RELATIONSHIP_ESTABLISHED,
  CustomerRelationshipEstablishedData
>;
export type CustomerRelationshipEnded = LedgerEvent<
  typeof CUSTOMER_RELATIONSHIP_ENDED,
  CustomerRelationshipEndedData
>;

/** The contract's own dates are the event's: it takes effect when it started or ended. */
export const establishRelationship = (
  command: CommandProvenance & CustomerRelationshipEstablishedData,
  context: RecordingContext,
): CustomerRelationshipEstablished => {
  const { contractRef, productLine } = command;
  const startedAt = new Date(command.startedAt).toISOString();
  return recordEvent(
    CUSTOMER_RELATIONSHIP_ESTABLISHED,
    1,
    { ...command, occurredAt: startedAt },
    { contractRef, productLine, startedAt },
    context,
  );
};

export const endRelationship = (
  command: CommandProvenance & CustomerRelationshipEndedData,
  context: RecordingContext,
): CustomerRelationshipEnded => {
  const endedAt = new Date(command.endedAt).toISOString();
  return recordEvent(
    CUSTOMER_RELATIONSHIP_ENDED,
    1,
    { ...command, occurredAt: endedAt },
    { contractRef: command.contractRef, endedAt },
    context,
  );
};

/** An end must follow a start the ledger knows of: ending an unknown contract is a 404. */
export function assertRelationshipKnown(entries: HistoryEntry[], contractRef: string): void {
  const known = entries.some(
    (entry) =>
      entry.type === CUSTOMER_RELATIONSHIP_ESTABLISHED &&
      (entry.data as CustomerRelationshipEstablishedData).contractRef === contractRef,
  );
  if (!known) throw new LedgerError('not_found', `No customer relationship ${contractRef} for this subject`);
}

/**
 * The relationship active at `at` among entries known then (in effect order): the latest-started
 * contract established and not ended by `at`, or undefined.
 */
export function activeRelationship(entries: HistoryEntry[], at: string): HistoryEntry | undefined {
  const instant = Date.parse(at);
  const open = new Map<string, HistoryEntry>();
  for (const entry of entries) {
    if (entry.type === CUSTOMER_RELATIONSHIP_ESTABLISHED) {
      const data = entry.data as CustomerRelationshipEstablishedData;
      if (Date.parse(data.startedAt) <= instant) open.set(data.contractRef, entry);
    } else if (entry.type === CUSTOMER_RELATIONSHIP_ENDED) {
      const data = entry.data as CustomerRelationshipEndedData;
      if (Date.parse(data.endedAt) <= instant) open.delete(data.contractRef);
    }
  }
  return [...open.values()].pop();
}
