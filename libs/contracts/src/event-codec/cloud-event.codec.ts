import {
  ACTOR_TYPES,
  COLLECTION_METHODS,
  PROOF_TYPES,
  type ActorType,
  type CollectionMethod,
  type LedgerEvent,
  type ProofType,
  type SealedEvent,
  isSealed,
} from '@ledger/domain';
import type { WireMessage } from './wire-message';
import { eventDataProblem, isIsoInstant } from '../event-schemas/event-data-schemas';
import { cloudEventType, currentSchemaVersion, parseCloudEventType } from './event-types';
import { UndecodableEventError } from './undecodable-event.error';
import { upcast } from './upcasters';
import { canonicalEvent, type EventVerifier, type SignedEvent } from '../proof/event-signature';
import { eventDigest } from '../proof/event-chain';

/**
 * CloudEvents 1.0, Kafka protocol binding, binary content mode: attributes in `ce_` headers,
 * `data` as the JSON value, subject id as the key (per-subject order). The envelope's own
 * fields travel as CloudEvents extension attributes (lower-case, at most 20 characters).
 */
export const CE_SPEC_VERSION = '1.0';
const CONTENT_TYPE = 'application/json';
const SOURCE_PREFIX = 'urn:consent-ledger:client:';
/** `ce_sealed`: how the record's personal values are sealed (absent: in clear, before sealing). */
const SEALING_VERSION = 'v1';

export { UndecodableEventError };

export function encodeEvent(event: LedgerEvent): WireMessage {
  const headers: Record<string, string> = {
    ce_specversion: CE_SPEC_VERSION,
    ce_id: event.id,
    ce_source: `${SOURCE_PREFIX}${event.source.client}`,
    ce_type: cloudEventType(event.type, event.schemaVersion),
    ce_subject: event.subjectId,
    ce_time: event.occurredAt,
    ce_recordedat: event.recordedAt,
    ce_actortype: event.actor.type,
    ce_collectionpoint: event.source.collectionPoint,
    ce_collectionmethod: event.source.method,
    'content-type': CONTENT_TYPE,
  };
  if (event.actor.id !== undefined) headers.ce_actorid = event.actor.id;
  if (event.notice) {
    headers.ce_noticeid = event.notice.id;
    headers.ce_noticeversion = event.notice.version;
  }
  if (event.proof) {
    headers.ce_prooftype = event.proof.type;
    headers.ce_proofref = event.proof.ref;
  }
  // Personal values are sealed with the person's data key (crypto-shredding): the data is read
  // against the sealed view of its schema.
  if ((event as SealedEvent).sealed === true) headers.ce_sealed = SEALING_VERSION;
  // The ledger's signature over the event as written (Ed25519, RFC 8785 canonical form).
  const { signature } = event as SignedEvent;
  if (signature !== undefined) {
    headers.ce_sigkid = signature.keyId;
    headers.ce_signature = signature.value;
  }
  // An envelope missing a field is a bug upstream: refused here, before it joins (and fails) a batch.
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') throw new TypeError(`cannot encode the event: header ${name} is missing`);
  }
  return { key: event.subjectId, value: Buffer.from(JSON.stringify(event.data), 'utf8'), headers };
}

type Headers = Record<string, string | undefined>;

/** Header lookups by own property only: `constructor` must not be found on a plain object. */
const header = (headers: Headers, name: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(headers, name) ? headers[name] : undefined;

function required(headers: Headers, name: string): string {
  const value = header(headers, name);
  if (typeof value !== 'string' || value === '') {
    throw new UndecodableEventError(`missing CloudEvents header ${name}`);
  }
  return value;
}

function oneOf<T extends string>(headers: Headers, name: string, allowed: readonly T[]): T {
  const value = required(headers, name);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UndecodableEventError(`unknown ${name} ${value}`);
  }
  return value as T;
}

/** Two headers that come together or not at all. */
function pair(headers: Headers, a: string, b: string): [string, string] | undefined {
  if (header(headers, a) === undefined && header(headers, b) === undefined) return undefined;
  return [required(headers, a), required(headers, b)];
}

export interface DecodeOptions {
  /** When given, an event that is unsigned or whose signature does not verify is undecodable. */
  verifier?: EventVerifier;
}

type RecordMessage = { key: string | null; value: Buffer | null; headers: Headers };

export function decodeEvent(message: RecordMessage, options: DecodeOptions = {}): LedgerEvent {
  return decodeRecord(message, options).event;
}

