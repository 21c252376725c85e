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
 * Choices recorded per UTC day, event type, purpose and channel, counted as they come: its size
 * is the number of distinct rows, whatever the number of choices. A choice over two channels
 * counts once under each.
 */
export class ChoiceCounter {
  private readonly counts = new Map<string, ChoiceCount>();

  add(choice: RecordedChoice): void {
    if (!isChoice(choice.type)) return;
    const day = choice.recordedAt.slice(0, 10);
    const channels = choice.channels && choice.channels.length > 0 ? choice.channels : ['all'];
    for (const channel of new Set(channels)) {
      const key = `${day}\n${choice.type}\n${choice.purpose}\n${channel}`;
      const row = this.counts.get(key);
      if (row) row.count += 1;
      else this.counts.set(key, { day, type: choice.type, purpose: choice.purpose, channel, count: 1 });
    }
  }

  /** The rows in (day, type, purpose, channel) order. */
  rows(): ChoiceCount[] {
    return [...this.counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  }
}
