import { UndecodableEventError } from './undecodable-event.error';
import { upcast, UPCASTERS, type Upcaster, type Upcasters } from './upcasters';

// A made-up history of one type: v2 renamed `channel` to `channels`, v3 added `source`.
const upcasters: Upcasters = new Map([
  [
    'ExampleRecorded',
    new Map<number, Upcaster>([
      [1, ({ channel, ...rest }: Record<string, unknown>) => ({ ...rest, channels: [channel] })],
      [2, (data: Record<string, unknown>) => ({ ...data, source: 'unknown' })],
    ]),
  ],
]);

describe('upcast: older events are read as the current schema version', () => {
  it('lifts a v1 record through every step to v3', () => {
    expect(upcast('ExampleRecorded', 1, 3, { channel: 'email', purpose: 'prospecting' }, upcasters)).toEqual({
      channels: ['email'],
      purpose: 'prospecting',
      source: 'unknown',
    });
  });

  it('leaves a record already at the current version as it is', () => {
    const data = { channels: ['sms'], source: 'web' };
    expect(upcast('ExampleRecorded', 3, 3, data, upcasters)).toBe(data);
  });

  it('refuses a version with no path to the current one (the record is dead-lettered, not guessed)', () => {
    expect(() => upcast('OtherRecorded', 1, 2, {}, upcasters)).toThrow(UndecodableEventError);
    expect(() => upcast('OtherRecorded', 1, 2, {}, upcasters)).toThrow('no upcaster for OtherRecorded v1');
  });

  it('reads a v1 opposition as v2 unchanged (v2 only made channels and partner optional)', () => {
    const v1 = { purpose: 'prospecting', channels: ['email'] };
    expect(upcast('OppositionRegistered', 1, 2, v1, UPCASTERS)).toEqual(v1);
    expect(upcast('OppositionWithdrawn', 1, 2, v1, UPCASTERS)).toEqual(v1);
  });
});
