import { Injectable } from '@nestjs/common';
import { recordPostMortemDirectives, type CommandProvenance, type RecordingContext } from '@ledger/domain';
import { SubjectEventHandler } from '../../writes/subject-event.handler';
import type { PostMortemDirectivesBody } from './record-directives.dto';

/** The latest directives replace the earlier ones; shown with the subject's state (sealed like any personal value). */
@Injectable()
export class RecordDirectivesHandler extends SubjectEventHandler<PostMortemDirectivesBody> {
  protected build(from: CommandProvenance, body: PostMortemDirectivesBody, context: RecordingContext) {
    return recordPostMortemDirectives(
      {
        ...from,
        directives: body.directives,
        ...(body.designee !== undefined ? { designee: body.designee } : {}),
        ...(body.requestId !== undefined ? { requestId: body.requestId } : {}),
      },
      context,
    );
  }
}
