/**
 * Calls that arrive while one round trip is in flight go together in the next one: on a
 * Mongo-wire server that serialises writes (FerretDB on SQLite), hundreds of one-document
 * writes per second crowd out everything else, while one insertMany of hundreds costs about
 * as much as one insertOne. Each caller gets its own answer; a failed round trip fails only
 * the calls it carried.
 */
export class GroupedCalls<In, Out> {
  private readonly queue: Array<{ input: In; resolve(out: Out): void; reject(error: unknown): void }> = [];
  private running = false;

  constructor(
    /** Answers every input, in order; throwing fails them all. */
    private readonly send: (inputs: In[]) => Promise<Out[]>,
    private readonly maxPerCall = 500,
  ) {}

  call(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.maxPerCall);
        try {
          const outputs = await this.send(group.map((c) => c.input));
          group.forEach((c, i) => c.resolve(outputs[i]));
        } catch (error) {
          for (const c of group) c.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
