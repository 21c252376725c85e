import { Controller, HttpCode, Inject, Post, Query, Req, Res, type OnModuleInit } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConsumes,
  ApiOkResponse,
  ApiPropertyOptional,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LedgerError, PARTNERS, type Partner, type Policy } from '@ledger/domain';
import { ConsistentWithField, tokensOf } from '../../read-side/consistent-with';
import { ReadModelFreshness } from '../../read-side/read-model-freshness';
import { SubjectReader } from '../../read-side/subject-reader';
import type { LedgerConfig } from '@ledger/config';
import { LedgerMetrics } from '../../metrics/ledger-metrics';
import type { Clock } from '../../runtime';
import { CLOCK, LEDGER_CONFIG, POLICY } from '../../tokens';
import { NDJSON } from '../../http/media-types';
import { DECISION_CHANNELS, DECISION_PURPOSES } from '../decide/decide.controller';
import { decideBatch, readBatchList, removeOrphanedBatchFiles } from './batch-decisions';
import { UploadRefused } from './bounded-lines';
import { Timestamp } from '../../http/timestamp';

export class BatchQuery {
  @ApiProperty({ enum: DECISION_PURPOSES })
  @IsIn(DECISION_PURPOSES)
  purpose!: (typeof DECISION_PURPOSES)[number];

  @ApiProperty({ enum: DECISION_CHANNELS })
  @IsIn(DECISION_CHANNELS)
  channel!: (typeof DECISION_CHANNELS)[number];

  @ApiPropertyOptional({ enum: PARTNERS })
  @IsOptional()
  @IsIn(PARTNERS)
  partner?: Partner;

  @Timestamp('answer as of this past instant; default now', { optional: true })
  at?: string;

  @ConsistentWithField()
  consistentWith?: string | string[];
}

@ApiTags('decisions')
@ApiBearerAuth()
@Controller('v1/decisions')
export class DecideBatchController implements OnModuleInit {
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

  /** One subject reference a line in, one {line, subject, allowed, reason} a line out. */
  @Post('batch')
  @HttpCode(200)
  @ApiConsumes(NDJSON)
  @ApiOkResponse({
    description:
      'NDJSON, in input order; a bad line gets an {line, error} line. The list is read whole before the first answer (to disk past 5,000 lines).',
  })
  async batch(
    @Query() query: BatchQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const now = this.clock.now().toISOString();
    const at = query.at !== undefined ? new Date(query.at).toISOString() : now;
    if (
      Date.parse(at) > Date.parse(now) ||
      (query.purpose === 'partner_transfer') !== (query.partner !== undefined)
    ) {
      throw new LedgerError(
        'validation_failed',
        'at must not be in the future; partner goes with partner_transfer only',
      );
    }
    if (!(request.body instanceof Readable)) {
      throw new LedgerError('validation_failed', `send the list as ${NDJSON}`);
    }
    // The whole list is answered as of one instant, from read models that include every write
    // acknowledged before the request arrived.
    await this.freshness.ensureFresh(tokensOf(query.consistentWith));
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
        {
          policy: this.policy,
          purpose: query.purpose,
          channel: query.channel,
          ...(query.partner !== undefined ? { partner: query.partner } : {}),
          at,
        },
        this.config.batch.strategy,
        ({ strategy, lines }) => this.metrics.batchLines.inc({ strategy }, lines),
      ),
    );
    // A client gone before the answers started never runs the generator's cleanup.
    reply.raw.once('close', () => void list.release());
    void reply.type(NDJSON).send(answers);
  }
}
