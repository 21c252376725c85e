import { createHash } from 'node:crypto';
import type { ChainLink } from '@ledger/domain';

/** The hash before a subject's first event (and a partition's digest before its first record). */
export const CHAIN_GENESIS = '0'.repeat(64);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** SHA-256 (hex) of an event's RFC 8785 canonical form as written: what chains and checkpoints link. */
export function eventDigest(canonical: string): string {
  return sha256(canonical);
}

/**
 * A subject's next link: the hash covers the previous one and the event's digest, so changing,
 * removing or reordering any earlier event of the subject changes every hash after it.
 */
export function chainLink(previous: string | undefined, digest: string): ChainLink {
  const before = previous ?? CHAIN_GENESIS;
  return { previous: before, hash: sha256(`${before}\n${digest}`) };
}

/**
 * A partition's running digest after one more verified record: it binds each record's offset and
 * content in log order, so a signed (offset, digest) pair vouches for everything up to that offset.
 */
export function foldPartitionDigest(previous: string | undefined, offset: string, digest: string): string {
  return sha256(`${previous ?? CHAIN_GENESIS}\n${offset}\n${digest}`);
}
