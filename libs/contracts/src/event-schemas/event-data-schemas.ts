import Ajv, { type ValidateFunction } from 'ajv';
import {
  CALL_ATTEMPT_RECORDED,
  CALL_KINDS,
  CALL_STARTED,
  RECORDING_KINDS,
  PROCESSING_RESTRICTED,
  RECORDING_OBJECTED,
  RESTRICTION_LIFTED,
  REFUSAL_REASONS,
  RIGHTS_REQUEST_CHANNELS,
  RIGHTS_REQUEST_COMPLETED,
  RIGHTS_REQUEST_EXTENDED,
  RIGHTS_REQUEST_RECEIVED,
  RIGHTS_REQUEST_REFUSED,
  RIGHTS_REQUEST_TYPES,
  CALL_OUTCOMES,
  CHANNELS,
  CONSENT_GIVEN,
  CONSENT_WITHDRAWN,
  CONTACT_INITIATORS,
  CONTACT_RECORDED,
  CUSTOMER_RELATIONSHIP_ENDED,
  CUSTOMER_RELATIONSHIP_ESTABLISHED,
  COOKIE_CATEGORIES,
  COOKIE_CHOICES_RECORDED,
  FREQUENCIES,
  HOLIDAY_CALENDARS,
  OPPOSITION_REGISTERED,
  OPPOSITION_WITHDRAWN,
  PARTNER_TRANSFER_RECORDED,
  PARTNERS,
  PREFERENCES_SET,
  PURPOSES,
  SUBJECT_KINDS,
  SUBJECT_REGISTERED,
  SUBJECT_ERASED,
  SUBJECT_EXPIRED,
  COOKIE_CONSENT_LAPSED,
  POST_MORTEM_DIRECTIVES_RECORDED,
  SEALED_PREFIX,
  personalPaths,
} from '@ledger/domain';

/**
 * JSON Schema of each event type's `data`, per schema version. The projector trusts nothing it
 * reads from the topic: a record whose data does not match goes to the dead-letter topic.
 * A new schema version is a new entry here, never an edit of a published one.
 */
type Schema = Record<string, unknown>;

const strictObject = (properties: Record<string, Schema>, required: string[]): Schema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const text = { type: 'string', minLength: 1, maxLength: 500 };
const instant = { type: 'string', format: 'date-time' };
const channels = { type: 'array', items: { enum: [...CHANNELS] }, minItems: 1, uniqueItems: true };
const choiceScope = strictObject(
  { purpose: { enum: [...PURPOSES] }, channels, partner: { enum: [...PARTNERS] } },
  ['purpose', 'channels'],
);
const oppositionScope = strictObject(
  { purpose: { enum: [...PURPOSES] }, channels, partner: { enum: [...PARTNERS] } },
  ['purpose'],
);
const consentGiven = strictObject(
  { purpose: { enum: [...PURPOSES] }, channels, partner: { enum: [...PARTNERS] }, expiresAt: instant },
  ['purpose', 'channels'],
);

const callId = { type: 'string', minLength: 1, maxLength: 128 };
const requestId = { type: 'string', minLength: 1, maxLength: 64 };
const scheduledRecording = (more: Record<string, Schema>, required: string[]): Schema =>
  strictObject(
    {
      recording: { enum: [...RECORDING_KINDS] },
      destroyBy: instant,
      analysisGridDestroyBy: instant,
      ...more,
    },
    ['recording', 'destroyBy', ...required],
  );
const registration = (more: Record<string, Schema>): Schema =>
  strictObject(
    {
      kind: { enum: [...SUBJECT_KINDS] },
      identifiers: strictObject(
        {
          emails: { type: 'array', items: text },
          phones: { type: 'array', items: text },
          memberNumber: text,
        },
        ['emails', 'phones'],
      ),
      ...more,
    },
    ['kind', 'identifiers'],
  );

const whereTheyLive = {
  timeZone: { type: 'string', minLength: 1, maxLength: 64 },
  holidayCalendar: { enum: [...HOLIDAY_CALENDARS] },
};
const hmac = { type: 'string', pattern: '^[0-9a-f]{64}$' };
const identifierKey = { type: 'string', pattern: '^(email|phone|member):[0-9a-f]{64}$', maxLength: 80 };
const oppositionScopes = { type: 'array', items: oppositionScope, maxItems: 500 };

