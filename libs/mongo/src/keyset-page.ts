import type { Collection, Document, Filter, WithId } from 'mongodb';

/**
 * One page of a collection in (`field`, _id) order from a cursor, by keyset (no skip): the
 * cursor is the last row's (field, _id), opaque to callers; `next` while there is more.
 * `order` -1 walks the same keys from the greatest.
 */
export async function keysetPage<T extends Document & { _id: string }>(
  collection: Collection<T>,
  filter: Filter<T>,
  field: keyof T & string,
  limit: number,
  cursor?: string,
  options: { order?: 1 | -1; projection?: Document } = {},
): Promise<{ rows: WithId<T>[]; next?: string }> {
  const order = options.order ?? 1;
  const beyond = order === 1 ? '$gt' : '$lt';
  const [value, id] =
    cursor === undefined ? [] : Buffer.from(cursor, 'base64url').toString('utf8').split('\n');
  const after =
    value === undefined || id === undefined
      ? {}
      : { $or: [{ [field]: { [beyond]: value } }, { [field]: value, _id: { [beyond]: id } }] };
  const rows = await collection
    .find({ ...filter, ...after } as Filter<T>, options.projection ? { projection: options.projection } : {})
    .sort({ [field]: order, _id: order })
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
