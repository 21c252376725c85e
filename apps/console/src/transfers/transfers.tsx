import { useState } from 'preact/hooks';
import type { TransferList, TransferManifest } from '../api/types';
import { useConsole } from '../context';
import { CursorPager, useCursorPages } from '../pager';
import { Status } from '../status';
import { useLoad } from '../use-load';

const PAGE = 50;

/** Partner transfers, newest first; each opens on its manifest. */
export function Transfers() {
  const { api, t, date } = useConsole();
  const pages = useCursorPages();
  const cursor = pages.cursor;
  const loaded = useLoad(
    () =>
      api.get<TransferList>(
        `/v1/partner-transfers?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      ),
    cursor ?? '',
  );
  const list = loaded.data;
  return (
    <section aria-labelledby="transfers-title">
      <h1 id="transfers-title" tabIndex={-1}>
        {t('transfersTitle')}
      </h1>
      <Status loading={loaded.loading} error={loaded.error} />
      {list && (
        <>
          <div class="scroll">
            <table data-testid="transfers">
              <caption class="visually-hidden">{t('transfersTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('decidedAt')}</th>
                  <th scope="col">{t('partner')}</th>
                  <th scope="col">{t('channel')}</th>
                  <th scope="col">{t('requested')}</th>
                  <th scope="col">{t('sent')}</th>
                  <th scope="col">{t('policy')}</th>
                  <th scope="col">{t('manifest')}</th>
                </tr>
              </thead>
              <tbody>
                {list.transfers.length === 0 && (
                  <tr>
                    <td colSpan={7}>{t('noRows')}</td>
                  </tr>
                )}
                {list.transfers.map((transfer) => (
                  <tr key={transfer.transferId}>
                    <td>{date(transfer.decidedAt)}</td>
                    <td>{transfer.partner}</td>
                    <td>{transfer.channel}</td>
                    <td>{transfer.counts.requested}</td>
                    <td>{transfer.counts.sent}</td>
                    <td>
                      {transfer.policy.id} {transfer.policy.version}
                    </td>
                    <td>
                      <a href={`#/transfers/${transfer.transferId}`}>{transfer.transferId}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CursorPager label={t('transfersTitle')} pages={pages} next={list.next} />
        </>
      )}
    </section>
  );
}

const CONTACTS_PAGE = 100;

/** One manifest: what was sent to whom, when, under which policy, and why each contact was allowed. */
export function TransferManifestView({ transferId }: { transferId: string }) {
  const { api, t, date } = useConsole();
  const [shown, setShown] = useState(CONTACTS_PAGE);
  const loaded = useLoad(() => api.get<TransferManifest>(`/v1/partner-transfers/${transferId}`), transferId);
  const manifest = loaded.data?.transferId === transferId ? loaded.data : undefined;
  return (
    <section aria-labelledby="manifest-title">
      <h1 id="manifest-title" tabIndex={-1}>
        {t('manifest')} <code>{transferId}</code>
      </h1>
      <Status loading={loaded.loading} error={loaded.error} />
      {manifest && (
        <>
          <dl class="facts">
            <dt>{t('decidedAt')}</dt>
            <dd>{date(manifest.decidedAt)}</dd>
            <dt>{t('partner')}</dt>
            <dd>{manifest.partner}</dd>
            <dt>{t('channel')}</dt>
            <dd>{manifest.channel}</dd>
            <dt>{t('policy')}</dt>
            <dd>
              {manifest.policy.id} {manifest.policy.version}
            </dd>
            <dt>{t('requested')}</dt>
            <dd>{manifest.counts.requested}</dd>
            <dt>{t('sent')}</dt>
            <dd>{manifest.counts.sent}</dd>
            <dt>{t('refusedCounts')}</dt>
            <dd>
              <code>{JSON.stringify(manifest.counts.refused)}</code>
            </dd>
            <dt>{t('listHash')}</dt>
            <dd>
              <code class="hash">{manifest.listHash}</code>
            </dd>
          </dl>
          <h2>{t('contacts')}</h2>
          <ol>
            {manifest.sent.slice(0, shown).map((contact, index) => (
              <li key={index}>
                <code>{JSON.stringify(contact.ref)}</code> → {contact.subjectId ?? t('none')} ·{' '}
                {contact.reason} · {contact.evidence.join(', ')}
              </li>
            ))}
          </ol>
          {shown < manifest.sent.length && (
            <button type="button" onClick={() => setShown(shown + CONTACTS_PAGE)}>
              {t('nextPage')} ({shown}/{manifest.sent.length})
            </button>
          )}
        </>
      )}
    </section>
  );
}