export const EVENT_DATA_SCHEMAS: Record<string, Record<number, Schema>> = {
  [SUBJECT_REGISTERED]: {
    1: registration({}),
    // v2: where the person lives (calling hours and public holidays are theirs).
    2: registration(whereTheyLive),
    // v3: the identifiers' keyed hashes, item for item (the identifiers themselves are sealed).
    3: registration({
      ...whereTheyLive,
      identifierKeys: strictObject(
        {
          emails: { type: 'array', items: hmac },
          phones: { type: 'array', items: hmac },
          memberNumber: hmac,
        },
        ['emails', 'phones'],
      ),
    }),
  },
  [SUBJECT_ERASED]: {
    1: strictObject(
      {
        requestId,
        suppression: strictObject(
          {
            identifierKeys: { type: 'array', items: identifierKey, maxItems: 1000 },
            oppositions: oppositionScopes,
          },
          ['identifierKeys', 'oppositions'],
        ),
      },
      ['suppression'],
    ),
  },
  [SUBJECT_EXPIRED]: {
    1: strictObject(
      {
        lastOwnActivityAt: instant,
        retentionMonths: { type: 'integer', minimum: 1, maximum: 1200 },
        suppression: strictObject(
          {
            identifierKeys: { type: 'array', items: identifierKey, maxItems: 1000 },
            oppositions: oppositionScopes,
          },
          ['identifierKeys', 'oppositions'],
        ),
      },
      ['lastOwnActivityAt', 'retentionMonths', 'suppression'],
    ),
  },
  [COOKIE_CONSENT_LAPSED]: {
    1: strictObject(
      {
        choiceEventId: { type: 'string', minLength: 1, maxLength: 64 },
        categories: {
          type: 'array',
          items: { enum: [...COOKIE_CATEGORIES] },
          minItems: 1,
          uniqueItems: true,
        },
        lapsedAt: instant,
      },
      ['choiceEventId', 'categories', 'lapsedAt'],
    ),
  },
  [POST_MORTEM_DIRECTIVES_RECORDED]: {
    1: strictObject(
      { directives: { type: 'string', minLength: 1, maxLength: 4000 }, designee: text, requestId },
      ['directives'],
    ),
  },
  [CONSENT_GIVEN]: { 1: consentGiven },
  [CALL_STARTED]: {
    1: strictObject(
      {
        callId,
        kind: { enum: [...CALL_KINDS] },
        recordings: { type: 'array', maxItems: RECORDING_KINDS.length, items: scheduledRecording({}, []) },
      },
      ['callId', 'kind', 'recordings'],
    ),
  },
  [RECORDING_OBJECTED]: { 1: scheduledRecording({ callId }, ['callId']) },
  [RIGHTS_REQUEST_RECEIVED]: {
    1: strictObject(
      {
        requestId,
        type: { enum: [...RIGHTS_REQUEST_TYPES] },
        channel: { enum: [...RIGHTS_REQUEST_CHANNELS] },
        receivedAt: instant,
        dueAt: instant,
      },
      ['requestId', 'type', 'channel', 'receivedAt', 'dueAt'],
    ),
  },
  [RIGHTS_REQUEST_EXTENDED]: {
    1: strictObject({ requestId, reason: text, dueAt: instant }, ['requestId', 'reason', 'dueAt']),
  },
  [RIGHTS_REQUEST_COMPLETED]: { 1: strictObject({ requestId }, ['requestId']) },
  [PROCESSING_RESTRICTED]: { 1: strictObject({ reason: text, requestId }, ['reason']) },
  [RESTRICTION_LIFTED]: { 1: strictObject({ reason: text, requestId }, ['reason']) },
  [RIGHTS_REQUEST_REFUSED]: {
    1: strictObject(
      {
        requestId,
        reason: { enum: [...REFUSAL_REASONS] },
        justification: { type: 'string', minLength: 1, maxLength: 2000 },
      },
      ['requestId', 'reason', 'justification'],
    ),
  },
  [CUSTOMER_RELATIONSHIP_ESTABLISHED]: {
    1: strictObject(
      {
        contractRef: { type: 'string', minLength: 1, maxLength: 100 },
        productLine: text,
        startedAt: instant,
      },
      ['contractRef', 'productLine', 'startedAt'],
    ),
  },
  [CUSTOMER_RELATIONSHIP_ENDED]: {
    1: strictObject({ contractRef: { type: 'string', minLength: 1, maxLength: 100 }, endedAt: instant }, [
      'contractRef',
      'endedAt',
    ]),
  },
  [CONSENT_WITHDRAWN]: { 1: choiceScope },
  // v2: an objection without channels covers every channel; to transfers without a partner, every partner.
  [OPPOSITION_REGISTERED]: { 1: choiceScope, 2: oppositionScope },
  [OPPOSITION_WITHDRAWN]: { 1: choiceScope, 2: oppositionScope },
  [PREFERENCES_SET]: {
    1: strictObject(
      {
        channels: {
          type: 'object',
          propertyNames: { enum: [...CHANNELS] },
          additionalProperties: strictObject({ frequency: { enum: [...FREQUENCIES] } }, ['frequency']),
        },
        topics: { type: 'array', items: text },
      },
      ['channels', 'topics'],
    ),
  },
  [CONTACT_RECORDED]: {
    1: strictObject({ channel: { enum: [...CHANNELS] }, initiatedBy: { enum: [...CONTACT_INITIATORS] } }, [
      'channel',
      'initiatedBy',
    ]),
  },
  [COOKIE_CHOICES_RECORDED]: {
    1: strictObject(
      {
        choices: strictObject(
          Object.fromEntries(COOKIE_CATEGORIES.map((category) => [category, { type: 'boolean' }])),
          [...COOKIE_CATEGORIES],
        ),
        bannerVersion: text,
      },
      ['choices', 'bannerVersion'],
    ),
  },
  [CALL_ATTEMPT_RECORDED]: {
    1: strictObject(
      { callId: text, kind: { enum: [...CALL_KINDS] }, outcome: { enum: [...CALL_OUTCOMES] } },
      ['callId', 'kind', 'outcome'],
    ),
  },
  [PARTNER_TRANSFER_RECORDED]: {
    1: {
      type: 'object',
      properties: {
        transferId: text,
        partner: { enum: [...PARTNERS] },
        channel: { enum: [...CHANNELS] },
        policy: strictObject({ id: text, version: text }, ['id', 'version']),
        decidedAt: instant,
        counts: {
          type: 'object',
          properties: {
            requested: { type: 'integer', minimum: 0 },
            sent: { type: 'integer', minimum: 0 },
            refused: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
          },
          required: ['requested', 'sent', 'refused'],
        },
        listHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        sent: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              ref: { type: 'object', additionalProperties: { type: 'string' } },
              subjectId: { type: ['string', 'null'] },
              reason: { type: 'string' },
              evidence: { type: 'array', items: { type: 'string' } },
            },
            required: ['ref', 'subjectId', 'reason', 'evidence'],
          },
        },
      },
      required: ['transferId', 'partner', 'channel', 'policy', 'decidedAt', 'counts', 'listHash', 'sent'],
    },
  },
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

