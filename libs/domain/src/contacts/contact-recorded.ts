import type { LedgerEvent } from '../events/ledger-event';
import { recordEvent, type CommandProvenance, type RecordingContext } from '../events/record-event';
import type { Channel } from '../vocabulary/purposes';

export const CONTACT_RECORDED = 'ContactRecorded';

/** Who initiated a contact matters: prospect data is kept 3 years after their last own contact. */
export const CONTACT_INITIATORS = ['subject', 'company'] as const;
export type ContactInitiator = (typeof CONTACT_INITIATORS)[number];

export interface ContactRecordedData {
  channel: Channel;
  initiatedBy: ContactInitiator;
}

export type ContactRecorded = LedgerEvent<typeof CONTACT_RECORDED, ContactRecordedData>;

export type RecordContact = CommandProvenance & ContactRecordedData;

export const recordContact = (command: RecordContact, context: RecordingContext): ContactRecorded =>
  recordEvent(
    CONTACT_RECORDED,
    1,
    command,
    { channel: command.channel, initiatedBy: command.initiatedBy },
    context,
  );
