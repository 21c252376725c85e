import { Inject, Injectable } from '@nestjs/common';
import { encodePositionToken } from '@ledger/contracts';
import { registerSubject, type EventLog, type RegisterSubject } from '@ledger/domain';
import type { Clock, IdGenerator } from '../../runtime';
import { CLOCK, EVENT_LOG, ID_GENERATOR } from '../../tokens';

export interface WriteAcknowledgement {
  eventId: string;
  position: string;
}

@Injectable()
export class RegisterSubjectHandler {
  constructor(
    @Inject(EVENT_LOG) private readonly log: EventLog,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async execute(command: RegisterSubject): Promise<WriteAcknowledgement> {
    const event = registerSubject(command, {
      eventId: this.ids.eventId(),
      now: this.clock.now().toISOString(),
    });
    const position = await this.log.append(event);
    return { eventId: event.id, position: encodePositionToken(position) };
  }
}
