import { useState } from 'preact/hooks';
import type { ExplainedDecision } from '../api/types';
import { useConsole } from '../context';
import { navigate } from '../router';
import { Status } from '../status';
import { useLoad } from '../use-load';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "Why?": a logged decision with the question, the answer, the rules then in force and the evidence. */
export function DecisionView({ decisionId }: { decisionId: string | undefined }) {
  const { t } = useConsole();
  const [typed, setTyped] = useState(decisionId ?? '');
  return (
    <section aria-labelledby="decision-title">
      <h1 id="decision-title" tabIndex={-1}>
        {t('decisionTitle')}
      </h1>
      <form
        class="find"
        onSubmit={(event) => {
          event.preventDefault();
          if (UUID.test(typed.trim())) navigate(`/decision/${typed.trim()}`);
        }}
      >
        <label for="decision-id">{t('decisionId')}</label>
        <input
          id="decision-id"
          value={typed}
          pattern="[0-9a-fA-F-]{36}"
          required
          onInput={(event) => setTyped(event.currentTarget.value)}
        />
        <button type="submit">{t('explain')}</button>
      </form>
      {decisionId && <Explanation decisionId={decisionId} />}
    </section>
  );
}

function Explanation({ decisionId }: { decisionId: string }) {
  const { api, t, date } = useConsole();
  const loaded = useLoad(() => api.get<ExplainedDecision>(`/v1/decisions/${decisionId}`), decisionId);
  const decision = loaded.data?.decisionId === decisionId ? loaded.data : undefined;
  return (
    <>
      <Status loading={loaded.loading} error={loaded.error} />
      {decision && (
        <article data-testid="decision">
          <dl class="facts">
            <dt>{t('decisionId')}</dt>
            <dd>
              <code>{decision.decisionId}</code>
            </dd>
            <dt>{t('decidedAt')}</dt>
            <dd>{date(decision.decidedAt)}</dd>
            <dt>{t('question')}</dt>
            <dd>
              <code>{JSON.stringify(decision.question)}</code>
            </dd>
            <dt>{t('answer')}</dt>
            <dd>
              <strong>{decision.answer.allowed ? `✓ ${t('allowed')}` : `✗ ${t('refused')}`}</strong> —{' '}
              {t('reason')}: <code>{decision.answer.reason}</code>
            </dd>
            <dt>{t('rulesInForce')}</dt>
            <dd>
              <pre>{JSON.stringify(decision['rulesInForce'], null, 2)}</pre>
            </dd>
          </dl>
          <h2>{t('evidence')}</h2>
          {(decision.evidence ?? []).length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <ol>
              {(decision.evidence ?? []).map((evidence, index) => (
                <li key={index}>
                  <pre>{JSON.stringify(evidence, null, 2)}</pre>
                </li>
              ))}
            </ol>
          )}
        </article>
      )}
    </>
  );
}
