import { LedgerError } from '../errors/ledger-error';
import type { LedgerEvent } from '../events/ledger-event';
import { recordEvent, type CommandProvenance, type RecordingContext } from '../events/record-event';
import type { Channel, Partner, Purpose } from '../vocabulary/purposes';

export const CONSENT_GIVEN = 'ConsentGiven';
export const CONSENT_WITHDRAWN = 'ConsentWithdrawn';
export const OPPOSITION_REGISTERED = 'OppositionRegistered';
export const OPPOSITION_WITHDRAWN = 'OppositionWithdrawn';

/** What a consent or an opposition is about: a purpose, its channels, and for transfers a partner. */
export interface ChoiceScope {
  purpose: Purpose;
  channels: Channel[];
  partner?: Partner;
}

export interface ConsentGivenData extends ChoiceScope {
  expiresAt?: string;
}

/**
 * What an objection is about (GDPR art. 21): without channels it covers every channel, and an
 * objection to partner transfers without a partner covers every partner.
 */
export interface OppositionScope {
  purpose: Purpose;
  channels?: Channel[];
  partner?: Partner;
}

export type ConsentGiven = LedgerEvent<typeof CONSENT_GIVEN, ConsentGivenData>;
export type ConsentWithdrawn = LedgerEvent<typeof CONSENT_WITHDRAWN, ChoiceScope>;
export type OppositionRegistered = LedgerEvent<typeof OPPOSITION_REGISTERED, OppositionScope>;
export type OppositionWithdrawn = LedgerEvent<typeof OPPOSITION_WITHDRAWN, OppositionScope>;

/** Oppositions are recorded in schema v2 (channels and partner optional); v1 records are read as v2. */
export const OPPOSITION_SCHEMA_VERSION = 2;

export type ChoiceCommand = CommandProvenance & ChoiceScope;
export type OppositionCommand = CommandProvenance & OppositionScope;
export interface GiveConsent extends ChoiceCommand {
  expiresAt?: string;
}

function invalid(field: string, problem: string): LedgerError {
  return new LedgerError('validation_failed', problem, { errors: [{ field, problems: [problem] }] });
}

/** A partner qualifies partner_transfer, and partner_transfer always names one. */
function checkScope(scope: ChoiceScope): ChoiceScope {
  if (scope.purpose === 'partner_transfer' && scope.partner === undefined) {
    throw invalid('partner', 'partner is required for purpose partner_transfer');
  }
  if (scope.purpose !== 'partner_transfer' && scope.partner !== undefined) {
    throw invalid('partner', 'partner is only allowed with purpose partner_transfer');
  }
  return {
    purpose: scope.purpose,
    channels: [...new Set(scope.channels)],
    ...(scope.partner !== undefined ? { partner: scope.partner } : {}),
  };
}

export function giveConsent(command: GiveConsent, context: RecordingContext): ConsentGiven {
  const scope = checkScope(command);
  const event = recordEvent(
    CONSENT_GIVEN,
    1,
    command,
    { ...scope, ...(command.expiresAt !== undefined ? { expiresAt: command.expiresAt } : {}) },
    context,
  );
  if (command.expiresAt !== undefined && Date.parse(command.expiresAt) <= Date.parse(event.occurredAt)) {
    throw invalid('expiresAt', 'expiresAt must be after occurredAt');
  }
  return event;
}

export const withdrawConsent = (command: ChoiceCommand, context: RecordingContext): ConsentWithdrawn =>
  recordEvent(CONSENT_WITHDRAWN, 1, command, checkScope(command), context);

/** A partner qualifies partner_transfer only; channels, when given, are at least one. */
function checkOppositionScope(scope: OppositionScope): OppositionScope {
  if (scope.purpose !== 'partner_transfer' && scope.partner !== undefined) {
    throw invalid('partner', 'partner is only allowed with purpose partner_transfer');
  }
  if (scope.channels !== undefined && scope.channels.length === 0) {
    throw invalid('channels', 'give at least one channel, or none to object on every channel');
  }
  return {
    purpose: scope.purpose,
    ...(scope.channels !== undefined ? { channels: [...new Set(scope.channels)] } : {}),
    ...(scope.partner !== undefined ? { partner: scope.partner } : {}),
  };
}

export const registerOpposition = (
  command: OppositionCommand,
  context: RecordingContext,
): OppositionRegistered =>
  recordEvent(
    OPPOSITION_REGISTERED,
    OPPOSITION_SCHEMA_VERSION,
    command,
    checkOppositionScope(command),
    context,
  );

export const withdrawOpposition = (
  command: OppositionCommand,
  context: RecordingContext,
): OppositionWithdrawn =>
  recordEvent(
    OPPOSITION_WITHDRAWN,
    OPPOSITION_SCHEMA_VERSION,
    command,
    checkOppositionScope(command),
    context,
  );
