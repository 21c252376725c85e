export const SCOPES = [
  'events:write',
  'decisions:read',
  'lists:filter',
  'calls:write',
  'rights:manage',
  'admin',
] as const;
/** Each route's scope is in `http/routes.ts`; `admin` holds every scope. */
export type Scope = (typeof SCOPES)[number];
