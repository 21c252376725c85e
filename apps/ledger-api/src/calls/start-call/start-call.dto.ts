import { ConsistentWithField } from '../../read-side/consistent-with';
import { CallKindBody } from '../call.dto';

export class StartCallBody extends CallKindBody {
  @ConsistentWithField()
  consistentWith?: string | string[];
}
