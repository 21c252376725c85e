import type { LogPosition } from './event-log.port';

/** How far the read models have applied the log, per partition. */
export interface Checkpoints {
  /** Never moves back: an older batch redelivered after a newer one changes nothing. */
  advance(positions: LogPosition[]): Promise<void>;
  appliedOffsets(): Promise<Map<number, number>>;
  appliedOffset(partition: number): Promise<number | undefined>;
}

/** Whether every partition has applied at least up to its target offset: the one "caught up". */
export function caughtUp(applied: Map<number, number>, targets: Map<number, number>): boolean {
  return [...targets].every(([partition, offset]) => (applied.get(partition) ?? -1) >= offset);
}

/** How many records of the targets have been applied (for progress), counting offsets from 0. */
export function appliedCount(applied: Map<number, number>, targets: Map<number, number>): number {
  return [...targets].reduce(
    (sum, [partition, offset]) => sum + Math.min(applied.get(partition) ?? -1, offset) + 1,
    0,
  );
}
