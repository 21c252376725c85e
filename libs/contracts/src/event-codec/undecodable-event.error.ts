/** A record the projector cannot read as a ledger event: it goes to the dead letters, untouched. */
export class UndecodableEventError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UndecodableEventError';
  }
}
