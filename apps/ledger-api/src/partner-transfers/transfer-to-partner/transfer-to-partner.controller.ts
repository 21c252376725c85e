import { Body, Inject, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, ValidateNested } from 'class-validator';
import { createHash } from 'node:crypto';
import { POLICY } from '../../tokens';
import {
  CHANNELS,
  decide,
  LedgerError,
  PARTNERS,
  recordPartnerTransfer,
  sentListNdjson,
  type Channel,
  type Partner,
  type TransferredContact,
  type Policy,
} from '@ledger/domain';
import { SubjectRefDto } from '../../read-side/subject-ref.dto';
import { ActiveReadModels } from '../../read-side/active-read-models';
import { ConsistentWithField, tokensOf } from '../../read-side/consistent-with';
import { ReadModelFreshness } from '../../read-side/read-model-freshness';
import { SubjectReader } from '../../read-side/subject-reader';
import { EventWriter } from '../../writes/event-writer';
import { Write, type WriteContext } from '../../writes/write-context';

/** One event records the whole manifest; beyond this, send the list in several transfers. */
export const MAX_TRANSFER_SUBJECTS = 2000;

export class TransferToPartnerBody {
  @ApiProperty({ enum: PARTNERS })
  @IsIn(PARTNERS)
  partner!: Partner;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiProperty({ type: [SubjectRefDto], maxItems: MAX_TRANSFER_SUBJECTS })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_TRANSFER_SUBJECTS)
  @ValidateNested({ each: true })
  @Type(() => SubjectRefDto)
  subjects!: SubjectRefDto[];

  @ConsistentWithField()
  consistentWith?: string | string[];
}

@ApiTags('partner-transfers')
@ApiBearerAuth()
@Controller('v1/partner-transfers')
export class TransferToPartnerController {
  constructor(
    private readonly subjects: SubjectReader,
    private readonly writer: EventWriter,
    private readonly freshness: ReadModelFreshness,
    private readonly readModels: ActiveReadModels,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /** Filters the list like the batch endpoint, records the manifest, answers what may be sent. */
  @Post()
  @ApiCreatedResponse({ description: 'the manifest: sent list, its sha256, counts, policy version' })
  async transfer(@Body() body: TransferToPartnerBody, @Write() write: WriteContext) {
    const context = this.writer.recordingContext();
    const at = context.now;
    const sent: TransferredContact[] = [];
    const refused: Record<string, number> = {};
    let policy = { id: this.policy.id, version: '' };
    await this.freshness.ensureFresh(tokensOf(body.consistentWith));
    for (const subject of body.subjects) {
      const ref = Object.fromEntries(Object.entries(subject).filter(([, v]) => v !== undefined)) as Record<
        string,
        string
      >;
      const { subjectId, record } = await this.subjects.resolve(ref, at);
      const decision = decide(this.policy, record, {
        purpose: 'partner_transfer',
        channel: body.channel,
        partner: body.partner,
        at,
      });
      policy = decision.policy;
      if (decision.allowed)
        sent.push({
          ref,
          subjectId: subjectId ?? null,
          reason: decision.reason,
          evidence: decision.evidence,
        });
      else refused[decision.reason] = (refused[decision.reason] ?? 0) + 1;
    }
    // The transfer is named by its event id, so a retried request finds its first manifest.
    const transferId = context.eventId;
    const ack = await this.writer.record(
      (recording) =>
        recordPartnerTransfer(
          {
            subjectId: `transfer:${transferId}`,
            actor: { type: 'system' },
            source: { collectionPoint: 'partner-transfer', method: 'api', client: write.principal.name },
            transfer: {
              transferId,
              partner: body.partner,
              channel: body.channel,
              policy,
              decidedAt: at,
              counts: { requested: body.subjects.length, sent: sent.length, refused },
              listHash: createHash('sha256').update(sentListNdjson(sent)).digest('hex'),
              sent,
            },
          },
          recording,
        ),
      write,
      context,
    );
    const manifest = await (await this.readModels.stores()).partnerTransfers.find(ack.eventId);
    if (!manifest)
      throw new LedgerError('read_side_unavailable', 'The manifest is not readable yet', {
        retryAfterSeconds: 1,
      });
    return { position: ack.position, ...manifest };
  }
}
