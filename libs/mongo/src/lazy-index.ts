import type { Collection, Document, IndexSpecification } from 'mongodb';

/**
 * An index made by the first call that needs it, once. A failed attempt (the server down for a
 * moment) is not remembered: the next call tries again instead of failing until a restart.
 */
export class LazyIndex<T extends Document = Document> {
  private made: Promise<unknown> | undefined;

  constructor(
    private readonly collection: Pick<Collection<T>, 'createIndex'>,
    private readonly keys: IndexSpecification,
  ) {}

  ensure(): Promise<unknown> {
    this.made ??= this.collection.createIndex(this.keys).catch((error: unknown) => {
      this.made = undefined;
      throw error;
    });
    return this.made;
  }
}
