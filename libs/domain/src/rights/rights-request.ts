import { LedgerError } from '../errors/ledger-error';
import type { LedgerEvent } from '../events/ledger-event';
import { recordEvent, type CommandProvenance, type RecordingContext } from '../events/record-event';
import { addMonths } from '../policy/policy';

export const RIGHTS_REQUEST_RECEIVED = 'RightsRequestReceived';
export const RIGHTS_REQUEST_EXTENDED = 'RightsRequestExtended';
export const RIGHTS_REQUEST_COMPLETED = 'RightsRequestCompleted';
export const RIGHTS_REQUEST_REFUSED = 'RightsRequestRefused';

/** The rights the seed policy gives (GDPR art. 15–22, loi Informatique et Libertés art. 85). */
export const RIGHTS_REQUEST_TYPES = [
  'access',
  'rectification',
  'portability',
  'erasure',
  'restriction',
  'objection',
  'consent_withdrawal',
  'post_mortem',
] as const;
export type RightsRequestType = (typeof RIGHTS_REQUEST_TYPES)[number];

export const RIGHTS_REQUEST_CHANNELS = ['post', 'email'] as const;
export type RightsRequestChannel = (typeof RIGHTS_REQUEST_CHANNELS)[number];

/** A refusal must be one of these, justified: the burden of proof is the controller's (art. 12(5)). */
export const REFUSAL_REASONS = ['manifestly_unfounded', 'manifestly_excessive'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** GDPR art. 12(3): one month from receipt, extendable by two more (three in all). */
export const ANSWER_MONTHS = 1;
export const EXTENDED_ANSWER_MONTHS = 3;

export interface RightsRequestReceivedData {
  requestId: string;
  type: RightsRequestType;
  channel: RightsRequestChannel;
  receivedAt: string;
  dueAt: string;
}
export interface RightsRequestExtendedData {
  requestId: string;
  reason: string;
  dueAt: string;
}
export interface RightsRequestCompletedData {
  requestId: string;
}
export interface RightsRequestRefusedData {
  requestId: string;
  reason: RefusalReason;
  justification: string;
}

export type RightsRequestEvent =
  | LedgerEvent<typeof RIGHTS_REQUEST_RECEIVED, RightsRequestReceivedData>
  | LedgerEvent<typeof RIGHTS_REQUEST_EXTENDED, RightsRequestExtendedData>
  | LedgerEvent<typeof RIGHTS_REQUEST_COMPLETED, RightsRequestCompletedData>
  | LedgerEvent<typeof RIGHTS_REQUEST_REFUSED, RightsRequestRefusedData>;

/** A request as it stands: what the DPO's board lists. */
export interface RightsRequest {
  requestId: string;
  subjectId: string;
  type: RightsRequestType;
  channel: RightsRequestChannel;
  receivedAt: string;
  dueAt: string;
  status: 'open' | 'completed' | 'refused';
  extension?: { reason: string; at: string };
  closedAt?: string;
  refusal?: { reason: RefusalReason; justification: string };
}

const conflict = (message: string) => new LedgerError('conflict', message);

export function receiveRightsRequest(
  command: CommandProvenance & Omit<RightsRequestReceivedData, 'dueAt'>,
  context: RecordingContext,
): LedgerEvent<typeof RIGHTS_REQUEST_RECEIVED, RightsRequestReceivedData> {
  const receivedAt = new Date(command.receivedAt).toISOString();
  const { requestId, type, channel } = command;
  const dueAt = addMonths(receivedAt, ANSWER_MONTHS);
  return recordEvent(
    RIGHTS_REQUEST_RECEIVED,
    1,
    { ...command, occurredAt: receivedAt },
    { requestId, type, channel, receivedAt, dueAt },
    context,
  );
}

/** Once, with a reason, and only while the first month runs; the answer is then due three months from receipt. */
export function extendRightsRequest(
  request: RightsRequest,
  command: CommandProvenance & { reason: string },
  context: RecordingContext,
): LedgerEvent<typeof RIGHTS_REQUEST_EXTENDED, RightsRequestExtendedData> {
  if (request.status !== 'open') throw conflict(`rights request ${request.requestId} is ${request.status}`);
  if (request.extension !== undefined) throw conflict('a rights request can be extended once only');
  if (Date.parse(context.now) >= Date.parse(addMonths(request.receivedAt, ANSWER_MONTHS))) {
    throw conflict('the first month has run out: a rights request is extended only while it runs');
  }
  const dueAt = addMonths(request.receivedAt, EXTENDED_ANSWER_MONTHS);
  return recordEvent(
    RIGHTS_REQUEST_EXTENDED,
    1,
    { ...command, subjectId: request.subjectId },
    { requestId: request.requestId, reason: command.reason, dueAt },
    context,
  );
}

export function completeRightsRequest(
  request: RightsRequest,
  command: CommandProvenance,
  context: RecordingContext,
): LedgerEvent<typeof RIGHTS_REQUEST_COMPLETED, RightsRequestCompletedData> {
  if (request.status !== 'open') throw conflict(`rights request ${request.requestId} is ${request.status}`);
  return recordEvent(
    RIGHTS_REQUEST_COMPLETED,
    1,
    { ...command, subjectId: request.subjectId },
    { requestId: request.requestId },
    context,
  );
}

export function refuseRightsRequest(
  request: RightsRequest,
  command: CommandProvenance & { reason: RefusalReason; justification: string },
  context: RecordingContext,
): LedgerEvent<typeof RIGHTS_REQUEST_REFUSED, RightsRequestRefusedData> {
  if (request.status !== 'open') throw conflict(`rights request ${request.requestId} is ${request.status}`);
  if (command.justification.trim() === '') {
    throw new LedgerError('validation_failed', 'a refusal is justified', {
      errors: [{ field: 'justification', problems: ['a refusal is justified: the burden of proof is ours'] }],
    });
  }
  return recordEvent(
    RIGHTS_REQUEST_REFUSED,
    1,
    { ...command, subjectId: request.subjectId },
    { requestId: request.requestId, reason: command.reason, justification: command.justification },
    context,
  );
}

/** Pure projection of a request from its events, in log order. */
export function evolveRightsRequest(
  current: RightsRequest | null,
  event: RightsRequestEvent,
): RightsRequest | null {
  switch (event.type) {
    case RIGHTS_REQUEST_RECEIVED:
      return current ?? { ...event.data, subjectId: event.subjectId, status: 'open' };
    case RIGHTS_REQUEST_EXTENDED:
      return (
        current && {
          ...current,
          dueAt: event.data.dueAt,
          extension: { reason: event.data.reason, at: event.recordedAt },
        }
      );
    case RIGHTS_REQUEST_COMPLETED:
      return current && { ...current, status: 'completed', closedAt: event.recordedAt };
    case RIGHTS_REQUEST_REFUSED:
      return (
        current && {
          ...current,
          status: 'refused',
          closedAt: event.recordedAt,
          refusal: { reason: event.data.reason, justification: event.data.justification },
        }
      );
  }
}

/** Where a request stands for the DPO at `now`: open and overdue, open and due within `days`, or neither. */
export function urgency(
  request: RightsRequest,
  now: string,
  days: number,
): 'overdue' | 'due_soon' | undefined {
  if (request.status !== 'open') return undefined;
  const due = Date.parse(request.dueAt);
  const at = Date.parse(now);
  if (due <= at) return 'overdue';
  return due - at <= days * 86_400_000 ? 'due_soon' : undefined;
}
