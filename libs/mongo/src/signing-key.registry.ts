import type { Collection, Db } from 'mongodb';
import { COLLECTIONS } from './collections';
import { DUPLICATE_KEY } from './duplicate-key';

interface SigningKeyDocument {
  _id: 'events';
  kid: string;
  since: string;
}

/** A process whose signing key is not the ledger's: its events would all be dead-lettered. */
export class SigningKeyRefused extends Error {
  constructor(
    readonly mine: string,
    readonly ledgers: string,
    since: string,
  ) {
    super(
      `this process signs and verifies with key ${mine.slice(0, 12)}…, but the ledger's events are signed with ${ledgers.slice(0, 12)}… (since ${since}): ` +
        'every app (API, projector, retention worker) must run with the same LEDGER_SIGNING_KEY, or the same LEDGER_MASTER_KEY without one',
    );
    this.name = 'SigningKeyRefused';
  }
}

/**
 * The one signing key of a ledger, recorded by the first process that signs or verifies: an API
 * signing with another key than the projector verifies with would have every write dead-lettered
 * while decisions answer from read models that stopped moving. Each process checks once (then
 * believes it); a mismatch fails closed: no write, no projection, until the keys agree.
 */
export class SigningKeyRegistry {
  private readonly collection: Collection<SigningKeyDocument>;
  private checked: string | undefined;

  constructor(db: Db) {
    this.collection = db.collection<SigningKeyDocument>(COLLECTIONS.signingKey);
  }

  /** Resolves when `kid` is the ledger's key (recording it if none is yet); throws SigningKeyRefused otherwise. */
  async ensure(kid: string, now: () => string = () => new Date().toISOString()): Promise<void> {
    if (this.checked === kid) return;
    let recorded = await this.collection.findOne({ _id: 'events' });
    if (!recorded) {
      try {
        await this.collection.insertOne({ _id: 'events', kid, since: now() });
      } catch (error) {
        if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
      }
      recorded = await this.collection.findOne({ _id: 'events' });
    }
    if (!recorded) throw new Error('the signing key record vanished');
    if (recorded.kid !== kid) throw new SigningKeyRefused(kid, recorded.kid, recorded.since);
    this.checked = kid;
  }
}
