import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ReadSideStatus } from '../read-side/read-side-status';

/** The API's Prometheus metrics, one registry per application (tests run several in a process). */
@Injectable()
export class LedgerMetrics {
  readonly registry = new Registry();
  readonly decisions = new Counter({
    name: 'ledger_decisions_total',
    help: 'Decisions answered, by purpose, channel, outcome and reason',
    labelNames: ['purpose', 'channel', 'allowed', 'reason'],
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'ledger_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly batchLines = new Counter({
    name: 'ledger_batch_lines_total',
    help: 'Batch lines read, by how their list was answered (keyed lookups, a join in memory: hash, or on disk: join)',
    labelNames: ['strategy'],
    registers: [this.registry],
  });
  readonly producerErrors = new Counter({
    name: 'ledger_producer_errors_total',
    help: 'Appends the event log did not acknowledge (each discards the producer)',
    registers: [this.registry],
  });

  constructor(status: ReadSideStatus) {
    collectDefaultMetrics({ register: this.registry, prefix: 'ledger_api_' });
    const snapshotGauge = (name: string, help: string, labelNames: string[], set: (gauge: Gauge) => void) =>
      new Gauge({
        name,
        help,
        labelNames,
        registers: [this.registry],
        collect() {
          this.reset();
          set(this);
        },
      });
    snapshotGauge(
      'ledger_partition_lag_records',
      'Records the read model has yet to apply',
      ['partition'],
      (g) => {
        for (const p of status.current()?.partitions ?? [])
          g.set({ partition: String(p.partition) }, p.behind);
      },
    );
    snapshotGauge(
      'ledger_partition_lag_seconds',
      'How long each partition has been behind',
      ['partition'],
      (g) => {
        for (const p of status.current()?.partitions ?? [])
          g.set({ partition: String(p.partition) }, p.lagMs / 1000);
      },
    );
    snapshotGauge('ledger_dead_letters', 'Records on the dead-letter topic', [], (g) => {
      const count = status.current()?.deadLetters;
      if (count !== undefined) g.set(count);
    });
    snapshotGauge('ledger_projector_up', '1 when a projector said it was alive recently', [], (g) => {
      g.set(status.current()?.projector.status === 'up' ? 1 : 0);
    });
  }
}
