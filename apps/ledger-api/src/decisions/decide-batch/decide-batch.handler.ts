import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import type { LedgerConfig } from '@ledger/config';
import { LedgerError, type Policy } from '@ledger/domain';
import { NDJSON } from '../../http/media-types';
import { LedgerMetrics } from '../../metrics/ledger-metrics';
import { readConsistency } from '../../read-side/consistent-with';
import { ReadModelFreshness } from '../../read-side/read-model-freshness';
import { SubjectReader } from '../../read-side/subject-reader';
import type { Clock } from '../../runtime';
import { CLOCK, LEDGER_CONFIG, POLICY } from '../../tokens';
import { decisionQuery, type DecisionQuestion } from '../decision-question.dto';
import { decideBatch, readBatchList, removeOrphanedBatchFiles } from './batch-decisions';
import { UploadRefused } from './bounded-lines';

/** The level a batch is answered at (its lines are each as fresh as that level says). */
export const CONSISTENCY_HEADER = 'ledger-consistency';

/** One subject reference a line in, one {line, subject, allowed, reason} a line out, streamed. */
@Injectable()
export class DecideBatchHandler implements OnModuleInit {
  constructor(
    private readonly subjects: SubjectReader,
    private readonly freshness: ReadModelFreshness,
    private readonly metrics: LedgerMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  onModuleInit(): void {
    void removeOrphanedBatchFiles();
  }

  async execute(question: DecisionQuestion, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const query = { ...decisionQuery(question, this.clock.now().toISOString()), policy: this.policy };
    if (!(request.body instanceof Readable)) {
      throw new LedgerError('validation_failed', `send the list as ${NDJSON}`);
    }
    // The whole list is answered as of one instant, at the level asked: every restrictive write
    // acknowledged before the request arrived included (and every write, at full).
    const consistency = readConsistency(question);
    await this.freshness.prepare(consistency);
    const list = await readBatchList(request.body, this.subjects, this.config.batch.upload).catch(
      (error: unknown) => {
        // The rest of a refused upload is never read: the connection closes after the problem.
        if (error instanceof UploadRefused) void reply.header('connection', 'close');
        throw error;
      },
    );
    const answers = Readable.from(
      decideBatch(
        list,
        this.subjects,
        query,
        this.config.batch.strategy,
        ({ strategy, lines }) => this.metrics.batchLines.inc({ strategy }, lines),
        { marks: consistency.level !== 'full' },
      ),
    );
    // A client gone before the answers started never runs the generator's cleanup.
    reply.raw.once('close', () => void list.release());
    void reply.type(NDJSON).header(CONSISTENCY_HEADER, consistency.level).send(answers);
  }
}
