import type { PartitionLag, ReadSideSnapshot } from '../read-side/read-side-status';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'starting';
  checks: {
    kafka: { status: 'up' | 'down'; error?: string };
    mongo: { status: 'up' | 'down'; error?: string };
    projector: { status: 'up' | 'down'; lastSeenMsAgo?: number };
    readSide: { status: 'up' | 'lagging' | 'unknown'; maxLagMs: number; partitions: PartitionLag[] };
  };
  deadLetters?: number;
  checkedMsAgo?: number;
}

/** A snapshot older than this means the poller itself is stuck: not healthy. */
const STALE_SNAPSHOT_MS = 5000;

const NOT_CHECKED_YET: HealthReport = {
  status: 'starting',
  checks: {
    kafka: { status: 'down', error: 'not checked yet' },
    mongo: { status: 'down', error: 'not checked yet' },
    projector: { status: 'down' },
    readSide: { status: 'unknown', maxLagMs: 0, partitions: [] },
  },
};

/** Healthy only when Kafka and Mongo answer, a projector is alive and no partition lags past the bound. */
export function healthReport(snapshot: ReadSideSnapshot | undefined, now: number): HealthReport {
  if (!snapshot) return NOT_CHECKED_YET;
  const age = now - snapshot.at;
  const lagging = snapshot.partitions.some((p) => p.lagMs > snapshot.maxLagMs);
  const readSideKnown = snapshot.kafka.status === 'up' && snapshot.mongo.status === 'up';
  const ok = readSideKnown && !lagging && snapshot.projector.status === 'up' && age <= STALE_SNAPSHOT_MS;
  return {
    status: ok ? 'ok' : 'degraded',
    checks: {
      kafka: snapshot.kafka,
      mongo: snapshot.mongo,
      projector: snapshot.projector,
      readSide: {
        status: !readSideKnown ? 'unknown' : lagging ? 'lagging' : 'up',
        maxLagMs: snapshot.maxLagMs,
        partitions: snapshot.partitions,
      },
    },
    ...(snapshot.deadLetters !== undefined ? { deadLetters: snapshot.deadLetters } : {}),
    checkedMsAgo: age,
  };
}
