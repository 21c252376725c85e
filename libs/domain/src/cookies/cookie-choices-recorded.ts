import type { LedgerEvent } from '../events/ledger-event';
import { recordEvent, type CommandProvenance, type RecordingContext } from '../events/record-event';
import type { CookieCategory } from '../vocabulary/purposes';

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
      choices: {
        functional: command.choices.functional === true,
        audience: command.choices.audience === true,
        advertising: command.choices.advertising === true,
        social: command.choices.social === true,
      },
      bannerVersion: command.bannerVersion,
    },
    context,
  );
