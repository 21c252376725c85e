import { useEffect, useMemo, useState } from 'preact/hooks';
import { apiClient } from './api/client';
import { ChartsPage } from './charts/charts-page';
import { Console } from './context';
import { DecisionView } from './decisions/decision-view';
import { label, type Language, type LabelKey } from './i18n/labels';
import { FindPerson } from './people/find-person';
import { PersonView } from './people/person-view';
import { RightsBoard } from './rights/rights-board';
import { useRoute } from './router';
import { SignIn } from './session/sign-in';
import { TransferManifestView, Transfers } from './transfers/transfers';

const KEY_STORAGE = 'consent-ledger.console.key';
const LANGUAGE_STORAGE = 'consent-ledger.console.language';

const NAV: Array<[string, LabelKey]> = [
  ['/find', 'navFind'],
  ['/rights', 'navRights'],
  ['/transfers', 'navTransfers'],
  ['/charts', 'navCharts'],
  ['/decision', 'navDecision'],
];

function initialLanguage(): Language {
  const kept = localStorage.getItem(LANGUAGE_STORAGE);
  if (kept === 'fr' || kept === 'en') return kept;
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

export function App() {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  // The key lives as long as the tab: sessionStorage, never a cookie the browser would send on its own.
  const [key, setKey] = useState<string | null>(() => sessionStorage.getItem(KEY_STORAGE));
  const route = useRoute();
  const signOut = () => {
    sessionStorage.removeItem(KEY_STORAGE);
    setKey(null);
  };
  const api = useMemo(() => (key ? apiClient(key, signOut) : null), [key]);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = label(language, 'appTitle');
    localStorage.setItem(LANGUAGE_STORAGE, language);
  }, [language]);
  // A new page moves the focus to its heading, so a screen reader announces where the user is.
  useEffect(() => {
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [route.join('/'), key]);
  const t = (k: LabelKey) => label(language, k);
  const languageSwitch = (
    <label class="language">
      {t('language')}{' '}
      <select value={language} onChange={(event) => setLanguage(event.currentTarget.value as Language)}>
        <option value="fr" lang="fr">
          Français
        </option>
        <option value="en" lang="en">
          English
        </option>
      </select>
    </label>
  );
  if (!api) {
    return (
      <>
        <header class="top">
          <p class="brand">{t('appTitle')}</p>
          {languageSwitch}
        </header>
        <main id="main">
          <SignIn
            language={language}
            onSignedIn={(signedIn) => {
              sessionStorage.setItem(KEY_STORAGE, signedIn);
              setKey(signedIn);
            }}
          />
        </main>
      </>
    );
  }
  const [page, id] = route;
  return (
    <Console.Provider value={{ api, language }}>
      <a
        class="skip"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('skipToContent')}
      </a>
      <header class="top">
        <p class="brand">{t('appTitle')}</p>
        <nav aria-label="Console">
          <ul>
            {NAV.map(([path, navLabel]) => (
              <li key={path}>
                <a href={`#${path}`} aria-current={`/${page}` === path ? 'page' : undefined}>
                  {t(navLabel)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {languageSwitch}
        <button type="button" onClick={signOut}>
          {t('signOut')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {page === 'person' && id ? (
          <PersonView key={id} subjectId={id} />
        ) : page === 'rights' ? (
          <RightsBoard />
        ) : page === 'transfers' && id ? (
          <TransferManifestView transferId={id} />
        ) : page === 'transfers' ? (
          <Transfers />
        ) : page === 'charts' ? (
          <ChartsPage />
        ) : page === 'decision' ? (
          <DecisionView key={id ?? ''} decisionId={id} />
        ) : (
          <FindPerson />
        )}
      </main>
    </Console.Provider>
  );
}
