import { createHmac } from 'node:crypto';
import type { SubjectIdentifiers } from '@ledger/domain';

/**
 * Keyed hashes (HMAC-SHA256) of normalised identifiers: what the read models, the identifier
 * index and the suppression list hold instead of emails, phones and member numbers. The same
 * key gives the same hash, so a lookup hashes its input and finds the link.
 */
export class IdentifierHasher {
  constructor(private readonly secret: Buffer) {}

  hash(kind: 'email' | 'phone' | 'member', normalised: string): string {
    return createHmac('sha256', this.secret).update(`${kind}\n${normalised}`).digest('hex');
  }

  /** The identifiers with each value replaced by its hash, item for item. */
  hashAll(identifiers: SubjectIdentifiers): SubjectIdentifiers {
    return {
      emails: identifiers.emails.map((email) => this.hash('email', email)),
      phones: identifiers.phones.map((phone) => this.hash('phone', phone)),
      ...(identifiers.memberNumber !== undefined
        ? { memberNumber: this.hash('member', identifiers.memberNumber) }
        : {}),
    };
  }

  /** The index key of one identifier: `email:<hmac>`, as `identifierKeys` builds them. */
  key(kind: 'email' | 'phone' | 'member', normalised: string): string {
    return `${kind}:${this.hash(kind, normalised)}`;
  }
}
