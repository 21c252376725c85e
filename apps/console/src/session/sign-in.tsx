import { useState } from 'preact/hooks';
import { checkKey } from '../api/client';
import { label, type Language } from '../i18n/labels';

/** Signing in is giving an API key with the console scope; it is checked against the API first. */
export function SignIn({ language, onSignedIn }: { language: Language; onSignedIn: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const t = (k: Parameters<typeof label>[1]) => label(language, k);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const outcome = await checkKey(key.trim());
      if (outcome === 'ok') onSignedIn(key.trim());
      else setError(t(outcome === 'scope' ? 'signInFailedScope' : 'signInFailedUnknown'));
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="sign-in-title" class="sign-in">
      <h1 id="sign-in-title">{t('signIn')}</h1>
      <form onSubmit={submit}>
        <label for="api-key">{t('apiKey')}</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          required
          minLength={8}
          aria-describedby="api-key-help"
          value={key}
          onInput={(event) => setKey(event.currentTarget.value)}
        />
        <p id="api-key-help" class="muted">
          {t('apiKeyHelp')}
        </p>
        <button type="submit" disabled={busy}>
          {t('signIn')}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </div>
    </section>
  );
}
