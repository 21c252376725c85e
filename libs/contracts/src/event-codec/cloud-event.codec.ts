import type { ActorType, LedgerEvent } from '@ledger/domain';
import type { WireMessage } from './wire-message';
import { cloudEventType, parseCloudEventType } from './event-types';

/**
 * CloudEvents 1.0, Kafka protocol binding, binary content mode: attributes in `ce_` headers,
 * `data` as the JSON value, subject id as the key (per-subject order).
 */
export const CE_SPEC_VERSION = '1.0';
const CONTENT_TYPE = 'application/json';

export class UndecodableEventError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UndecodableEventError';
  }
}

export function encodeEvent(event: LedgerEvent): WireMessage {
  const headers: Record<string, string> = {
    ce_specversion: CE_SPEC_VERSION,
    ce_id: event.id,
    ce_source: `urn:consent-ledger:client:${event.sourceClient}`,
    ce_type: cloudEventType(event.type, event.schemaVersion),
    ce_subject: event.subjectId,
    ce_time: event.occurredAt,
    ce_recordedat: event.recordedAt,
    ce_actortype: event.actor.type,
    'content-type': CONTENT_TYPE,
  };
  if (event.actor.id !== undefined) headers.ce_actorid = event.actor.id;
  return {
    key: event.subjectId,
    value: Buffer.from(JSON.stringify(event.data), 'utf8'),
    headers,
  };
}

const ACTOR_TYPES: readonly string[] = ['subject', 'agent', 'system'];
const SOURCE_PREFIX = 'urn:consent-ledger:client:';

function required(headers: Record<string, string | undefined>, name: string): string {
  const value = headers[name];
  if (value === undefined || value === '') {
    throw new UndecodableEventError(`missing CloudEvents header ${name}`);
  }
  return value;
}

export function decodeEvent(message: {
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string | undefined>;
}): LedgerEvent {
  const { headers } = message;
  if (headers.ce_specversion !== CE_SPEC_VERSION) {
    throw new UndecodableEventError(`unsupported ce_specversion ${String(headers.ce_specversion)}`);
  }
  const ceType = required(headers, 'ce_type');
  const parsedType = parseCloudEventType(ceType);
  if (!parsedType) throw new UndecodableEventError(`unknown event type or version ${ceType}`);
  const source = required(headers, 'ce_source');
  if (!source.startsWith(SOURCE_PREFIX)) {
    throw new UndecodableEventError(`unexpected ce_source ${source}`);
  }
  const actorType = required(headers, 'ce_actortype');
  if (!ACTOR_TYPES.includes(actorType)) {
    throw new UndecodableEventError(`unknown actor type ${actorType}`);
  }
  if (message.value === null) throw new UndecodableEventError('empty value');
  let data: unknown;
  try {
    data = JSON.parse(message.value.toString('utf8'));
  } catch {
    throw new UndecodableEventError('value is not JSON');
  }
  if (typeof data !== 'object' || data === null) {
    throw new UndecodableEventError('data is not a JSON object');
  }
  const subjectId = required(headers, 'ce_subject');
  if (message.key !== null && message.key !== subjectId) {
    throw new UndecodableEventError('message key differs from ce_subject');
  }
  return {
    id: required(headers, 'ce_id'),
    type: parsedType.domainType,
    schemaVersion: parsedType.schemaVersion,
    subjectId,
    occurredAt: required(headers, 'ce_time'),
    recordedAt: required(headers, 'ce_recordedat'),
    actor: {
      type: actorType as ActorType,
      ...(headers.ce_actorid !== undefined ? { id: headers.ce_actorid } : {}),
    },
    sourceClient: source.slice(SOURCE_PREFIX.length),
    data,
  };
}
