import { Injectable } from '@nestjs/common';
import { CHANNELS, setPreferences, type CommandProvenance, type RecordingContext } from '@ledger/domain';
import { SubjectEventHandler } from '../../writes/subject-event.handler';
import type { SetPreferencesBody } from './set-preferences.dto';

/** Replaces the person's frequencies and topics as a whole: what is left out is no longer wanted. */
@Injectable()
export class SetPreferencesHandler extends SubjectEventHandler<SetPreferencesBody> {
  protected build(from: CommandProvenance, body: SetPreferencesBody, context: RecordingContext) {
    const channels = Object.fromEntries(
      CHANNELS.flatMap((channel) => {
        const preference = body.channels[channel];
        return preference ? [[channel, { frequency: preference.frequency }]] : [];
      }),
    );
    return setPreferences({ ...from, channels, topics: body.topics }, context);
  }
}
