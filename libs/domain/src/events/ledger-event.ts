import type { CollectionMethod, ProofType } from '../vocabulary/provenance';

/** Who acted: the person themself, a staff member, or an automated system. */
export type ActorType = 'subject' | 'agent' | 'system';
export const ACTOR_TYPES: readonly ActorType[] = ['subject', 'agent', 'system'];

export interface Actor {
  type: ActorType;
  id?: string;
}

/** Where and how the fact was collected, and by which API client it was recorded. */
export interface Source {
  collectionPoint: string;
  method: CollectionMethod;
  client: string;
}

/** The information notice shown to the person when they chose. */
export interface NoticeRef {
  id: string;
  version: string;
}

export interface ProofRef {
  type: ProofType;
  ref: string;
}

/** The metadata every event carries, whatever its type. */
export interface EventEnvelope {
  id: string;
  subjectId: string;
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
  source: Source;
  notice?: NoticeRef;
  proof?: ProofRef;
}

/**
 * An event as the core sees it: immutable facts with metadata, no wire format.
 * `type` is the past-tense name; `schemaVersion` is the version of `data`'s shape.
 */
export interface LedgerEvent<TType extends string = string, TData = unknown> extends EventEnvelope {
  type: TType;
  schemaVersion: number;
  data: TData;
}
