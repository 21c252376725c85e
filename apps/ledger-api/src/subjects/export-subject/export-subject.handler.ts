import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';
import { SUBJECT_EXPORT_CSV_COLUMNS, SUBJECT_EXPORT_SCHEMA_ID } from '@ledger/contracts';
import {
  LedgerError,
  subjectState,
  type HistoryEntry,
  type Policy,
  type SubjectRecord,
} from '@ledger/domain';
import { ActiveReadModels } from '../../read-side/active-read-models';
import { tokensOf } from '../../read-side/consistent-with';
import { PersonalDataReader } from '../../read-side/personal-data-reader';
import { ReadModelFreshness } from '../../read-side/read-model-freshness';
import { SubjectReader } from '../../read-side/subject-reader';
import type { Clock } from '../../runtime';
import { CLOCK, POLICY } from '../../tokens';
import type { ExportQuery } from './export-subject.dto';

/** Events read (and held) at a time: the export's memory does not grow with the history. */
const PAGE = 200;

/**
 * Access and portability (GDPR art. 15, 20): everything the ledger holds on the person, streamed
 * as it is read, a page of history at a time. The events are those counted when it starts.
 */
@Injectable()
export class ExportSubjectHandler {
  constructor(
    private readonly subjects: SubjectReader,
    private readonly readModels: ActiveReadModels,
    private readonly freshness: ReadModelFreshness,
    private readonly personalData: PersonalDataReader,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async execute(subjectId: string, query: ExportQuery, reply: FastifyReply): Promise<void> {
    await this.freshness.ensureFresh(tokensOf(query.consistentWith));
    const at = this.clock.now().toISOString();
    const { record } = await this.subjects.resolve({ subjectId }, at);
    if (!record) throw new LedgerError('not_found', `Nothing is recorded about subject ${subjectId}`);
    await this.personalData.refresh(subjectId);
    const name = `subject-${subjectId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    if (query.format === 'csv') {
      const rows = Readable.from(this.csvRows(record));
      void reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}-history.csv"`)
        .send(rows.pipe(stringify({ header: true, columns: [...SUBJECT_EXPORT_CSV_COLUMNS] })));
      return;
    }
    void reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}.json"`)
      .send(Readable.from(this.bundle(record, at)));
  }

  private async *bundle(record: SubjectRecord, at: string): AsyncGenerator<string> {
    const { subjectId } = record;
    const { policy, states } = subjectState(this.policy, record, at);
    const state = {
      kind: record.kind,
      identifiers: await this.personalData.identifiers(subjectId, record.identifiers),
      ...(record.timeZone !== undefined ? { timeZone: record.timeZone } : {}),
      ...(record.holidayCalendar !== undefined ? { holidayCalendar: record.holidayCalendar } : {}),
      ...(record.erasedAt !== undefined ? { erasedAt: record.erasedAt } : {}),
      eventCount: record.eventCount,
      policy,
      states,
    };
    const head = { $schema: SUBJECT_EXPORT_SCHEMA_ID, exportedAt: at, subjectId, state };
    yield `${JSON.stringify(head).slice(0, -1)},"events":[`;
    let separator = '';
    for await (const event of this.events(record)) {
      yield separator + JSON.stringify(event);
      separator = ',';
    }
    const stores = await this.readModels.stores();
    const requests = await stores.rightsRequests.ofSubject(subjectId);
    const recordings = await stores.recordings.ofSubject(subjectId);
    yield `],"rightsRequests":${JSON.stringify(await Promise.all(requests.map((r) => this.personalData.rightsRequest(r))))}`;
    yield `,"recordings":${JSON.stringify(recordings.map(({ subjectId: _s, eventId: _e, ...due }) => due))},"partnerTransfers":[`;
    separator = '';
    for await (const manifest of stores.partnerTransfers.including(subjectId)) {
      const opened = await this.personalData.manifest({
        ...manifest,
        sent: manifest.sent.filter((contact) => contact.subjectId === subjectId),
      });
      for (const contact of opened.sent) {
        const { transferId, partner, channel, decidedAt, policy: version } = manifest;
        yield (
          separator +
          JSON.stringify({
            transferId,
            partner,
            channel,
            decidedAt,
            policy: version,
            contact: contact.ref,
            reason: contact.reason,
            evidence: contact.evidence,
          })
        );
        separator = ',';
      }
    }
    yield ']}';
  }

  /** The history a page at a time, each event's personal values opened. */
  private async *events(record: SubjectRecord) {
    for (let from = 0; from < record.eventCount; from += PAGE) {
      const page = await this.subjects.history(record, from, Math.min(record.eventCount, from + PAGE));
      for (const { seq, position, ...entry } of page) {
        const { subjectId: _subject, ...opened } = await this.personalData.event({
          ...entry,
          subjectId: record.subjectId,
        });
        yield { seq, ...opened, position } as HistoryEntry & { seq: number; personalData?: 'erased' };
      }
    }
  }

  private async *csvRows(record: SubjectRecord) {
    for await (const event of this.events(record)) {
      yield {
        seq: event.seq,
        id: event.id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        occurredAt: event.occurredAt,
        recordedAt: event.recordedAt,
        actorType: event.actor.type,
        actorId: event.actor.id ?? '',
        collectionPoint: event.source.collectionPoint,
        collectionMethod: event.source.method,
        client: event.source.client,
        noticeId: event.notice?.id ?? '',
        noticeVersion: event.notice?.version ?? '',
        proofType: event.proof?.type ?? '',
        proofRef: event.proof?.ref ?? '',
        personalData: event.personalData ?? '',
        data: JSON.stringify(event.data),
      };
    }
  }
}
