import type { Collection, Document, Filter } from 'mongodb';

/** Index use in a plan: MongoDB's stages, or SQLite's query plan as FerretDB shows it. */
const INDEX_PLAN = /"(IXSCAN|EXPRESS_IXSCAN|IDHACK|EXPRESS_IDHACK)"|SEARCH \S+ USING (COVERING )?INDEX/;
/** What a plan says about a collection that does not exist yet: nothing to judge by. */
const NO_PLAN = /"EOF"|^\{\}$/;

/**
 * Whether the server answers `{_id: {$in: [...]}}` from its `_id` index. Real MongoDB does
 * (IXSCAN / EXPRESS_IXSCAN / IDHACK in its plan); FerretDB v1 as released does not
 * (`filterPushdown: false`, a full scan per query: 3.9 s for 500 ids in 50,000 documents), and
 * with our patch (infra/ferretdb/sqlite-id-set-pushdown.patch) it does. Undefined: an empty
 * collection, whose plan tells nothing; ask again once it holds documents.
 */
export async function inUsesIdIndex<T extends Document>(
  collection: Collection<T>,
): Promise<boolean | undefined> {
  const plan = await collection
    .find({ _id: { $in: ['consent-ledger-probe-a', 'consent-ledger-probe-b'] } } as Filter<T>)
    .explain('queryPlanner');
  const planner = JSON.stringify(plan.queryPlanner ?? {});
  if (NO_PLAN.test(planner)) return undefined;
  if ((plan as { filterPushdown?: boolean }).filterPushdown === false) return false;
  return INDEX_PLAN.test(planner);
}