const ajv = new Ajv({ allErrors: false, strict: true });
ajv.addFormat('date-time', (value: string) => ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)));

/** A sealed personal value: AES-GCM payload, base64url, after the format's prefix. */
const sealedValue = {
  type: 'string',
  pattern: `^${SEALED_PREFIX}[A-Za-z0-9_-]+$`, // the prefix is letters, digits and colons
  maxLength: 65_536,
};

/** The schema of a version as the log carries it sealed: each personal value a sealed token. */
export function sealedView(schema: Schema, paths: ReadonlyArray<readonly string[]>): Schema {
  const replaceAt = (node: Schema, path: readonly string[]): Schema => {
    if (path.length === 0) return sealedValue;
    const [head, ...rest] = path;
    if (head === '*') return { ...node, items: replaceAt(node.items as Schema, rest) };
    const properties = node.properties as Record<string, Schema> | undefined;
    if (properties?.[head] === undefined) return node;
    return { ...node, properties: { ...properties, [head]: replaceAt(properties[head], rest) } };
  };
  return paths
    .filter((path) => path[0] === 'data')
    .reduce((view, path) => replaceAt(view, path.slice(1)), schema);
}

const validators = new Map<string, ValidateFunction>();
for (const [type, versions] of Object.entries(EVENT_DATA_SCHEMAS)) {
  for (const [version, schema] of Object.entries(versions)) {
    validators.set(`${type}.v${version}`, ajv.compile(schema));
    validators.set(`${type}.v${version}.sealed`, ajv.compile(sealedView(schema, personalPaths(type))));
  }
}

/** Why `data` does not match its schema (its sealed view when `sealed`), or undefined when it does. */
export function eventDataProblem(
  type: string,
  schemaVersion: number,
  data: unknown,
  sealed = false,
): string | undefined {
  const validate = validators.get(`${type}.v${schemaVersion}${sealed ? '.sealed' : ''}`);
  if (validate === undefined) return `no schema for ${type} v${schemaVersion}`;
  if (validate(data)) return undefined;
  const [first] = validate.errors ?? [];
  return `data does not match ${type} v${schemaVersion}: ${first ? `${first.instancePath || '/'} ${first.message ?? ''}` : 'invalid'}`.trim();
}

export const isIsoInstant = (value: string): boolean =>
  ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
