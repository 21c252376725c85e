import type { HistoryEvent, HistoryPage } from '../api/types';
import { useConsole } from '../context';
import { eventLabel } from '../i18n/labels';

/** Events a timeline page shows: a screenful, read by point reads whatever the history's length. */
export const TIMELINE_PAGE = 50;

interface TimelineProps {
  page: HistoryPage;
  following: boolean;
  onNewer: () => void;
  onOlder: () => void;
  onNewest: () => void;
  onRefresh: () => void;
}

/** Every event of a page, newest first: who acted, the notice shown, the proof, the chain hashes. */
export function Timeline({ page, following, onNewer, onOlder, onNewest, onRefresh }: TimelineProps) {
  const { t } = useConsole();
  const events = [...page.events].reverse();
  const last = page.from + page.events.length;
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timelineTitle')}</h2>
      <p>
        {page.events.length > 0
          ? t('timelineRange', { from: last, to: page.from + 1, total: page.eventCount })
          : t('noRows')}
        {following && <span class="hint"> · {t('autoRefresh')}</span>}
      </p>
      <nav aria-label={t('timelineTitle')} class="pager">
        <button type="button" onClick={onNewest} disabled={following}>
          {t('newest')}
        </button>
        <button type="button" onClick={onNewer} disabled={last >= page.eventCount}>
          {t('newer')}
        </button>
        <button type="button" onClick={onOlder} disabled={page.from === 0}>
          {t('older')}
        </button>
        <button type="button" onClick={onRefresh}>
          {t('refresh')}
        </button>
      </nav>
      <ol class="timeline" data-testid="timeline" reversed start={last}>
        {events.map((event) => (
          <TimelineEvent key={event.id} event={event} />
        ))}
      </ol>
    </section>
  );
}

function TimelineEvent({ event }: { event: HistoryEvent }) {
  const { t, date, language } = useConsole();
  const restrictive = event.type === 'ConsentWithdrawn' || event.type === 'OppositionRegistered';
  return (
    <li class={restrictive ? 'event restrictive' : 'event'} data-event-type={event.type}>
      <h3>
        {eventLabel(language, event.type)}{' '}
        <span class="muted">
          ({event.type} v{event.schemaVersion})
        </span>
      </h3>
      <dl>
        <dt>{t('recordedAt')}</dt>
        <dd>{date(event.recordedAt)}</dd>
        <dt>{t('occurredAt')}</dt>
        <dd>{date(event.occurredAt)}</dd>
        <dt>{t('actor')}</dt>
        <dd>
          {event.actor.type}
          {event.actor.id ? ` · ${event.actor.id}` : ''}
        </dd>
        <dt>{t('source')}</dt>
        <dd>
          {event.source.collectionPoint} · {event.source.method} · {event.source.client}
        </dd>
        <dt>{t('notice')}</dt>
        <dd>{event.notice ? `${event.notice.id} (${event.notice.version})` : t('none')}</dd>
        <dt>{t('proof')}</dt>
        <dd>{event.proof ? `${event.proof.type}: ${event.proof.ref}` : t('none')}</dd>
        <dt>{t('hash')}</dt>
        <dd>
          <code class="hash">{event.chain?.hash ?? t('none')}</code>
        </dd>
        <dt>{t('previousHash')}</dt>
        <dd>
          <code class="hash">{event.chain?.previous ?? t('none')}</code>
        </dd>
        <dt>{t('details')}</dt>
        <dd>
          <code>{JSON.stringify(event.data)}</code>
        </dd>
      </dl>
    </li>
  );
}
