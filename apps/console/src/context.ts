import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from './api/client';
import { label, type Language, type LabelKey } from './i18n/labels';

export interface ConsoleContext {
  api: ApiClient;
  language: Language;
}

export const Console = createContext<ConsoleContext | null>(null);

/** The signed-in client and the chosen language, with `t` to say a label in it. */
export function useConsole() {
  const context = useContext(Console);
  if (!context) throw new Error('useConsole outside the signed-in console');
  const t = (key: LabelKey, values?: Record<string, string | number>) => label(context.language, key, values);
  const date = (iso: string | undefined) =>
    iso
      ? new Date(iso).toLocaleString(context.language === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'UTC' }) +
        ' UTC'
      : t('none');
  return { ...context, t, date };
}
