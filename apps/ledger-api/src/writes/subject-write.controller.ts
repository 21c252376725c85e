import { Body, Inject, Param, type Type } from '@nestjs/common';
import { ApiResource, RecordsEvent } from '../http/api-resource';
import { SubjectIdParam } from '../http/subject-id.param';
import type { WriteAcknowledgement } from './event-writer';
import { Write, type WriteContext } from './write-context';

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
}

/**
 * The controller of a write about one subject, all alike: its one route hands the subject id,
 * the validated body and the write context to the use case's handler.
 */
export function subjectWriteController<Body>(route: SubjectWriteRoute<Body>): Type<unknown> {
  @ApiResource(route.tag)
  class SubjectWriteController {
    constructor(@Inject(route.handler) private readonly handler: SubjectWrite<Body>) {}

    @RecordsEvent(route.path, route.put ? { put: true } : {})
    handle(@Param() path: SubjectIdParam, @Body() body: Body, @Write() write: WriteContext) {
      return this.handler.execute(path.subjectId, body, write);
    }
  }
  // A type parameter has no runtime type: name the body's class, so it is validated and documented.
  const parameters = [SubjectIdParam, route.body, Object];
  Reflect.defineMetadata('design:paramtypes', parameters, SubjectWriteController.prototype, 'handle');
  Object.defineProperty(SubjectWriteController, 'name', { value: route.name });
  return SubjectWriteController;
}
