import { createHmac, hkdfSync } from 'node:crypto';
import type { ConsentGiven } from '@ledger/domain';
import type { EventSigner } from './event-signature';

/** Who answers for the processing a receipt is about (the seed policy's data controller). */
export interface ReceiptController {
  piiController: string;
  contact: string;
  address: { streetAddress: string; postalCode: string; addressLocality: string; addressCountry: string };
  email: string;
  piiControllerUrl: string;
}

/** What a receipt names beside the event: the controller, where the policy is, and its version then. */
export interface ReceiptContext {
  controller: ReceiptController;
  policyUrl: string;
  jurisdiction: string;
  language: string;
  policy: { id: string; version: string };
  issuer: string;
}

export const KANTARA_RECEIPT_VERSION = 'KI-CR-v1.1.0';

const seconds = (instant: string) => Math.floor(Date.parse(instant) / 1000);

/**
 * A consent receipt (Kantara Initiative Consent Receipt Specification v1.1) for one given
 * consent, with the JWT claims that let any JOSE library check it: deterministic from the event,
 * so a retried request (Idempotency-Key) answers the very same receipt.
 */
export function consentReceiptClaims(event: ConsentGiven, principalId: string, context: ReceiptContext) {
  const { purpose, channels, partner, expiresAt } = event.data;
  return {
    iss: context.issuer,
    sub: principalId,
    jti: event.id,
    iat: seconds(event.recordedAt),
    version: KANTARA_RECEIPT_VERSION,
    jurisdiction: context.jurisdiction,
    consentTimestamp: seconds(event.occurredAt),
    collectionMethod: `${event.source.method} (${event.source.collectionPoint})`,
    consentReceiptID: event.id,
    language: context.language,
    piiPrincipalId: principalId,
    piiControllers: [context.controller],
    policyUrl: context.policyUrl,
    services: [
      {
        service: purpose,
        purposes: [
          {
            purpose,
            purposeCategory: [purpose],
            consentType: 'EXPLICIT',
            piiCategory: channels.map((channel) => `contact:${channel}`),
            primaryPurpose: false,
            termination: expiresAt !== undefined ? `expires ${expiresAt}` : 'until withdrawn',
            thirdPartyDisclosure: partner !== undefined,
            ...(partner !== undefined ? { thirdPartyName: partner } : {}),
          },
        ],
      },
    ],
    sensitive: false,
    spiCat: [] as string[],
    // Beyond Kantara: what the person was shown, and the ledger's policy version at that instant.
    ...(event.notice !== undefined ? { notice: event.notice } : {}),
    policy: context.policy,
  };
}

export type ConsentReceiptClaims = ReturnType<typeof consentReceiptClaims>;

/**
 * Issues receipts: a pseudonymous principal id (HMAC of the subject id under a key derived from
 * the master key: the controller can link it, a reader of the receipt cannot), signed as a
 * compact JWS (EdDSA) with the ledger's event key, so the JWKS verifies it offline.
 */
export class ConsentReceiptIssuer {
  private readonly pseudonymKey: Buffer;

  constructor(
    private readonly signer: EventSigner,
    masterKey: Buffer,
    private readonly context: Omit<ReceiptContext, 'policy'>,
  ) {
    this.pseudonymKey = Buffer.from(
      hkdfSync('sha256', masterKey, Buffer.alloc(0), 'consent-ledger/receipt-principal/v1', 32),
    );
  }

  principalId(subjectId: string): string {
    return createHmac('sha256', this.pseudonymKey).update(subjectId, 'utf8').digest('base64url');
  }

  issue(event: ConsentGiven, policyVersion: { id: string; version: string }): string {
    const claims = consentReceiptClaims(event, this.principalId(event.subjectId), {
      ...this.context,
      policy: policyVersion,
    });
    return this.signer.compactJws(claims, 'JWT');
  }
}
