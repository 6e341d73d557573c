/**
 * @module
 * Group commit for the Postgres store's hottest inserts (event log, step journal): a write that
 * arrives while the previous one is in flight waits for it and goes out with every other write
 * that arrived meanwhile, as one multi-row statement. Alone, a write goes at once (no added
 * latency when idle); under load, one round trip and one commit serve many callers.
 */

/** A queue of writes flushed in batches; each caller gets its own item's answer. */
export interface Batcher<T, R> {
  push(item: T): Promise<R>;
}

/**
 * `flush` writes a batch in one statement and answers each item, in order. A failing flush
 * rejects every caller of that batch; later batches still go.
 * @example
 * const events = batcher(200, (batch) => insertAll(batch));
 * const row = await events.push(event);
 */
export function batcher<T, R>(max: number, flush: (batch: readonly T[]) => Promise<readonly R[]>): Batcher<T, R> {
  let queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let flushing = false;
  const drain = async (): Promise<void> => {
    if (flushing) return;
    flushing = true;
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, max);
        queue = queue.slice(batch.length);
        try {
          const answers = await flush(batch.map((b) => b.item));
          batch.forEach((b, i) => b.resolve(answers[i]!));
        } catch (e) {
          for (const b of batch) b.reject(e);
        }
      }
    } finally {
      flushing = false;
    }
  };
  return {
    push(item) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        void drain();
      });
    },
  };
}
