import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { LedgerError } from '@ledger/domain';
import { ApiKeyService } from './api-key.service';
import type { AuthenticatedRequest } from './principal';
import { PUBLIC_ROUTE, REQUIRED_SCOPE, type Scope } from './scopes';

/** Global guard: every route is authenticated unless marked @Public, and needs its scope. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const scope = this.reflector.getAllAndOverride<Scope | undefined>(REQUIRED_SCOPE, targets);
    if (scope === undefined) throw new Error('route declares neither @Public nor @RequireScope');
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    if (!match) throw new LedgerError('unauthorized', 'Send Authorization: Bearer <api key>');
    const principal = await this.keys.authenticate(match[1]);
    if (!principal.scopes.includes(scope) && !principal.scopes.includes('admin')) {
      throw new LedgerError('forbidden', `This API key lacks the scope ${scope}`, { requiredScope: scope });
    }
    request.principal = principal;
    return true;
  }
}
