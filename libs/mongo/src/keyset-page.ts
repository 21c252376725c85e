import type { Collection, Document, Filter, WithId } from 'mongodb';

/**
 * One page of a collection in (`field`, _id) order from a cursor, by keyset (no skip): the
 * cursor is the last row's (field, _id), opaque to callers; `next` while there is more.
 */
export async function keysetPage<T extends Document & { _id: string }>(
  collection: Collection<T>,
  filter: Filter<T>,
  field: keyof T & string,
  limit: number,
  cursor?: string,
): Promise<{ rows: WithId<T>[]; next?: string }> {
  const [value, id] =
    cursor === undefined ? [] : Buffer.from(cursor, 'base64url').toString('utf8').split('\n');
  const after =
    value === undefined || id === undefined
      ? {}
      : { $or: [{ [field]: { $gt: value } }, { [field]: value, _id: { $gt: id } }] };
  const rows = await collection
    .find({ ...filter, ...after } as Filter<T>)
    .sort({ [field]: 1, _id: 1 })
    .limit(limit + 1)
    .toArray();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    ...(rows.length > limit && last
      ? { next: Buffer.from(`${String(last[field])}\n${last._id}`, 'utf8').toString('base64url') }
      : {}),
  };
}
