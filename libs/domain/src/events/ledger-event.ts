/** Who acted: the person themself, a staff member, or an automated system. */
export type ActorType = 'subject' | 'agent' | 'system';

export interface Actor {
  type: ActorType;
  id?: string;
}

/**
 * An event as the core sees it: immutable facts with metadata, no wire format.
 * `type` is the past-tense name; `schemaVersion` is the version of `data`'s shape.
 */
export interface LedgerEvent<TType extends string = string, TData = unknown> {
  id: string;
  type: TType;
  schemaVersion: number;
  subjectId: string;
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
  sourceClient: string;
  data: TData;
}
