/**
 * @module
 * Activity over time: events logged and runs created per time bucket, counted by the store (a
 * GROUP BY in SQL), so a chart of the last hour reads a few hundred numbers, not every event.
 */
import { SwitchboardError } from '../core/index.ts';
import { StoreErrors } from './errors.ts';
import type { RunStatus } from './types.ts';

/** The window and bucket size of {@link Store.activity}: `[from, to)` in run-clock epoch ms. */
export interface ActivityQuery {
  readonly from: number;
  readonly to: number;
  readonly bucketMs: number;
}

/** One bucket of activity. */
export interface ActivityBucket {
  /** The bucket's start (epoch ms). */
  readonly at: number;
  /** Events logged in the bucket (still kept: retention may have dropped older ones). */
  readonly events: number;
  /** Runs created in the bucket, by their status now. */
  readonly runs: Partial<Record<RunStatus, number>>;
  /** Runs created in the bucket that settled with a data action on its failure or timeout path. */
  readonly runsWithFailedSteps: number;
}

/** The most buckets one query may ask for. */
export const MAX_ACTIVITY_BUCKETS = 1000;

/**
 * The zero-filled buckets of a query; throws `SB_STORE_INVALID_ARGUMENT` for an empty or reversed
 * window, a bucket under 1 s, or more than {@link MAX_ACTIVITY_BUCKETS} buckets.
 * @example
 * emptyActivity({ from: 0, to: 120_000, bucketMs: 60_000 }).length; // 2
 */
export function emptyActivity(q: ActivityQuery): ActivityBucket[] {
  const bad = (why: string): never => {
    throw new SwitchboardError(StoreErrors.SB_STORE_INVALID_ARGUMENT, `activity: ${why}`, { details: { ...q } });
  };
  if (![q.from, q.to, q.bucketMs].every(Number.isSafeInteger)) bad('from, to and bucketMs must be integers (epoch ms)');
  if (q.to <= q.from) bad('to must be after from');
  if (q.bucketMs < 1000) bad('bucketMs must be at least 1000');
  const n = Math.ceil((q.to - q.from) / q.bucketMs);
  if (n > MAX_ACTIVITY_BUCKETS) bad(`${n} buckets asked; at most ${MAX_ACTIVITY_BUCKETS}`);
  return Array.from({ length: n }, (_, i) => ({
    at: q.from + i * q.bucketMs,
    events: 0,
    runs: {},
    runsWithFailedSteps: 0,
  }));
}

/** The index of the bucket holding `t`. */
export function bucketOf(q: ActivityQuery, t: number): number {
  return Math.floor((t - q.from) / q.bucketMs);
}

/** Counted rows of the SQL stores, folded into the zero-filled buckets. */
export function foldActivity(
  q: ActivityQuery,
  events: ReadonlyArray<{ b: number | string; n: number | string }>,
  runs: ReadonlyArray<{ b: number | string; status: string; n: number | string; failed: number | string | null }>,
): ActivityBucket[] {
  const out = emptyActivity(q);
  // SQLite binds numbers as REAL, so a bucket index may come back fractional.
  const at = (b: number | string): number => Math.floor(Number(b));
  for (const e of events) {
    const bucket = out[at(e.b)];
    if (bucket) out[at(e.b)] = { ...bucket, events: bucket.events + Number(e.n) };
  }
  for (const r of runs) {
    const bucket = out[at(r.b)];
    if (!bucket) continue;
    const status = r.status as RunStatus;
    out[at(r.b)] = {
      ...bucket,
      runs: { ...bucket.runs, [status]: (bucket.runs[status] ?? 0) + Number(r.n) },
      runsWithFailedSteps: bucket.runsWithFailedSteps + Number(r.failed ?? 0),
    };
  }
  return out;
}
