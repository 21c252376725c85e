import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { LedgerError } from '@ledger/domain';
import { LEDGER_CONFIG } from '../tokens';
import type { LedgerConfig } from '@ledger/config';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Bearer-key authentication. For now only the bootstrap admin key exists; scoped keys stored
 * hashed come with the write-path issue. Digests are compared so lengths never leak.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly adminKeyDigest: Buffer;

  constructor(@Inject(LEDGER_CONFIG) config: LedgerConfig) {
    if (config.adminKey === undefined) throw new Error('the API needs LEDGER_ADMIN_KEY');
    this.adminKeyDigest = digest(config.adminKey);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    if (!match) throw new LedgerError('unauthorized', 'Send Authorization: Bearer <api key>');
    if (!timingSafeEqual(digest(match[1]), this.adminKeyDigest)) {
      throw new LedgerError('unauthorized', 'Unknown API key');
    }
    return true;
  }
}
