import { Injectable } from '@nestjs/common';
import {
  LedgerError,
  needsFullHistory,
  withFullHistory,
  type HistoryEntry,
  type SubjectRecord,
} from '@ledger/domain';
import { normalizeEmail, normalizePhone } from '../subjects/identifiers/normalize-identifiers';
import { ActiveReadModels } from './active-read-models';

export interface SubjectRef {
  subjectId?: string;
  email?: string;
  phone?: string;
}

export interface ResolvedSubject {
  /** Undefined when an email or phone matches nobody. */
  subjectId: string | undefined;
  record: SubjectRecord | null;
}

/**
 * Finds a subject by id, email or phone in the read models. Any failure to read is a 503, so a
 * caller can never mistake "could not look" for "nothing recorded" (fail closed).
 */
@Injectable()
export class SubjectReader {
  constructor(private readonly readModels: ActiveReadModels) {}

  /**
   * The subject and its record. With `asOf`, a record that cannot answer for that instant from
   * what it retains comes with its full history (read from the history store).
   */
  async resolve(ref: SubjectRef, asOf?: string): Promise<ResolvedSubject> {
    const key = this.identifierKey(ref);
    return this.readSide(async () => {
      const { subjects, identifiers, history } = await this.readModels.stores();
      const subjectId = key === undefined ? ref.subjectId : (await identifiers.owners([key])).get(key);
      const record = subjectId === undefined ? null : await subjects.findOne(subjectId);
      if (record && asOf !== undefined && needsFullHistory(record, asOf)) {
        return {
          subjectId,
          record: withFullHistory(record, await history.read(record.subjectId, record.eventCount)),
        };
      }
      return { subjectId, record };
    });
  }

  /** Every event of a subject, in log order. */
  async history(record: SubjectRecord): Promise<HistoryEntry[]> {
    return this.readSide(async () =>
      (await this.readModels.stores()).history.read(record.subjectId, record.eventCount),
    );
  }

  private identifierKey(ref: SubjectRef): string | undefined {
    const given = [ref.subjectId, ref.email, ref.phone].filter((v) => v !== undefined).length;
    if (given !== 1) {
      throw new LedgerError('validation_failed', 'Give exactly one of subjectId, email, phone', {
        errors: [{ field: 'subject', problems: ['exactly one of subjectId, email, phone'] }],
      });
    }
    if (ref.email !== undefined) {
      const email = normalizeEmail(ref.email);
      if (email === undefined) throw this.invalid('subject.email', 'not a valid email address');
      return `email:${email}`;
    }
    if (ref.phone !== undefined) {
      const phone = normalizePhone(ref.phone);
      if (phone === undefined) throw this.invalid('subject.phone', 'not a valid phone number');
      return `phone:${phone}`;
    }
    return undefined;
  }

  private invalid(field: string, problem: string): LedgerError {
    return new LedgerError('validation_failed', problem, { errors: [{ field, problems: [problem] }] });
  }

  private async readSide<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof LedgerError) throw error;
      throw new LedgerError('read_side_unavailable', 'The read models cannot be reached', {
        retryAfterSeconds: 5,
      });
    }
  }
}
