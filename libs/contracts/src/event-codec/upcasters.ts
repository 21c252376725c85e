import { OPPOSITION_REGISTERED, OPPOSITION_WITHDRAWN, SUBJECT_REGISTERED } from '@ledger/domain';
import { UndecodableEventError } from './undecodable-event.error';

/** Lifts the `data` of one event type from schema version N to N + 1. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/** Per event type, the upcaster from each older schema version to the next. */
export type Upcasters = ReadonlyMap<string, ReadonlyMap<number, Upcaster>>;

/** Every v1 record of a type is a valid v2 record: its data is read as it is. */
const unchanged: Upcaster = (data) => data;

/**
 * The ledger's upcasters. A v2 schema adds its schema (event-data-schemas.ts), its version
 * (event-types.ts) and its upcaster here; the projection keeps reading the current version only.
 */
export const UPCASTERS: Upcasters = new Map([
  // Registrations v2 added where the person lives (optional).
  // v3 added the identifiers' hashes, which only a holder of the key can compute: older records
  // read without them and the projector hashes their (clear) identifiers itself.
  [
    SUBJECT_REGISTERED,
    new Map([
      [1, unchanged],
      [2, unchanged],
    ]),
  ],
  // Oppositions v2 made channels and partner optional (every channel, every partner).
  [OPPOSITION_REGISTERED, new Map([[1, unchanged]])],
  [OPPOSITION_WITHDRAWN, new Map([[1, unchanged]])],
]);

/**
 * `data` as the current version of its type: each upcaster in turn from the version on the wire.
 * A published version with no path to the current one is a build error, not a silent pass.
 */
export function upcast(
  type: string,
  fromVersion: number,
  currentVersion: number,
  data: Record<string, unknown>,
  upcasters: Upcasters = UPCASTERS,
): Record<string, unknown> {
  let lifted = data;
  for (let version = fromVersion; version < currentVersion; version++) {
    const up = upcasters.get(type)?.get(version);
    if (up === undefined) throw new UndecodableEventError(`no upcaster for ${type} v${version}`);
    lifted = up(lifted);
  }
  return lifted;
}
