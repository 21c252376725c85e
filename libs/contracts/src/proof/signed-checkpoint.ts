import type { EventSigner, EventVerifier } from './event-signature';

/** What a checkpoint vouches for: the partition's running digest of every verified record up to `offset`. */
export interface CheckpointClaim {
  topic: string;
  partition: number;
  offset: number;
  digest: string;
  signedAt: string;
}

/** The claim with its compact JWS (EdDSA, the ledger's key): verifiable with the JWKS alone. */
export interface SignedCheckpoint extends CheckpointClaim {
  jws: string;
}

export const CHECKPOINT_JWS_TYPE = 'consent-ledger-checkpoint+jws';

export function signCheckpoint(signer: EventSigner, claim: CheckpointClaim): SignedCheckpoint {
  const { topic, partition, offset, digest, signedAt } = claim;
  return {
    ...claim,
    jws: signer.compactJws({ topic, partition, offset, digest, signedAt }, CHECKPOINT_JWS_TYPE),
  };
}

/** Why a stored checkpoint cannot be trusted (bad signature, or fields that differ from what was signed). */
export function checkpointProblem(verifier: EventVerifier, checkpoint: SignedCheckpoint): string | undefined {
  const verified = verifier.compact(checkpoint.jws);
  if ('problem' in verified) return verified.problem;
  const signed = verified.payload as Partial<CheckpointClaim>;
  for (const field of ['topic', 'partition', 'offset', 'digest', 'signedAt'] as const) {
    if (signed[field] !== checkpoint[field]) return `its ${field} differs from the one signed`;
  }
  return undefined;
}
