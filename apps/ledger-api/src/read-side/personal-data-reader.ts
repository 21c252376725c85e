import { Inject, Injectable } from '@nestjs/common';
import { dataKeysUnavailable, type PersonalDataVault } from '@ledger/contracts';
import {
  isSealed,
  LedgerError,
  openPersonalData,
  type LedgerEvent,
  type PartnerTransferManifest,
  type RightsRequest,
  type SubjectIdentifiers,
} from '@ledger/domain';
import { PERSONAL_DATA } from '../tokens';

/**
 * Opens sealed personal values for the callers allowed to read them. A value whose key is
 * destroyed reads as null (the person was erased); a failure to reach the keys is a 503.
 */
@Injectable()
export class PersonalDataReader {
  constructor(@Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault) {}

  /** Reads the person's key afresh before a read of their data (an erasure elsewhere counts at once). */
  async refresh(subjectId: string): Promise<void> {
    await this.reading(() => this.vault.refresh(subjectId));
  }

  async event<T extends LedgerEvent>(event: T): Promise<T & { personalData?: 'erased' }> {
    return this.reading(
      () => openPersonalData(event, this.vault) as Promise<T & { personalData?: 'erased' }>,
    );
  }

  /** A subject's identifiers in clear (an erased one's read as none). */
  async identifiers(subjectId: string, sealed: SubjectIdentifiers): Promise<SubjectIdentifiers> {
    return this.reading(async () => {
      await this.vault.refresh(subjectId);
      const open = async (value: string): Promise<string | undefined> => {
        if (!isSealed(value)) return value;
        return (await this.vault.open(subjectId, value))?.value as string | undefined;
      };
      const all = async (values: string[]) =>
        (await Promise.all(values.map(open))).filter((v): v is string => v !== undefined);
      const memberNumber = sealed.memberNumber !== undefined ? await open(sealed.memberNumber) : undefined;
      return {
        emails: await all(sealed.emails),
        phones: await all(sealed.phones),
        ...(memberNumber !== undefined ? { memberNumber } : {}),
      };
    });
  }

  /** One free-text value of a person, in clear (null once erased). */
  async text(subjectId: string, value: string | undefined): Promise<string | null | undefined> {
    if (value === undefined || !isSealed(value)) return value;
    return this.reading(async () => ((await this.vault.open(subjectId, value))?.value as string) ?? null);
  }

  /** A rights request with the DPO's free text (extension reason, refusal justification) readable. */
  async rightsRequest(request: RightsRequest): Promise<RightsRequest> {
    const { extension, refusal, subjectId } = request;
    return {
      ...request,
      ...(extension
        ? { extension: { ...extension, reason: (await this.text(subjectId, extension.reason)) ?? '' } }
        : {}),
      ...(refusal
        ? {
            refusal: { ...refusal, justification: (await this.text(subjectId, refusal.justification)) ?? '' },
          }
        : {}),
    };
  }

  /**
   * A transfer manifest with each contact readable; an erased person's contact reads as null
   * (sealed with their key, the transfer's own when they were unknown).
   */
  async manifest(manifest: PartnerTransferManifest): Promise<PartnerTransferManifest> {
    return this.reading(async () => ({
      ...manifest,
      sent: await Promise.all(
        manifest.sent.map(async (contact) => {
          const ref = contact.ref as unknown;
          if (!isSealed(ref)) return contact;
          const owner = contact.subjectId ?? `transfer:${manifest.transferId}`;
          const opened = await this.vault.open(owner, ref);
          return { ...contact, ref: (opened?.value ?? null) as Record<string, string> };
        }),
      ),
    }));
  }

  private async reading<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof LedgerError) throw error;
      throw dataKeysUnavailable();
    }
  }
}
