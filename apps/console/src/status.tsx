import { ApiProblem } from './api/client';
import { useConsole } from './context';

/** Loading and errors, announced to screen readers as they change. */
export function Status({ loading, error }: { loading: boolean; error: Error | undefined }) {
  const { t } = useConsole();
  return (
    <div role="status" aria-live="polite" class="status">
      {loading && <span>{t('loading')}</span>}
      {error && <ProblemText error={error} />}
    </div>
  );
}

export function ProblemText({ error }: { error: Error }) {
  const { t } = useConsole();
  if (error instanceof ApiProblem && error.status === 503) {
    return (
      <p class="error" role="alert">
        {t('serviceUnavailable', { seconds: error.retryAfterSeconds ?? 1 })} ({error.message})
      </p>
    );
  }
  return (
    <p class="error" role="alert">
      <strong>{t('errorTitle')}</strong>: {error.message}
    </p>
  );
}
