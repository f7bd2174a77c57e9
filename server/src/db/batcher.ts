/**
 * Requests that arrive together go to the database together: what is queued in the same turn of
 * the event loop, or while earlier batches are out (at most `maxInFlight` at a time), becomes the
 * next batch of at most `maxBatch`. Used by the group commit of stored evaluations
 * (evaluation/decision-writer.ts) and the dry runs' ledger reads (documents/ledger-repository.ts).
 */
export interface Waiting<T, R> {
  item: T;
  resolve(r: R): void;
  reject(e: unknown): void;
}

export abstract class Batcher<T, R> {
  protected readonly queue: Waiting<T, R>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    protected readonly maxBatch: number,
    private readonly maxInFlight: number,
  ) {}

  protected enqueue(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.scheduled && this.inFlight < this.maxInFlight) {
        // the rest of this turn of the event loop joins the batch
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.kick();
        });
      }
    });
  }

  /** The next batch, taken out of the queue (by default its first maxBatch); empty: wait. */
  protected nextBatch(): Waiting<T, R>[] {
    return this.queue.splice(0, this.maxBatch);
  }

  /** Sends one batch; must settle every request of it (resolve or reject), and not throw. */
  protected abstract process(batch: Waiting<T, R>[]): Promise<void>;

  private kick(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.nextBatch();
      if (batch.length === 0) return; // the queued ones wait for a batch that is out
      this.inFlight++;
      void this.process(batch).finally(() => {
        this.inFlight--;
        this.kick();
      });
    }
  }
}
