import type { LogPosition } from './event-log.port';

/**
 * How far a partition is applied: the highest offset, and the running digest of every verified
 * record up to it (absent when the partition was projected before digests were kept).
 */
export interface PartitionMark {
  appliedOffset: number;
  digest?: string;
}

/** How far the read models have applied the log, per partition. */
export interface Checkpoints {
  mark(partition: number): Promise<PartitionMark | undefined>;
  marks(): Promise<Map<number, PartitionMark>>;
  /**
   * Moves a partition's mark from `from` (as the batch loaded it) to `to`; false, changing
   * nothing, when the mark is no longer `from` (a replay or another instance moved it meanwhile).
   */
  moveMark(partition: number, from: PartitionMark | undefined, to: PartitionMark): Promise<boolean>;
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

/** The positions of a batch by partition, in offset order. */
export function byPartition<T extends { position: LogPosition }>(items: T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(item.position.partition) ?? [];
    group.push(item);
    groups.set(item.position.partition, group);
  }
  for (const group of groups.values())
    group.sort((a, b) => Number(a.position.offset) - Number(b.position.offset));
  return groups;
}
