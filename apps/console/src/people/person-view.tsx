import { useEffect, useState } from 'preact/hooks';
import type { FoundSubject, HistoryPage, SubjectState } from '../api/types';
import { useConsole } from '../context';
import { Status } from '../status';
import { useLoad } from '../use-load';
import { PersonDecisions } from './person-decisions';
import { StateGrid } from './state-grid';
import { Timeline, TIMELINE_PAGE } from './timeline';

const REFRESH_MS = 5000;

interface PersonData {
  found: FoundSubject;
  state: SubjectState;
  page: HistoryPage;
}

/**
 * One person: who they are, their state as a purpose × channel grid, and their timeline newest
 * first, a page of TIMELINE_PAGE events at a time (a 10,000-event history opens on its last page).
 */
export function PersonView({ subjectId }: { subjectId: string }) {
  const { api, t } = useConsole();
  // Events [end - TIMELINE_PAGE, end) are shown; undefined follows the newest as they arrive.
  const [end, setEnd] = useState<number | undefined>(undefined);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (end !== undefined) return undefined;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') setTick((n) => n + 1);
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [end]);
  const id = encodeURIComponent(subjectId);
  const loaded = useLoad<PersonData>(
    async () => {
      const found = await api.post<FoundSubject>('/v1/subject-lookups', { subjectId });
      const upTo = Math.min(end ?? found.eventCount, found.eventCount);
      const from = Math.max(0, upTo - TIMELINE_PAGE);
      const [state, page] = await Promise.all([
        api.get<SubjectState>(`/v1/subjects/${id}`),
        api.get<HistoryPage>(`/v1/subjects/${id}/history?from=${from}&limit=${Math.max(1, upTo - from)}`),
      ]);
      return { found, state, page };
    },
    `${subjectId}\n${end ?? 'newest'}\n${tick}`,
  );
  const data = loaded.data?.found.subjectId === subjectId ? loaded.data : undefined;
  return (
    <section aria-labelledby="person-title">
      <h1 id="person-title" tabIndex={-1}>
        {t('person')} <code>{subjectId}</code>
      </h1>
      <Status loading={loaded.loading && !data} error={loaded.error} />
      {data && (
        <>
          <dl class="facts">
            <dt>{t('kind')}</dt>
            <dd>{data.found.kind}</dd>
            <dt>{t('eventCount')}</dt>
            <dd data-testid="event-count">{data.found.eventCount}</dd>
            {data.found.erasedAt && (
              <>
                <dt>{t('erasedAt')}</dt>
                <dd>{data.found.erasedAt}</dd>
              </>
            )}
            <dt>{t('identifiers')}</dt>
            <dd>
              <code>{JSON.stringify(data.state.identifiers)}</code>
            </dd>
          </dl>
          <StateGrid subjectId={subjectId} state={data.state} />
          <Timeline
            page={data.page}
            following={end === undefined}
            onNewer={() => {
              const next = data.page.from + data.page.events.length + TIMELINE_PAGE;
              setEnd(next >= data.found.eventCount ? undefined : next);
            }}
            onOlder={() => setEnd(data.page.from)}
            onNewest={() => setEnd(undefined)}
            onRefresh={loaded.reload}
          />
          <PersonDecisions subjectId={subjectId} refreshed={tick} />
        </>
      )}
    </section>
  );
}
