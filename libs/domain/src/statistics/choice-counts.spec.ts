import { ChoiceCounter, type RecordedChoice } from './choice-counts';

const countChoicesByDay = (choices: RecordedChoice[]) => {
  const counter = new ChoiceCounter();
  for (const choice of choices) counter.add(choice);
  return counter.rows();
};

describe('choices counted per day, purpose and channel (the console charts)', () => {
  it('counts each channel of a choice, days in UTC, other events left out', () => {
    const counts = countChoicesByDay([
      {
        type: 'ConsentGiven',
        recordedAt: '2026-11-01T23:59:59.999Z',
        purpose: 'prospecting',
        channels: ['email', 'sms'],
      },
      {
        type: 'ConsentGiven',
        recordedAt: '2026-11-01T08:00:00.000Z',
        purpose: 'prospecting',
        channels: ['email'],
      },
      {
        type: 'ConsentWithdrawn',
        recordedAt: '2026-11-02T00:00:00.000Z',
        purpose: 'prospecting',
        channels: ['email'],
      },
      { type: 'OppositionRegistered', recordedAt: '2026-11-02T10:00:00.000Z', purpose: 'profiling' },
      {
        type: 'ContactRecorded',
        recordedAt: '2026-11-02T10:00:00.000Z',
        purpose: 'prospecting',
        channels: ['phone'],
      },
    ]);
    expect(counts).toEqual([
      { day: '2026-11-01', type: 'ConsentGiven', purpose: 'prospecting', channel: 'email', count: 2 },
      { day: '2026-11-01', type: 'ConsentGiven', purpose: 'prospecting', channel: 'sms', count: 1 },
      { day: '2026-11-02', type: 'ConsentWithdrawn', purpose: 'prospecting', channel: 'email', count: 1 },
      { day: '2026-11-02', type: 'OppositionRegistered', purpose: 'profiling', channel: 'all', count: 1 },
    ]);
  });

  it('counts a channel named twice once', () => {
    const counts = countChoicesByDay([
      {
        type: 'ConsentGiven',
        recordedAt: '2026-11-01T10:00:00Z',
        purpose: 'prospecting',
        channels: ['sms', 'sms'],
      },
    ]);
    expect(counts).toEqual([
      { day: '2026-11-01', type: 'ConsentGiven', purpose: 'prospecting', channel: 'sms', count: 1 },
    ]);
  });
});
