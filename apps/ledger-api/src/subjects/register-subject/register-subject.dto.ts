import { IsIn } from 'class-validator';
import { SUBJECT_KINDS, type SubjectKind } from '@ledger/domain';

export class RegisterSubjectBody {
  @IsIn(SUBJECT_KINDS)
  kind!: SubjectKind;
}
