import type { LedgerEvent } from '../events/ledger-event';
import { recordEvent, type CommandProvenance, type RecordingContext } from '../events/record-event';

export const POST_MORTEM_DIRECTIVES_RECORDED = 'PostMortemDirectivesRecorded';

/**
 * Loi Informatique et Libertés art. 85: what the person wants done with their data after their
 * death, and whom they entrust with it. Free text, sealed like every personal value.
 */
export interface PostMortemDirectivesData {
  directives: string;
  /** The person entrusted with carrying them out, when one is named. */
  designee?: string;
  requestId?: string;
}

export type PostMortemDirectivesRecorded = LedgerEvent<
  typeof POST_MORTEM_DIRECTIVES_RECORDED,
  PostMortemDirectivesData
>;

export const recordPostMortemDirectives = (
  command: CommandProvenance & PostMortemDirectivesData,
  context: RecordingContext,
): PostMortemDirectivesRecorded =>
  recordEvent(
    POST_MORTEM_DIRECTIVES_RECORDED,
    1,
    command,
    {
      directives: command.directives,
      ...(command.designee !== undefined ? { designee: command.designee } : {}),
      ...(command.requestId !== undefined ? { requestId: command.requestId } : {}),
    },
    context,
  );
