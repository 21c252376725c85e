import { RESTRICTIVENESS } from '@ledger/domain';
import { EVENT_TYPE_NAMES } from './event-types';

describe('event types on the wire', () => {
  it('each says whether it can refuse what was allowed (the read path waits only for those)', () => {
    expect([...EVENT_TYPE_NAMES].sort()).toEqual(Object.keys(RESTRICTIVENESS).sort());
  });
});
