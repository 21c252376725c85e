import { useState } from 'preact/hooks';
import type { DecisionAnswer, PurposeState, SubjectState } from '../api/types';
import { useConsole } from '../context';
import { navigate } from '../router';
import { ProblemText } from '../status';

/** The person's state as the policy sees it now: one row per purpose (and partner), one column per channel. */
export function StateGrid({ subjectId, state }: { subjectId: string; state: SubjectState }) {
  const { api, t, date } = useConsole();
  const [error, setError] = useState<Error | undefined>(undefined);
  const channels = [...new Set(state.states.map((line) => line.channel))];
  const rows = new Map<string, PurposeState[]>();
  for (const line of state.states) {
    const row = line.partner ? `${line.purpose} · ${line.partner}` : line.purpose;
    rows.set(row, [...(rows.get(row) ?? []), line]);
  }
  // "Why?" asks the ledger the same question now (a logged decision), then shows its explanation.
  const why = async (line: PurposeState) => {
    setError(undefined);
    try {
      const answer = await api.post<DecisionAnswer>('/v1/decisions', {
        subject: { subjectId },
        purpose: line.purpose,
        channel: line.channel,
        ...(line.partner ? { partner: line.partner } : {}),
      });
      navigate(`/decision/${answer.decisionId}`);
    } catch (failure) {
      setError(failure as Error);
    }
  };
  return (
    <section aria-labelledby="state-title">
      <h2 id="state-title">{t('stateTitle')}</h2>
      <p class="muted">
        {t('policy')} {state.policy.id} {state.policy.version} · {date(state.asOf)}
      </p>
      <div role="status" aria-live="polite">
        {error && <ProblemText error={error} />}
      </div>
      <div class="scroll">
        <table class="grid" data-testid="state-grid">
          <caption class="visually-hidden">{t('stateTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('purpose')}</th>
              {channels.map((channel) => (
                <th scope="col" key={channel}>
                  {channel}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...rows].map(([row, lines]) => (
              <tr key={row}>
                <th scope="row">{row}</th>
                {channels.map((channel) => {
                  const line = lines.find((l) => l.channel === channel);
                  if (!line) return <td key={channel}>{t('none')}</td>;
                  return (
                    <td key={channel} class={line.allowed ? 'allowed' : 'refused'}>
                      <span class="verdict">{line.allowed ? `✓ ${t('allowed')}` : `✗ ${t('refused')}`}</span>
                      <span class="reason">{line.reason}</span>
                      <button
                        type="button"
                        class="link"
                        onClick={() => void why(line)}
                        aria-label={`${t('why')} ${row} · ${channel}`}
                      >
                        {t('why')}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
