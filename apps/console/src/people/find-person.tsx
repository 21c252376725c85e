import { useState } from 'preact/hooks';
import { ApiProblem } from '../api/client';
import type { FoundSubject } from '../api/types';
import { useConsole } from '../context';
import { navigate } from '../router';
import { ProblemText } from '../status';

type FindBy = 'subjectId' | 'email' | 'phone';

/** Find a person by id, email or phone; the value goes in a POST body, never in a URL. */
export function FindPerson() {
  const { api, t } = useConsole();
  const [by, setBy] = useState<FindBy>('subjectId');
  const [value, setValue] = useState('');
  const [error, setError] = useState<Error | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const found = await api.post<FoundSubject>('/v1/subject-lookups', { [by]: value.trim() });
      navigate(`/person/${encodeURIComponent(found.subjectId)}`);
    } catch (failure) {
      setError(
        failure instanceof ApiProblem && failure.status === 404
          ? new Error(t('notFound'))
          : (failure as Error),
      );
    } finally {
      setBusy(false);
    }
  };
  const options: Array<[FindBy, string]> = [
    ['subjectId', t('bySubjectId')],
    ['email', t('byEmail')],
    ['phone', t('byPhone')],
  ];
  return (
    <section aria-labelledby="find-title">
      <h1 id="find-title" tabIndex={-1}>
        {t('findTitle')}
      </h1>
      <form onSubmit={submit} class="find">
        <fieldset>
          <legend>{t('findBy')}</legend>
          {options.map(([option, text]) => (
            <label key={option} class="inline">
              <input
                type="radio"
                name="find-by"
                value={option}
                checked={by === option}
                onChange={() => setBy(option)}
              />{' '}
              {text}
            </label>
          ))}
        </fieldset>
        <label for="find-value">{t('findValue')}</label>
        <input
          id="find-value"
          name="find-value"
          type="text"
          inputMode={by === 'email' ? 'email' : by === 'phone' ? 'tel' : 'text'}
          autoComplete="off"
          required
          value={value}
          onInput={(event) => setValue(event.currentTarget.value)}
        />
        <button type="submit" disabled={busy}>
          {t('find')}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {error && <ProblemText error={error} />}
      </div>
    </section>
  );
}
