import type { LedgerEvent } from '../events/ledger-event';
import { mapPersonalValues } from './personal-fields';

/** How a sealed value reads: the format version, then the AES-GCM payload (base64url). */
export const SEALED_PREFIX = 'sealed:v1:';

export const isSealed = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(SEALED_PREFIX);

/**
 * Encrypts and decrypts personal values with the data key of the person they belong to. `open`
 * answers undefined once that key is destroyed: the person was erased.
 */
export interface PersonalDataCipher {
  seal(owner: string, value: unknown): Promise<string>;
  open(owner: string, sealed: string): Promise<{ value: unknown } | undefined>;
}

/** An event whose personal values are sealed tokens (`sealed`), or were and could not be opened. */
export type SealedEvent = LedgerEvent & { sealed?: true };
export type OpenedEvent = LedgerEvent & { personalData?: 'erased' };

/** The event as the log keeps it: every personal value sealed with its owner's key. */
export async function sealPersonalData(event: LedgerEvent, cipher: PersonalDataCipher): Promise<SealedEvent> {
  const sealed = await mapPersonalValues(event, ({ value, owner }) =>
    isSealed(value) ? Promise.resolve(value) : cipher.seal(owner, value),
  );
  return { ...sealed, sealed: true };
}

/**
 * The event with its personal values readable again; a value whose key was destroyed reads as
 * null and the event says `personalData: 'erased'`. Values never sealed (older events) pass.
 */
export async function openPersonalData(event: LedgerEvent, cipher: PersonalDataCipher): Promise<OpenedEvent> {
  let erased = false;
  const opened = await mapPersonalValues(event, async ({ value, owner }) => {
    if (!isSealed(value)) return value;
    const found = await cipher.open(owner, value);
    if (found === undefined) erased = true;
    return found === undefined ? null : found.value;
  });
  const { sealed: _sealed, ...rest } = opened as SealedEvent;
  return erased ? { ...rest, personalData: 'erased' } : rest;
}
