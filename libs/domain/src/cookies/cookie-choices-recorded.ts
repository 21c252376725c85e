import type { LedgerEvent } from '../events/ledger-event';
import { recordEvent, type CommandProvenance, type RecordingContext } from '../events/record-event';
import { COOKIE_CATEGORIES, type CookieCategory } from '../vocabulary/purposes';

export const COOKIE_CHOICES_RECORDED = 'CookieChoicesRecorded';

export interface CookieChoicesRecordedData {
  /** Every category is stated: a category left out of the banner's answer counts as refused. */
  choices: Record<CookieCategory, boolean>;
  bannerVersion: string;
}

export type CookieChoicesRecorded = LedgerEvent<typeof COOKIE_CHOICES_RECORDED, CookieChoicesRecordedData>;

export interface RecordCookieChoices extends CommandProvenance {
  choices: Partial<Record<CookieCategory, boolean>>;
  bannerVersion: string;
}

export const recordCookieChoices = (
  command: RecordCookieChoices,
  context: RecordingContext,
): CookieChoicesRecorded =>
  recordEvent(
    COOKIE_CHOICES_RECORDED,
    1,
    command,
    {
      choices: Object.fromEntries(
        COOKIE_CATEGORIES.map((category) => [category, command.choices[category] === true]),
      ) as Record<CookieCategory, boolean>,
      bannerVersion: command.bannerVersion,
    },
    context,
  );

/**
 * A cookie consent past its maximum age (CNIL: 13 months), recorded by the retention worker so
 * the history says so; decisions refuse it from that age on whether or not it is recorded.
 */
export const COOKIE_CONSENT_LAPSED = 'CookieConsentLapsed';

export interface CookieConsentLapsedData {
  /** The choice that lapsed, and the categories it had accepted. */
  choiceEventId: string;
  categories: CookieCategory[];
  lapsedAt: string;
}

export type CookieConsentLapsed = LedgerEvent<typeof COOKIE_CONSENT_LAPSED, CookieConsentLapsedData>;

export const lapseCookieConsent = (
  command: CommandProvenance & CookieConsentLapsedData,
  context: RecordingContext,
): CookieConsentLapsed =>
  recordEvent(
    COOKIE_CONSENT_LAPSED,
    1,
    command,
    { choiceEventId: command.choiceEventId, categories: command.categories, lapsedAt: command.lapsedAt },
    context,
  );
