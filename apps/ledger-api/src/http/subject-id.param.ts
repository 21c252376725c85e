import { OpaqueId } from './opaque-id';

export class SubjectIdParam {
  @OpaqueId('subjectId', 's-1')
  subjectId!: string;
}
