import type { DecisionList } from '../api/types';
import { useConsole } from '../context';
import { CursorPager, useCursorPages } from '../pager';
import { Status } from '../status';
import { useLoad } from '../use-load';

const PAGE = 20;

/** What the ledger answered about this person, to any caller, latest first; each one explained. */
export function PersonDecisions({ subjectId, refreshed }: { subjectId: string; refreshed: number }) {
  const { api, t, date } = useConsole();
  const pages = useCursorPages();
  const cursor = pages.cursor;
  const loaded = useLoad(
    () =>
      api.get<DecisionList>(
        `/v1/subjects/${encodeURIComponent(subjectId)}/decisions?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      ),
    `${subjectId}\n${cursor ?? ''}\n${cursor ? 0 : refreshed}`,
  );
  const list = loaded.data?.subjectId === subjectId ? loaded.data : undefined;
  return (
    <section aria-labelledby="decisions-title">
      <h2 id="decisions-title">{t('decisionsTitle')}</h2>
      <Status loading={loaded.loading && !list} error={loaded.error} />
      {list && (
        <>
          <div class="scroll">
            <table data-testid="person-decisions">
              <caption class="visually-hidden">{t('decisionsTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('decidedAt')}</th>
                  <th scope="col">{t('purpose')}</th>
                  <th scope="col">{t('channel')}</th>
                  <th scope="col">{t('answer')}</th>
                  <th scope="col">{t('reason')}</th>
                  <th scope="col">{t('why')}</th>
                </tr>
              </thead>
              <tbody>
                {list.decisions.length === 0 && (
                  <tr>
                    <td colSpan={6}>{t('noRows')}</td>
                  </tr>
                )}
                {list.decisions.map((decision) => (
                  <tr key={decision.decisionId}>
                    <td>{date(decision.decidedAt)}</td>
                    <td>
                      {decision.question.purpose}
                      {decision.question.partner ? ` · ${decision.question.partner}` : ''}
                    </td>
                    <td>{decision.question.channel}</td>
                    <td>{decision.answer.allowed ? `✓ ${t('allowed')}` : `✗ ${t('refused')}`}</td>
                    <td>
                      <code>{decision.answer.reason}</code>
                    </td>
                    <td>
                      <a
                        href={`#/decision/${decision.decisionId}`}
                        aria-label={`${t('why')} ${decision.decisionId}`}
                      >
                        {t('why')}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CursorPager label={t('decisionsTitle')} pages={pages} next={list.next} />
        </>
      )}
    </section>
  );
}
