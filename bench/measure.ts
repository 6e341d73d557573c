/**
 * @module
 * Small, time-bounded measuring loops shared by the bench modules.
 */

/** The outcome of a throughput run. */
export interface Throughput {
  /** Completed calls per second. */
  readonly rps: number;
  readonly count: number;
  readonly errors: number;
  /** Mean time per call as seen by one worker, µs. */
  readonly meanUs: number;
}

/**
 * Call `fn` from `concurrency` workers for `durationMs` (after `warmupMs` of unmeasured calls).
 * @example
 * const { rps } = await throughput(() => fetch(url).then((r) => r.arrayBuffer()), { concurrency: 20, durationMs: 2000 });
 */
async function throughput(
  fn: () => Promise<unknown>,
  opts: { concurrency: number; durationMs: number; warmupMs?: number },
): Promise<Throughput> {
  const loop = async (until: number, tally: { count: number; errors: number }): Promise<void> => {
    while (performance.now() < until) {
      try {
        await fn();
        tally.count++;
      } catch {
        tally.errors++;
      }
    }
  };
  const warm = { count: 0, errors: 0 };
  const warmUntil = performance.now() + (opts.warmupMs ?? 300);
  await Promise.all(Array.from({ length: opts.concurrency }, () => loop(warmUntil, warm)));
  const tally = { count: 0, errors: 0 };
  const start = performance.now();
  await Promise.all(Array.from({ length: opts.concurrency }, () => loop(start + opts.durationMs, tally)));
  const elapsedMs = performance.now() - start;
  const rps = (tally.count / elapsedMs) * 1000;
  return {
    rps,
    count: tally.count,
    errors: tally.errors,
    meanUs: (elapsedMs * 1000 * opts.concurrency) / Math.max(1, tally.count),
  };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Measure several subjects in alternating short rounds and keep each one's median, so a noisy
 * machine (other processes, GC, connection warm-up) skews them alike instead of favouring one.
 * @example
 * const r = await interleaved({ raw, client }, { concurrency: 20, rounds: 5, roundMs: 400 });
 * r.client.rps / r.raw.rps;
 */
export async function interleaved<K extends string>(
  subjects: Readonly<Record<K, () => Promise<unknown>>>,
  opts: { concurrency: number; rounds: number; roundMs: number },
): Promise<Record<K, Throughput>> {
  const keys = Object.keys(subjects) as K[];
  const runs = new Map<K, Throughput[]>(keys.map((k) => [k, []]));
  for (const k of keys) await throughput(subjects[k], { concurrency: opts.concurrency, durationMs: 0, warmupMs: 300 });
  for (let round = 0; round < opts.rounds; round++) {
    const order = round % 2 === 0 ? keys : [...keys].reverse();
    for (const k of order)
      runs
        .get(k)!
        .push(await throughput(subjects[k], { concurrency: opts.concurrency, durationMs: opts.roundMs, warmupMs: 0 }));
  }
  const out = {} as Record<K, Throughput>;
  for (const k of keys) {
    const rs = runs.get(k)!;
    out[k] = {
      rps: median(rs.map((r) => r.rps)),
      count: rs.reduce((n, r) => n + r.count, 0),
      errors: rs.reduce((n, r) => n + r.errors, 0),
      meanUs: median(rs.map((r) => r.meanUs)),
    };
  }
  return out;
}
