import { Injectable } from '@nestjs/common';
import { recordCookieChoices, type CommandProvenance, type RecordingContext } from '@ledger/domain';
import { SubjectEventHandler } from '../../writes/subject-event.handler';
import type { RecordCookieChoicesBody } from './record-cookie-choices.dto';

/** The banner's answer, every category stated; decisions lapse it after the policy's 13 months. */
@Injectable()
export class RecordCookieChoicesHandler extends SubjectEventHandler<RecordCookieChoicesBody> {
  protected override readonly defaultSource = {
    collectionPoint: 'cookie-banner',
    method: 'cookie_banner' as const,
  };

  protected build(from: CommandProvenance, body: RecordCookieChoicesBody, context: RecordingContext) {
    const { choices, bannerVersion } = body;
    return recordCookieChoices({ ...from, choices: { ...choices }, bannerVersion }, context);
  }
}
