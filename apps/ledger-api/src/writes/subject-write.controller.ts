import { Body, Inject, Param, type Type } from '@nestjs/common';
import { ApiResource, RecordsEvent } from '../http/api-resource';
import { SubjectIdParam } from '../http/subject-id.param';
import type { SubjectWriteRoute, SubjectWrite } from './subject-write';
import { Write, type WriteContext } from './write-context';

/** Every write about one subject has this controller: subject id, body, write context to its handler. */
export function subjectWriteController<Body>(route: SubjectWriteRoute<Body>): Type<unknown> {
  @ApiResource(route.tag)
  class SubjectWriteController {
    constructor(@Inject(route.handler) private readonly handler: SubjectWrite<Body>) {}

    @RecordsEvent(route.path, {
      ...(route.put ? { put: true } : {}),
      ...(route.answer ? { answer: route.answer } : {}),
    })
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
