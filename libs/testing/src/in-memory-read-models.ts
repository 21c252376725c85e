import {
  recordKey,
  type HistoryEntry,
  type LogPosition,
  type PartitionMark,
  type PartnerTransferManifest,
  type RecordingDue,
  type RightsRequest,
  type ReadModels,
  type SubjectRecord,
  type SubjectRecordWrite,
  type SuppressionEntry,
} from '@ledger/domain';

/**
 * The read-model ports in memory, for unit tests of the projection only (integration tests use
 * the Mongo adapters on the real server). `refuseSaves` plays a partition's new owner.
 */
export class InMemoryReadModels implements ReadModels {
  readonly generation = 'memory';
  readonly records = new Map<string, SubjectRecord>();
  readonly slots = new Map<string, HistoryEntry>();
  readonly links = new Map<string, { subjectId: string; offset: number }>();
  readonly claims = new Map<string, LogPosition>();
  readonly offsets = new Map<number, number>();
  readonly manifests = new Map<string, PartnerTransferManifest>();
  refuseSaves = false;

  readonly subjects = {
    findOne: async (id: string) => this.records.get(id) ?? null,
    loadMany: async (ids: string[]) =>
      new Map(ids.flatMap((id) => (this.records.has(id) ? [[id, this.records.get(id)!] as const] : []))),
    scan: async function* (this: void) {},
    estimatedCount: async () => this.records.size,
    servesIdSets: async () => true,
    saveMany: async (writes: SubjectRecordWrite[]) => {
      if (this.refuseSaves) return writes.map((w) => w.record.subjectId);
      for (const { record } of writes) this.records.set(record.subjectId, record);
      return [];
    },
  };

  readonly history = {
    append: async (entries: Array<{ subjectId: string; entry: HistoryEntry }>) => {
      for (const { subjectId, entry } of entries) {
        const slot = `${subjectId}#${entry.seq}`;
        if (!this.slots.has(slot)) this.slots.set(slot, entry);
      }
    },
    read: async (subjectId: string, to: number, from = 0) =>
      Array.from({ length: to - from }, (_, i) => this.slots.get(`${subjectId}#${from + i}`)!),
    choicesRecorded: (from: string, to: string) => {
      const entries = [...this.slots.values()].filter((e) => e.recordedAt >= from && e.recordedAt < to);
      return (async function* () {
        for (const entry of entries) {
          const data = entry.data as { purpose: string; channels?: string[] };
          yield {
            type: entry.type,
            recordedAt: entry.recordedAt,
            purpose: data.purpose,
            channels: data.channels,
          };
        }
      })();
    },
  };

  readonly identifiers = {
    owners: async (keys: string[]) =>
      new Map(keys.flatMap((k) => (this.links.has(k) ? [[k, this.links.get(k)!.subjectId] as const] : []))),
    scan: async function* (this: void) {},
    estimatedCount: async () => this.links.size,
    link: async (subjectId: string, keys: string[], _eventId: string, offset: number) => {
      const taken = keys.filter((k) => this.links.has(k) && this.links.get(k)!.subjectId !== subjectId);
      for (const k of keys) if (!this.links.has(k)) this.links.set(k, { subjectId, offset });
      return taken;
    },
    unlink: async (subjectId: string, keys: string[]) => {
      for (const k of keys) if (this.links.get(k)?.subjectId === subjectId) this.links.delete(k);
    },
  };

  readonly appliedEvents = {
    claim: async (records: Array<{ eventId: string; position: LogPosition }>) => {
      const duplicates = new Set<string>();
      for (const { eventId, position } of records) {
        const owner = this.claims.get(eventId);
        if (owner === undefined) this.claims.set(eventId, position);
        else if (recordKey(owner) !== recordKey(position)) duplicates.add(recordKey(position));
      }
      return duplicates;
    },
    positionOf: async (eventId: string) => this.claims.get(eventId),
  };

  readonly marks = new Map<number, PartitionMark>();
  readonly checkpoints = {
    mark: async (partition: number) => this.marks.get(partition),
    marks: async () => new Map(this.marks),
    moveMark: async (partition: number, from: PartitionMark | undefined, to: PartitionMark) => {
      const stored = this.marks.get(partition);
      if (stored?.appliedOffset !== from?.appliedOffset) return false;
      this.marks.set(partition, to);
      this.offsets.set(partition, to.appliedOffset);
      return true;
    },
    appliedOffsets: async () => new Map(this.offsets),
    appliedOffset: async (partition: number) => this.offsets.get(partition),
  };

  readonly dueRecordings = new Map<string, { due: RecordingDue; position: LogPosition }>();
  readonly recordings = {
    schedule: async (entries: Array<{ due: RecordingDue; position: LogPosition }>) => {
      for (const entry of entries) {
        const key = `${entry.due.subjectId}|${entry.due.callId}|${entry.due.recording}`;
        const known = this.dueRecordings.get(key);
        if (!known || Number(known.position.offset) <= Number(entry.position.offset))
          this.dueRecordings.set(key, entry);
      }
    },
    ofSubject: async (subjectId: string) =>
      [...this.dueRecordings.values()].map(({ due }) => due).filter((due) => due.subjectId === subjectId),
    dueBefore: async (before: string, limit: number) => ({
      due: [...this.dueRecordings.values()]
        .map((e) => e.due)
        .filter((due) =>
          [due.destroyBy, due.analysisGridDestroyBy].some((d) => d !== undefined && d <= before),
        )
        .slice(0, limit),
    }),
  };

  readonly requests = new Map<string, RightsRequest>();
  readonly rightsRequests = {
    save: async (entries: Array<{ request: RightsRequest }>) => {
      for (const { request } of entries) this.requests.set(request.requestId, request);
    },
    find: async (requestId: string) => this.requests.get(requestId) ?? null,
    findMany: async (ids: string[]) =>
      new Map(ids.flatMap((id) => (this.requests.has(id) ? [[id, this.requests.get(id)!] as const] : []))),
    list: async () => ({ requests: [...this.requests.values()] }),
    ofSubject: async (subjectId: string) =>
      [...this.requests.values()].filter((r) => r.subjectId === subjectId),
  };

  readonly suppressed: SuppressionEntry[] = [];
  readonly suppressions = {
    save: async (entries: SuppressionEntry[]) => {
      this.suppressed.push(...entries);
    },
    find: async (keys: string[]) => this.suppressed.filter((entry) => keys.includes(entry.key)),
  };

  readonly partnerTransfers = {
    save: async (manifests: PartnerTransferManifest[]) => {
      for (const manifest of manifests) this.manifests.set(manifest.transferId, manifest);
    },
    find: async (transferId: string) => this.manifests.get(transferId) ?? null,
    including: (subjectId: string) => {
      const manifests = [...this.manifests.values()];
      return (async function* () {
        yield* manifests.filter((m) => m.sent.some((contact) => contact.subjectId === subjectId));
      })();
    },
    // The cursor is an offset here: enough for unit tests of what pages.
    list: async (limit: number, cursor?: string) => {
      const start = cursor === undefined ? 0 : Number(cursor);
      const all = [...this.manifests.values()]
        .sort((a, b) => b.decidedAt.localeCompare(a.decidedAt))
        .map(({ sent: _sent, ...summary }) => summary);
      const transfers = all.slice(start, start + limit);
      return { transfers, ...(start + limit < all.length ? { next: String(start + limit) } : {}) };
    },
  };
}
