import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Scope } from './scopes';

/** The authenticated API client; its name is recorded as the events' source client. */
export interface Principal {
  keyId: string;
  name: string;
  scopes: Scope[];
}

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('route reached without authentication');
  return principal;
});
