import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { LedgerError } from '@ledger/domain';
import { grants, routeOf } from '../http/routes';
import { ApiKeyService } from './api-key.service';
import type { AuthenticatedRequest } from './principal';

/** Global guard: every route is authenticated unless public in the route table, and needs its scope. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly keys: ApiKeyService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const route = routeOf(request.method, request.routeOptions.url ?? '');
    if (!route)
      throw new Error(`${request.method} ${request.routeOptions.url} is missing from http/routes.ts`);
    if (route.scope === 'public') return true;
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    if (!match) throw new LedgerError('unauthorized', 'Send Authorization: Bearer <api key>');
    const principal = await this.keys.authenticate(match[1]);
    if (!grants(principal.scopes, route)) {
      throw new LedgerError('forbidden', `This API key lacks the scope ${route.scope}`, {
        requiredScope: route.scope,
      });
    }
    request.principal = principal;
    return true;
  }
}