/**
 * The event as the projection reads it (current schema version) and the SHA-256 of its
 * canonical form as written (what its signature covers): the link hash chains and checkpoints use.
 */
export function decodeRecord(
  message: RecordMessage,
  options: DecodeOptions = {},
): { event: LedgerEvent; digest: string } {
  const { headers } = message;
  const specVersion = header(headers, 'ce_specversion');
  if (specVersion !== CE_SPEC_VERSION) {
    throw new UndecodableEventError(`unsupported ce_specversion ${String(specVersion)}`);
  }
  const ceType = required(headers, 'ce_type');
  const parsedType = parseCloudEventType(ceType);
  if (!parsedType) throw new UndecodableEventError(`unknown event type or version ${ceType}`);
  const source = required(headers, 'ce_source');
  if (!source.startsWith(SOURCE_PREFIX)) throw new UndecodableEventError(`unexpected ce_source ${source}`);
  if (message.value === null) throw new UndecodableEventError('empty value');
  let data: unknown;
  try {
    data = JSON.parse(message.value.toString('utf8'));
  } catch {
    throw new UndecodableEventError('value is not JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UndecodableEventError('data is not a JSON object');
  }
  const subjectId = required(headers, 'ce_subject');
  if (message.key !== null && message.key !== subjectId) {
    throw new UndecodableEventError('message key differs from ce_subject');
  }
  const sealingHeader = header(headers, 'ce_sealed');
  if (sealingHeader !== undefined && sealingHeader !== SEALING_VERSION) {
    throw new UndecodableEventError(`unknown ce_sealed ${sealingHeader}`);
  }
  const sealed = sealingHeader === SEALING_VERSION;
  const dataProblem = eventDataProblem(parsedType.domainType, parsedType.schemaVersion, data, sealed);
  if (dataProblem !== undefined) throw new UndecodableEventError(dataProblem);
  // Validated as written, then read as the current version: the projection knows no other.
  const schemaVersion = currentSchemaVersion(parsedType.domainType);
  const current = upcast(
    parsedType.domainType,
    parsedType.schemaVersion,
    schemaVersion,
    data as Record<string, unknown>,
  );
  const occurredAt = required(headers, 'ce_time');
  const recordedAt = required(headers, 'ce_recordedat');
  for (const [name, value] of [
    ['ce_time', occurredAt],
    ['ce_recordedat', recordedAt],
  ]) {
    if (!isIsoInstant(value)) throw new UndecodableEventError(`${name} is not an ISO 8601 instant`);
  }
  const notice = pair(headers, 'ce_noticeid', 'ce_noticeversion');
  const proof = pair(headers, 'ce_prooftype', 'ce_proofref');
  if (sealed && proof && !isSealed(proof[1])) throw new UndecodableEventError('ce_proofref is not sealed');
  const signed = pair(headers, 'ce_sigkid', 'ce_signature');
  const signature = signed ? { keyId: signed[0], value: signed[1] } : undefined;
  const event = {
    id: required(headers, 'ce_id'),
    type: parsedType.domainType,
    schemaVersion,
    subjectId,
    occurredAt,
    recordedAt,
    actor: {
      type: oneOf<ActorType>(headers, 'ce_actortype', ACTOR_TYPES),
      ...(header(headers, 'ce_actorid') !== undefined ? { id: header(headers, 'ce_actorid') as string } : {}),
    },
    source: {
      collectionPoint: required(headers, 'ce_collectionpoint'),
      method: oneOf<CollectionMethod>(headers, 'ce_collectionmethod', COLLECTION_METHODS),
      client: source.slice(SOURCE_PREFIX.length),
    },
    ...(notice ? { notice: { id: notice[0], version: notice[1] } } : {}),
    ...(proof ? { proof: { type: oneOf<ProofType>({ t: proof[0] }, 't', PROOF_TYPES), ref: proof[1] } } : {}),
    data: current,
    ...(sealed ? { sealed: true as const } : {}),
    ...(signature ? { signature } : {}),
  };
  // Checked and hashed as written: the version and data on the wire, before any upcasting.
  const canonical = canonicalEvent({
    ...event,
    schemaVersion: parsedType.schemaVersion,
    data,
  } as SignedEvent);
  if (options.verifier) {
    const problem = options.verifier.problem(event as SignedEvent, canonical);
    if (problem !== undefined) throw new UndecodableEventError(problem);
  }
  return { event, digest: eventDigest(canonical) };
}
