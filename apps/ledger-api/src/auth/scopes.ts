import { SetMetadata } from '@nestjs/common';

export const SCOPES = [
  'events:write',
  'decisions:read',
  'lists:filter',
  'calls:write',
  'rights:manage',
  'admin',
] as const;
export type Scope = (typeof SCOPES)[number];

export const REQUIRED_SCOPE = 'ledger:required-scope';
export const PUBLIC_ROUTE = 'ledger:public-route';

/** Every route names the scope it needs; `admin` holds every scope. */
export const RequireScope = (scope: Scope) => SetMetadata(REQUIRED_SCOPE, scope);
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
