import type { Db } from 'mongodb';
import type { ReadModels } from '@ledger/domain';
import { AppliedEventStore } from './applied-event.store';
import { CheckpointStore } from './checkpoint.store';
import { readModelNames } from './collections';
import { IdentifierIndexStore } from './identifier-index.store';
import { PartnerTransferStore } from './partner-transfer.store';
import { RecordingStore } from './recording.store';
import { RightsRequestStore } from './rights-request.store';
import { SubjectHistoryStore } from './subject-history.store';
import { SubjectRecordStore } from './subject-record.store';
import { SuppressionStore } from './suppression.store';

/** The one place the read models of a generation are opened: API, projector and rebuild alike. */
export function openReadModels(db: Db, eventsTopic: string, generation: string): ReadModels {
  const names = readModelNames(generation);
  return {
    generation,
    subjects: new SubjectRecordStore(db, names.subjects),
    history: new SubjectHistoryStore(db, names.subjectHistory),
    appliedEvents: new AppliedEventStore(db, names.appliedEvents),
    identifiers: new IdentifierIndexStore(db, names.identifiers),
    checkpoints: new CheckpointStore(db, eventsTopic, names.checkpoints),
    partnerTransfers: new PartnerTransferStore(db, names.partnerTransfers),
    recordings: new RecordingStore(db, names.recordings),
    rightsRequests: new RightsRequestStore(db, names.rightsRequests),
    suppressions: new SuppressionStore(db, names.suppressions),
  };
}
