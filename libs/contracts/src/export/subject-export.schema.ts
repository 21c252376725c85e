import { SUBJECT_KINDS } from '@ledger/domain';

/**
 * The published JSON Schema (draft-07) of a subject's export (GDPR art. 15 access, art. 20
 * portability): everything the ledger holds on the person, machine-readable. A new version is a
 * new `$id`, never an edit of this one. Served at GET /v1/schemas/subject-export.
 */
export const SUBJECT_EXPORT_SCHEMA_ID = 'urn:consent-ledger:schema:subject-export:v1';

const instant = { type: 'string', format: 'date-time' };
const text = { type: 'string' };
const nullableText = { type: ['string', 'null'] };

const event = {
  type: 'object',
  description: 'one event as recorded, personal values in clear (null once the person was erased)',
  required: [
    'seq',
    'id',
    'type',
    'schemaVersion',
    'occurredAt',
    'recordedAt',
    'actor',
    'source',
    'data',
    'position',
  ],
  properties: {
    seq: { type: 'integer', minimum: 0, description: "the event's rank in the person's history" },
    id: text,
    type: text,
    schemaVersion: { type: 'integer', minimum: 1 },
    occurredAt: instant,
    recordedAt: instant,
    actor: {
      type: 'object',
      required: ['type'],
      properties: { type: { enum: ['subject', 'agent', 'system'] }, id: text },
    },
    source: {
      type: 'object',
      required: ['collectionPoint', 'method', 'client'],
      properties: { collectionPoint: text, method: text, client: text },
    },
    notice: { type: 'object', required: ['id', 'version'], properties: { id: text, version: text } },
    proof: { type: 'object', required: ['type', 'ref'], properties: { type: text, ref: nullableText } },
    data: { type: 'object' },
    personalData: { const: 'erased', description: 'present when the values could not be read: erased' },
    position: { type: 'object', required: ['partition', 'offset'] },
  },
};

export const SUBJECT_EXPORT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: SUBJECT_EXPORT_SCHEMA_ID,
  title: 'Everything the consent ledger holds on one person',
  type: 'object',
  required: [
    '$schema',
    'exportedAt',
    'subjectId',
    'state',
    'events',
    'rightsRequests',
    'recordings',
    'partnerTransfers',
  ],
  additionalProperties: false,
  properties: {
    $schema: { const: SUBJECT_EXPORT_SCHEMA_ID },
    exportedAt: instant,
    subjectId: text,
    state: {
      type: 'object',
      description: 'the person as the policy sees them at exportedAt',
      required: ['kind', 'identifiers', 'eventCount', 'policy', 'states'],
      properties: {
        kind: { enum: [...SUBJECT_KINDS, null] },
        identifiers: {
          type: 'object',
          required: ['emails', 'phones'],
          properties: {
            emails: { type: 'array', items: text },
            phones: { type: 'array', items: text },
            memberNumber: text,
          },
        },
        timeZone: text,
        holidayCalendar: text,
        erasedAt: instant,
        eventCount: { type: 'integer', minimum: 0 },
        policy: { type: 'object' },
        states: { type: 'array', items: { type: 'object' } },
      },
    },
    events: { type: 'array', items: event },
    rightsRequests: {
      type: 'array',
      items: {
        type: 'object',
        required: ['requestId', 'type', 'channel', 'status', 'receivedAt', 'dueAt'],
        properties: {
          requestId: text,
          type: text,
          channel: text,
          status: text,
          receivedAt: instant,
          dueAt: instant,
        },
      },
    },
    recordings: {
      type: 'array',
      description: 'call recordings of the person and when they must be destroyed',
      items: {
        type: 'object',
        required: ['callId', 'recording', 'destroyBy'],
        properties: { callId: text, recording: text, destroyBy: instant, analysisGridDestroyBy: instant },
      },
    },
    partnerTransfers: {
      type: 'array',
      description: "each transfer that sent the person's contact to a partner, with that contact only",
      items: {
        type: 'object',
        required: ['transferId', 'partner', 'channel', 'decidedAt', 'policy', 'contact', 'reason'],
        properties: {
          transferId: text,
          partner: text,
          channel: text,
          decidedAt: instant,
          policy: { type: 'object' },
          contact: { type: ['object', 'null'] },
          reason: text,
          evidence: { type: 'array', items: text },
        },
      },
    },
  },
} as const;

/** Columns of the history as CSV (`format=csv`): one event a row, `data` as JSON. */
export const SUBJECT_EXPORT_CSV_COLUMNS = [
  'seq',
  'id',
  'type',
  'schemaVersion',
  'occurredAt',
  'recordedAt',
  'actorType',
  'actorId',
  'collectionPoint',
  'collectionMethod',
  'client',
  'noticeId',
  'noticeVersion',
  'proofType',
  'proofRef',
  'personalData',
  'data',
] as const;
