import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { EventSigner } from '@ledger/contracts';
import { EVENT_SIGNER } from '../../tokens';

/** The public keys that verify the ledger's signatures (RFC 7517 JWKS): anyone can check an event offline. */
@ApiTags('proof')
@Controller('.well-known')
export class JwksController {
  constructor(@Inject(EVENT_SIGNER) private readonly signer: EventSigner) {}

  @Get('jwks.json')
  @Header('content-type', 'application/jwk-set+json')
  @Header('cache-control', 'public, max-age=300')
  @ApiOkResponse({ description: 'Ed25519 public keys (OKP), `kid` their RFC 7638 thumbprint' })
  jwks() {
    return { keys: [this.signer.jwk] };
  }
}
