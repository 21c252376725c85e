import type { LedgerEvent } from '../events/ledger-event';

/** Where an appended event landed: opaque to callers, used for read-your-writes. */
export interface LogPosition {
  partition: number;
  offset: string;
}

/** The append-only log the core writes to; implemented by the Kafka adapter. */
export interface EventLog {
  append(event: LedgerEvent): Promise<LogPosition>;
}
