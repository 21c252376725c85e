import type { HistoryEntry, SubjectRecord } from '../subjects/subject-record';
import type { PartnerTransferRecordedData } from '../partner-transfers/partner-transfer-recorded';
import type { LogPosition } from './event-log.port';
import type { Checkpoints } from './checkpoints.port';
import type { RightsRequest } from '../rights/rights-request';
import type { OppositionScope } from '../consents/consent-events';
import type { RecordedChoice } from '../statistics/choice-counts';

/** The subject reader: subjects as projected, as decisions, state and history read them. */
export interface SubjectRecordReader {
  findOne(subjectId: string): Promise<SubjectRecord | null>;
  loadMany(subjectIds: string[]): Promise<Map<string, SubjectRecord>>;
  /** Every record, in id order: for a batch that joins a long list against the whole ledger. */
  scan(): AsyncIterable<SubjectRecord>;
  estimatedCount(): Promise<number>;
  /** Whether a read of many ids at once is served by the index (undefined: not known yet). */
  servesIdSets(): Promise<boolean | undefined>;
}

/** A record to write, with the version it was evolved from (null: it did not exist). */
export interface SubjectRecordWrite {
  record: SubjectRecord;
  loaded: SubjectRecord | null;
}

/** The projector's side: writes fenced on the version loaded; answers the ids it lost the race for. */
export interface SubjectRecords extends SubjectRecordReader {
  saveMany(writes: SubjectRecordWrite[]): Promise<string[]>;
}

/** Each subject's full history, one slot per event, in log order. */
export interface SubjectHistory {
  append(entries: Array<{ subjectId: string; entry: HistoryEntry }>): Promise<void>;
  read(subjectId: string, to: number, from?: number): Promise<HistoryEntry[]>;
  /** Consents and oppositions recorded in [from, to), every subject's, without personal values. */
  choicesRecorded(from: string, to: string): AsyncIterable<RecordedChoice>;
}

/** Which subject each normalised email or phone belongs to (first owner wins). */
export interface IdentifierIndex {
  owners(keys: string[]): Promise<Map<string, string>>;
  scan(): AsyncIterable<{ key: string; subjectId: string }>;
  estimatedCount(): Promise<number>;
  link(subjectId: string, keys: string[], eventId: string, offset: number): Promise<string[]>;
  unlink(subjectId: string, keys: string[], offset: number): Promise<void>;
}

/** How AppliedEvents names a log record. */
export const recordKey = (position: LogPosition): string => `${position.partition}:${position.offset}`;

/** Every event id applied, with the record that carried it first: exact duplicate detection. */
export interface AppliedEvents {
  /** Returns the records (`partition:offset`) whose event another record carried first. */
  claim(records: Array<{ eventId: string; subjectId: string; position: LogPosition }>): Promise<Set<string>>;
  positionOf(eventId: string): Promise<LogPosition | undefined>;
}

/** A partner transfer as recorded: the proof of what was sent to whom. */
export interface PartnerTransferManifest extends PartnerTransferRecordedData {
  eventId: string;
  recordedAt: string;
  recordedBy: string;
}

export interface PartnerTransfers {
  save(manifests: PartnerTransferManifest[]): Promise<void>;
  find(transferId: string): Promise<PartnerTransferManifest | null>;
  /** The manifests that sent this person's contact, one at a time (for their export). */
  including(subjectId: string): AsyncIterable<PartnerTransferManifest>;
  /** Summaries (no contact list), newest decision first, a page at a time. */
  list(limit: number, cursor?: string): Promise<{ transfers: PartnerTransferSummary[]; next?: string }>;
}

/** A transfer without its list of contacts: what a list of transfers shows. */
export type PartnerTransferSummary = Omit<PartnerTransferManifest, 'sent'>;

/** A call recording and when it must be destroyed: what the call centre is told to destroy, when. */
export interface RecordingDue {
  subjectId: string;
  callId: string;
  recording: 'quality' | 'canvassing';
  destroyBy: string;
  analysisGridDestroyBy?: string;
  /** The event that set the date (the call's start, or an objection during it). */
  eventId: string;
}

export interface Recordings {
  /** Each with the log position of its event: an older event never overwrites a newer date. */
  schedule(entries: Array<{ due: RecordingDue; position: LogPosition }>): Promise<void>;
  /**
   * Recordings (or their grids) due by `before`, earliest first, a page at a time: `next` is the
   * opaque cursor of the following page, while there is one.
   */
  dueBefore(before: string, limit: number, cursor?: string): Promise<{ due: RecordingDue[]; next?: string }>;
  /** A person's recordings and their dates (for their export). */
  ofSubject(subjectId: string): Promise<RecordingDue[]>;
}

/** Rights requests as they stand, for the DPO's board. */
export interface RightsRequests {
  /** Each with the log position of its latest event: an older state never overwrites a newer one. */
  save(requests: Array<{ request: RightsRequest; position: LogPosition }>): Promise<void>;
  find(requestId: string): Promise<RightsRequest | null>;
  findMany(requestIds: string[]): Promise<Map<string, RightsRequest>>;
  /** A person's requests, oldest first (for their export). */
  ofSubject(subjectId: string): Promise<RightsRequest[]>;
  /** Open or closed, of a type, due by an instant; earliest due first, a page at a time. */
  list(
    filter: { status?: RightsRequest['status']; type?: string; dueBy?: string },
    limit: number,
    cursor?: string,
  ): Promise<{ requests: RightsRequest[]; next?: string }>;
}

/** One erased person's identifier (its keyed hash) and the oppositions they had. */
export interface SuppressionEntry {
  key: string;
  erasedEventId: string;
  oppositions: OppositionScope[];
}

/** The suppression list: what erasures leave so that oppositions outlive the person's data. */
export interface Suppressions {
  save(entries: SuppressionEntry[]): Promise<void>;
  find(keys: string[]): Promise<SuppressionEntry[]>;
}

/** The read models of one generation: everything the projector derives from the log. */
export interface ReadModels {
  generation: string;
  subjects: SubjectRecords;
  history: SubjectHistory;
  appliedEvents: AppliedEvents;
  identifiers: IdentifierIndex;
  checkpoints: Checkpoints;
  partnerTransfers: PartnerTransfers;
  recordings: Recordings;
  rightsRequests: RightsRequests;
  suppressions: Suppressions;
}
