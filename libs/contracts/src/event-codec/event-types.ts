import { SUBJECT_REGISTERED } from '@ledger/domain';

const CLOUDEVENT_TYPE_PREFIX = 'eu.consent-ledger.';

/** Domain event name ↔ CloudEvents `type` (kebab-case, schema version suffixed). */
const WIRE_NAMES: Record<string, string> = {
  [SUBJECT_REGISTERED]: 'subject-registered',
};

const DOMAIN_NAMES: Record<string, string> = Object.fromEntries(
  Object.entries(WIRE_NAMES).map(([domain, wire]) => [wire, domain]),
);

/** The schema versions of each event type this build can read. */
const KNOWN_VERSIONS: Record<string, readonly number[]> = {
  [SUBJECT_REGISTERED]: [1],
};

export function cloudEventType(domainType: string, schemaVersion: number): string {
  const wire = WIRE_NAMES[domainType];
  if (wire === undefined) throw new Error(`no wire name for event type ${domainType}`);
  return `${CLOUDEVENT_TYPE_PREFIX}${wire}.v${schemaVersion}`;
}

export function parseCloudEventType(
  ceType: string,
): { domainType: string; schemaVersion: number } | undefined {
  const match = /^eu\.consent-ledger\.([a-z-]+)\.v(\d+)$/.exec(ceType);
  if (!match) return undefined;
  const domainType = DOMAIN_NAMES[match[1]];
  const schemaVersion = Number(match[2]);
  if (domainType === undefined || !KNOWN_VERSIONS[domainType]?.includes(schemaVersion)) {
    return undefined;
  }
  return { domainType, schemaVersion };
}
