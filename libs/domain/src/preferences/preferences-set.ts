import type { LedgerEvent } from '../events/ledger-event';
import { recordEvent, type CommandProvenance, type RecordingContext } from '../events/record-event';
import type { Channel } from '../vocabulary/purposes';

export const PREFERENCES_SET = 'PreferencesSet';

export const FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly', 'never'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export interface PreferencesSetData {
  channels: Partial<Record<Channel, { frequency: Frequency }>>;
  topics: string[];
}

export type PreferencesSet = LedgerEvent<typeof PREFERENCES_SET, PreferencesSetData>;

export type SetPreferences = CommandProvenance & PreferencesSetData;

/** Preferences replace the previous ones as a whole (PUT semantics). */
export const setPreferences = (command: SetPreferences, context: RecordingContext): PreferencesSet =>
  recordEvent(
    PREFERENCES_SET,
    1,
    command,
    { channels: command.channels, topics: [...new Set(command.topics)] },
    context,
  );
