export const SCOPES = [
  'events:write',
  'decisions:read',
  'lists:filter',
  'calls:write',
  'rights:manage',
  'console',
  'admin',
] as const;
/**
 * Each route's scope is in `http/routes.ts`; `admin` holds every scope; `console` reads what the
 * DPO console shows (the routes marked `console` there) and writes nothing.
 */
export type Scope = (typeof SCOPES)[number];
