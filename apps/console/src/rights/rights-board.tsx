import { useState } from 'preact/hooks';
import type { RightsBoard as Board } from '../api/types';
import { useConsole } from '../context';
import type { LabelKey } from '../i18n/labels';
import { Status } from '../status';
import { useLoad } from '../use-load';

const VIEWS: Array<[string, LabelKey]> = [
  ['open', 'viewOpen'],
  ['due_soon', 'viewDueSoon'],
  ['overdue', 'viewOverdue'],
  ['closed', 'viewClosed'],
  ['all', 'viewAll'],
];
const PAGE = 50;

/** The DPO's board: requests by deadline, the overdue highlighted (in words, not by colour alone). */
export function RightsBoard() {
  const { api, t, date } = useConsole();
  const [view, setView] = useState('open');
  // Cursors of the pages seen, to step back; the API pages by keyset (`next`).
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const loaded = useLoad(
    () =>
      api.get<Board>(
        `/v1/rights-requests?view=${view}&limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      ),
    `${view}\n${cursor ?? ''}`,
  );
  const board = loaded.data;
  return (
    <section aria-labelledby="rights-title">
      <h1 id="rights-title" tabIndex={-1}>
        {t('rightsTitle')}
      </h1>
      <label for="rights-view">{t('view')}</label>{' '}
      <select
        id="rights-view"
        value={view}
        onChange={(event) => {
          setView(event.currentTarget.value);
          setCursors([]);
        }}
      >
        {VIEWS.map(([value, key]) => (
          <option key={value} value={value}>
            {t(key)}
          </option>
        ))}
      </select>
      <Status loading={loaded.loading} error={loaded.error} />
      {board && (
        <>
          <div class="scroll">
            <table data-testid="rights-board">
              <caption>
                {t('rightsTitle')} · {date(board.asOf)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('dueAt')}</th>
                  <th scope="col">{t('urgency')}</th>
                  <th scope="col">{t('requestType')}</th>
                  <th scope="col">{t('person')}</th>
                  <th scope="col">{t('receivedAt')}</th>
                  <th scope="col">{t('status')}</th>
                </tr>
              </thead>
              <tbody>
                {board.requests.length === 0 && (
                  <tr>
                    <td colSpan={6}>{t('noRows')}</td>
                  </tr>
                )}
                {board.requests.map((request) => (
                  <tr
                    key={request.requestId}
                    class={request.urgency ?? ''}
                    data-urgency={request.urgency ?? 'none'}
                  >
                    <td>{date(request.dueAt)}</td>
                    <td>
                      {request.urgency === 'overdue' ? (
                        <strong class="badge overdue">{t('overdue')}</strong>
                      ) : request.urgency === 'due_soon' ? (
                        <span class="badge due-soon">{t('dueSoon')}</span>
                      ) : (
                        t('none')
                      )}
                    </td>
                    <td>{request.type}</td>
                    <td>
                      <a href={`#/person/${encodeURIComponent(request.subjectId)}`}>{request.subjectId}</a>
                    </td>
                    <td>{date(request.receivedAt)}</td>
                    <td>{request.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav class="pager" aria-label={t('rightsTitle')}>
            <button type="button" disabled={cursors.length === 0} onClick={() => setCursors([])}>
              {t('firstPage')}
            </button>
            <button
              type="button"
              disabled={!board.next}
              onClick={() => {
                const next = board.next
                  ? new URL(board.next, window.location.origin).searchParams.get('cursor')
                  : null;
                if (next) setCursors([...cursors, next]);
              }}
            >
              {t('nextPage')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
