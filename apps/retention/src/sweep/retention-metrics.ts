import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';

/** What the worker exports for Prometheus: deadlines at risk, what it purged, when it last ran. */
@Injectable()
export class RetentionMetrics {
  readonly registry = new Registry();
  readonly rightsRequests = new Gauge({
    name: 'ledger_rights_requests_open',
    help: 'Open rights requests by urgency: overdue, or due within 7 days',
    labelNames: ['urgency'],
    registers: [this.registry],
  });
  readonly recordingsPastDestroyBy = new Gauge({
    name: 'ledger_recordings_past_destroy_by',
    help: 'Call recordings (or their analysis grids) past their destroy-by date',
    registers: [this.registry],
  });
  readonly cookieConsentsLapsed = new Counter({
    name: 'ledger_cookie_consents_lapsed_total',
    help: 'Cookie consents recorded as lapsed at their maximum age (CookieConsentLapsed appended)',
    registers: [this.registry],
  });
  readonly subjectsExpired = new Counter({
    name: 'ledger_subjects_expired_total',
    help: 'Prospects expired after the retention period (SubjectExpired appended)',
    registers: [this.registry],
  });
  readonly idempotencyPurged = new Counter({
    name: 'ledger_idempotency_records_purged_total',
    help: 'Idempotency records forgotten after the keep window',
    registers: [this.registry],
  });
  readonly decisionsPurged = new Counter({
    name: 'ledger_logged_decisions_purged_total',
    help: 'Logged decisions deleted after LEDGER_DECISION_LOG_KEEP_DAYS',
    registers: [this.registry],
  });
  readonly lastSweep = new Gauge({
    name: 'ledger_retention_last_sweep_timestamp_seconds',
    help: 'When the last sweep finished (Unix time)',
    registers: [this.registry],
  });
}
