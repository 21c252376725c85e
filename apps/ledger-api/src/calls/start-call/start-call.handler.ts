import { Inject, Injectable } from '@nestjs/common';
import { decideCallStart, type CallStartDecision, type Policy } from '@ledger/domain';
import { tokensOf } from '../../read-side/consistent-with';
import { ReadModelFreshness } from '../../read-side/read-model-freshness';
import { SubjectReader } from '../../read-side/subject-reader';
import type { Clock } from '../../runtime';
import { CLOCK, POLICY } from '../../tokens';
import type { StartCallBody } from './start-call.dto';

/** Before a call connects: the domain's call-start rule on the subject as the ledger knows them now. */
@Injectable()
export class StartCallHandler {
  constructor(
    private readonly subjects: SubjectReader,
    private readonly freshness: ReadModelFreshness,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async execute(callId: string, body: StartCallBody): Promise<{ callId: string } & CallStartDecision> {
    const at = this.clock.now().toISOString();
    await this.freshness.ensureFresh(tokensOf(body.consistentWith));
    const { record } = await this.subjects.resolve(body.subject, at);
    return { callId, ...decideCallStart(this.policy, record, { kind: body.kind, at }) };
  }
}
