import type { LedgerEvent } from '../events/ledger-event';
import { recordEvent, type CommandProvenance, type RecordingContext } from '../events/record-event';
import type { Channel, Partner } from '../vocabulary/purposes';

export const PARTNER_TRANSFER_RECORDED = 'PartnerTransferRecorded';

/** One contact handed to the partner, and why it was allowed. */
export interface TransferredContact {
  ref: Record<string, string>;
  subjectId: string | null;
  reason: string;
  evidence: string[];
}

/**
 * The proof of a transfer: what was sent to whom, when, under which policy version. The event's
 * subject is the transfer itself (its id is the record key), not a person.
 */
export interface PartnerTransferRecordedData {
  transferId: string;
  partner: Partner;
  channel: Channel;
  policy: { id: string; version: string };
  decidedAt: string;
  counts: { requested: number; sent: number; refused: Record<string, number> };
  /** sha256 of the sent list as NDJSON: one JSON reference a line, each ending in \n. */
  listHash: string;
  sent: TransferredContact[];
}

export type PartnerTransferRecorded = LedgerEvent<
  typeof PARTNER_TRANSFER_RECORDED,
  PartnerTransferRecordedData
>;

export const recordPartnerTransfer = (
  command: CommandProvenance & { transfer: PartnerTransferRecordedData },
  context: RecordingContext,
): PartnerTransferRecorded => recordEvent(PARTNER_TRANSFER_RECORDED, 1, command, command.transfer, context);

/** The exact bytes whose hash the manifest carries: recomputable by anyone from the sent list. */
export function sentListNdjson(sent: Array<{ ref: Record<string, string> }>): string {
  return sent.map(({ ref }) => `${JSON.stringify(ref)}\n`).join('');
}
