import { subjectWriteController } from '../../writes/subject-write.controller';
import { SetPreferencesBody } from './set-preferences.dto';
import { SetPreferencesHandler } from './set-preferences.handler';

export const SetPreferencesController = subjectWriteController({
  name: 'SetPreferencesController',
  tag: 'preferences',
  path: ':subjectId/preferences',
  body: SetPreferencesBody,
  handler: SetPreferencesHandler,
  put: true,
});
