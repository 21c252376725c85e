import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  LedgerError,
  recordPartnerTransfer,
  selectForTransfer,
  sentListNdjson,
  type Policy,
  type TransferCandidate,
} from '@ledger/domain';
import { ActiveReadModels } from '../../read-side/active-read-models';
import { readConsistency } from '../../read-side/consistent-with';
import { ReadModelFreshness } from '../../read-side/read-model-freshness';
import { SubjectReader } from '../../read-side/subject-reader';
import { POLICY } from '../../tokens';
import { PersonalDataReader } from '../../read-side/personal-data-reader';
import { EventWriter } from '../../writes/event-writer';
import type { WriteContext } from '../../writes/write-context';
import type { TransferToPartnerBody } from './transfer-to-partner.dto';

/** Subjects read together: one `$in` per chunk, and one deadline for their pending writes. */
const READ_CHUNK = 100;

/** Filters the list by the domain's selection, records the manifest, answers what may be sent. */
@Injectable()
export class TransferToPartnerHandler {
  constructor(
    private readonly subjects: SubjectReader,
    private readonly writer: EventWriter,
    private readonly freshness: ReadModelFreshness,
    private readonly readModels: ActiveReadModels,
    @Inject(POLICY) private readonly policy: Policy,
    private readonly personalData: PersonalDataReader,
  ) {}

  async execute(body: TransferToPartnerBody, write: WriteContext) {
    const context = this.writer.recordingContext();
    const at = context.now;
    const consistency = readConsistency({ consistentWith: body.consistentWith });
    await this.freshness.prepare(consistency);
    const candidates = await this.candidates(body, at);
    const { policy, sent, counts } = selectForTransfer(this.policy, candidates, {
      partner: body.partner,
      channel: body.channel,
      at,
    });
    // The transfer is named by its event id, so a retried request finds its first manifest.
    const transferId = context.eventId;
    const listHash = createHash('sha256').update(sentListNdjson(sent)).digest('hex');
    const transfer = { transferId, partner: body.partner, channel: body.channel, policy, decidedAt: at };
    const command = {
      subjectId: `transfer:${transferId}`,
      actor: { type: 'system' as const },
      source: { collectionPoint: 'partner-transfer', method: 'api' as const, client: write.principal.name },
      transfer: { ...transfer, counts, listHash, sent },
    };
    const ack = await this.writer.record(
      (recording) => recordPartnerTransfer(command, recording),
      write,
      context,
    );
    const manifest = await (await this.readModels.stores()).partnerTransfers.find(ack.eventId);
    if (!manifest) {
      throw new LedgerError('read_side_unavailable', 'The manifest is not readable yet', {
        retryAfterSeconds: 1,
      });
    }
    return { position: ack.position, ...(await this.personalData.manifest(manifest)) };
  }

  /** Each contact as the ledger knows them; one whose restrictive write is still pending is never sent. */
  private async candidates(body: TransferToPartnerBody, at: string): Promise<TransferCandidate[]> {
    const candidates: TransferCandidate[] = [];
    for (let start = 0; start < body.subjects.length; start += READ_CHUNK) {
      const refs = body.subjects
        .slice(start, start + READ_CHUNK)
        .map(
          (subject) =>
            Object.fromEntries(Object.entries(subject).filter(([, v]) => v !== undefined)) as Record<
              string,
              string
            >,
        );
      const resolved = await this.subjects.resolveMany(
        refs.map((ref) => this.subjects.keyOf(ref)),
        at,
      );
      resolved.forEach(({ subjectId, record, pending }, i) =>
        candidates.push({
          ref: refs[i],
          subjectId: subjectId ?? null,
          record,
          ...(pending ? { pending: true } : {}),
        }),
      );
    }
    return candidates;
  }
}
