import type { LedgerEvent } from '../events/ledger-event';
import { SUBJECT_REGISTERED } from '../subjects/subject-registered';
import { PARTNER_TRANSFER_RECORDED } from '../partner-transfers/partner-transfer-recorded';
import { RIGHTS_REQUEST_EXTENDED, RIGHTS_REQUEST_REFUSED } from '../rights/rights-request';
import { POST_MORTEM_DIRECTIVES_RECORDED } from '../rights/post-mortem-directives';
import { PROCESSING_RESTRICTED, RESTRICTION_LIFTED } from '../rights/processing-restriction';

/**
 * A path to personal values inside an event: property names, `*` for every item of an array.
 * The first segment is `data` or an envelope field (`proof`).
 */
export type PersonalPath = readonly string[];

/**
 * Where each event type carries personal data (identifiers, free text, proofs that name the
 * person, contacts sent to partners): what is sealed with the person's data key, so that
 * destroying the key erases it from every copy of the log.
 */
export const PERSONAL_FIELDS: ReadonlyMap<string, readonly PersonalPath[]> = new Map<string, PersonalPath[]>([
  [
    SUBJECT_REGISTERED,
    [
      ['data', 'identifiers', 'emails', '*'],
      ['data', 'identifiers', 'phones', '*'],
      ['data', 'identifiers', 'memberNumber'],
    ],
  ],
  [RIGHTS_REQUEST_EXTENDED, [['data', 'reason']]],
  [RIGHTS_REQUEST_REFUSED, [['data', 'justification']]],
  [PROCESSING_RESTRICTED, [['data', 'reason']]],
  [RESTRICTION_LIFTED, [['data', 'reason']]],
  [
    POST_MORTEM_DIRECTIVES_RECORDED,
    [
      ['data', 'directives'],
      ['data', 'designee'],
    ],
  ],
  // Each contact is the person's own: sealed with their key (the transfer's when unknown).
  [PARTNER_TRANSFER_RECORDED, [['data', 'sent', '*', 'ref']]],
]);

/** Every event may carry a proof reference, which can name the person (a message id, a form scan). */
const ENVELOPE_PATHS: readonly PersonalPath[] = [['proof', 'ref']];

export function personalPaths(type: string): readonly PersonalPath[] {
  return [...ENVELOPE_PATHS, ...(PERSONAL_FIELDS.get(type) ?? [])];
}

/** One personal value found in an event, with whose it is. */
export interface PersonalValue {
  value: unknown;
  owner: string;
}

/** The person a value belongs to: the event's subject, or a transferred contact's own subject. */
function ownerOf(event: LedgerEvent, path: readonly (string | number)[]): string {
  if (event.type === PARTNER_TRANSFER_RECORDED && path[1] === 'sent' && typeof path[2] === 'number') {
    const sent = (event.data as { sent: Array<{ subjectId: string | null }> }).sent[path[2]];
    return sent?.subjectId ?? event.subjectId;
  }
  return event.subjectId;
}

/**
 * The event with each personal value replaced by what `replace` makes of it (a sealed token, or
 * the opened value); everything else is shared, not copied. Values absent stay absent.
 */
export async function mapPersonalValues(
  event: LedgerEvent,
  replace: (found: PersonalValue) => Promise<unknown>,
): Promise<LedgerEvent> {
  let result: Record<string, unknown> = event as unknown as Record<string, unknown>;
  for (const path of personalPaths(event.type)) {
    result = (await mapAt(result, path, [], async (value, at) =>
      replace({ value, owner: ownerOf(event, at) }),
    )) as Record<string, unknown>;
  }
  return result as unknown as LedgerEvent;
}

async function mapAt(
  node: unknown,
  path: readonly string[],
  at: (string | number)[],
  replace: (value: unknown, at: (string | number)[]) => Promise<unknown>,
): Promise<unknown> {
  if (path.length === 0) return node === undefined ? undefined : replace(node, at);
  if (node === null || typeof node !== 'object') return node;
  const [head, ...rest] = path;
  if (head === '*') {
    if (!Array.isArray(node)) return node;
    return Promise.all(node.map((item, i) => mapAt(item, rest, [...at, i], replace)));
  }
  const object = node as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(object, head) || object[head] === undefined) return node;
  return { ...object, [head]: await mapAt(object[head], rest, [...at, head], replace) };
}
