import { useState } from 'preact/hooks';
import type { RightsBoard as Board } from '../api/types';
import { useConsole } from '../context';
import type { LabelKey } from '../i18n/labels';
import { CursorPager, useCursorPages } from '../pager';
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
  const pages = useCursorPages();
  const cursor = pages.cursor;
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
          pages.reset();
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
          <CursorPager label={t('rightsTitle')} pages={pages} next={board.next} />
        </>
      )}
    </section>
  );
}
