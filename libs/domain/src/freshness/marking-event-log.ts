import type { LedgerEvent } from '../events/ledger-event';
import type { EventLog, LogPosition } from '../ports/event-log.port';
import type { PendingMarks } from '../ports/pending-marks.port';
import { markKeysOf } from './restrictive-events';

/**
 * The event log as every writer of the ledger uses it: a restrictive event is appended, then
 * marked, and only then is the append done. A caller acknowledges after `append` resolves, so
 * every acknowledged restrictive event has its mark before anyone is told it is recorded; a
 * crash in between leaves an event nobody was told about, and a retry marks it again.
 */
export class MarkingEventLog implements EventLog {
  constructor(
    private readonly log: EventLog,
    private readonly marks: PendingMarks,
  ) {}

  async append(event: LedgerEvent): Promise<LogPosition> {
    const position = await this.log.append(event);
    await this.markAppended(event, position);
    return position;
  }

  /** Marks an event found in the log (a retry of a write whose first answer was lost). */
  async markAppended(event: LedgerEvent, position: LogPosition): Promise<void> {
    const keys = markKeysOf(event);
    if (keys.length === 0) return;
    const at = { partition: position.partition, offset: Number(position.offset) };
    await this.marks.leave(keys.map((key) => ({ key, ...at })));
  }
}
