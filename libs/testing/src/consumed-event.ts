import { canonicalEvent, eventDigest, type SignedEvent } from '@ledger/contracts';
import type { LedgerEvent, LogPosition } from '@ledger/domain';
import type { ConsumedEvent, RawRecord } from '@ledger/kafka';

/** An event as the consumer hands it over, with the digest the codec would have computed. */
export function consumedEvent(
  event: LedgerEvent,
  position: LogPosition,
  raw: RawRecord = { key: null, value: null, headers: {} },
): ConsumedEvent {
  return { event, position, raw, digest: eventDigest(canonicalEvent(event as SignedEvent)) };
}
