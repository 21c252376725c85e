import {
  CONSENT_GIVEN,
  CONSENT_WITHDRAWN,
  OPPOSITION_REGISTERED,
  OPPOSITION_WITHDRAWN,
} from '../consents/consent-events';

/** The events the console charts: a person's choices about a purpose. */
export const CHOICE_TYPES = [
  CONSENT_GIVEN,
  CONSENT_WITHDRAWN,
  OPPOSITION_REGISTERED,
  OPPOSITION_WITHDRAWN,
] as const;
export type ChoiceType = (typeof CHOICE_TYPES)[number];

/** What a chart needs of one recorded choice (no person, no personal value). */
export interface RecordedChoice {
  type: string;
  recordedAt: string;
  purpose: string;
  /** An opposition without channels covers every channel: counted under `all`. */
  channels?: readonly string[];
}

export interface ChoiceCount {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  type: ChoiceType;
  purpose: string;
  channel: string;
  count: number;
}

const isChoice = (type: string): type is ChoiceType => (CHOICE_TYPES as readonly string[]).includes(type);

/**
 * Choices recorded per UTC day, event type, purpose and channel, in (day, type, purpose, channel)
 * order. A choice over two channels counts once under each.
 */
export function countChoicesByDay(choices: Iterable<RecordedChoice>): ChoiceCount[] {
  const counts = new Map<string, ChoiceCount>();
  for (const choice of choices) {
    if (!isChoice(choice.type)) continue;
    const day = choice.recordedAt.slice(0, 10);
    const channels = choice.channels && choice.channels.length > 0 ? choice.channels : ['all'];
    for (const channel of new Set(channels)) {
      const key = `${day}\n${choice.type}\n${choice.purpose}\n${channel}`;
      const row = counts.get(key);
      if (row) row.count += 1;
      else counts.set(key, { day, type: choice.type, purpose: choice.purpose, channel, count: 1 });
    }
  }
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}
