import type { Type } from '@nestjs/common';
import type { WriteAcknowledgement } from './event-writer';
import type { WriteContext } from './write-context';

/** What a subject write's handler does: record what the body says about the subject of the path. */
export interface SubjectWrite<Body> {
  execute(subjectId: string, body: Body, write: WriteContext): Promise<WriteAcknowledgement>;
}

export interface SubjectWriteRoute<Body> {
  /** The controller's name, as Nest logs it. */
  name: string;
  /** The OpenAPI tag its route is listed under. */
  tag: string;
  /** Below `v1/subjects`. */
  path: string;
  body: Type<Body>;
  handler: Type<SubjectWrite<Body>>;
  /** A write that replaces (PUT, 200) rather than adds (POST, 201). */
  put?: true;
  /** What it answers when more than {eventId, position} (documented in OpenAPI). */
  answer?: Type<unknown>;
}
