/**
 * @module
 * The invocation limits counted org-wide when several processes share one store: every placement
 * goes through the store's {@link InvocationLog}, under its exclusive lock. Each process keeps a
 * mirror of the log (the pure accounting of `invocation-limits.ts`), brought up to date with the
 * entries others appended since it last looked, places there, and appends its choice before the
 * lock is released, so two processes never place into the same free slot. Placements asked for
 * while a section is in flight are batched into the next one (one lock, two round trips, for all).
 */
import type { Clock, Logger } from '../core/index.ts';
import { SystemClock, silentLogger } from '../core/index.ts';
import type { InvocationEntry, InvocationLog } from '../store/index.ts';
import { createInvocationLimiter } from './invocation-limits.ts';
import type { InvocationLimits, Placement } from './invocation-limits.ts';

/** The org-wide limiter: {@link InvocationLimiter} with asynchronous placement. */
export interface SharedInvocationLimiter {
  /** Place an invocation of `target` at the earliest time `>= earliest` where it fits org-wide. */
  place(target: string, earliest: number): Promise<Placement>;
  /** Take back an invocation placed at `at` (recorded in the log; a failure is logged, not thrown). */
  release(target: string, at: number): Promise<void>;
  /** Forget, in this process's mirror, what no window ending at `now` or later contains. */
  prune(now: number): void;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

type Op =
  | {
      readonly kind: 'place';
      readonly target: string;
      readonly at: number;
      readonly resolve: (p: Placement) => void;
      readonly reject: (e: unknown) => void;
    }
  | { readonly kind: 'release'; readonly target: string; readonly at: number; readonly resolve: () => void };

/**
 * Count invocations org-wide in `log`.
 * @example
 * const limiter = createSharedInvocationLimiter(GENESYS_INVOCATION_LIMITS, store.invocations!, { clock });
 * const { at, limitedBy } = await limiter.place('callback', clock.now());
 */
export function createSharedInvocationLimiter(
  limits: InvocationLimits,
  log: InvocationLog,
  options: { readonly clock?: Clock; readonly logger?: Logger } = {},
): SharedInvocationLimiter {
  const clock = options.clock ?? new SystemClock();
  const logger = options.logger ?? silentLogger;
  const mirror = createInvocationLimiter(limits);
  let lastId = 0;
  let queue: Op[] = [];
  let flushing = false;
  let prunedAt = -Infinity;

  const apply = (entries: readonly InvocationEntry[]): void => {
    for (const e of entries) {
      if (e.id <= lastId) continue;
      if (e.delta > 0) mirror.record(e.target, e.at);
      else mirror.release(e.target, e.at);
      lastId = e.id;
    }
  };

  const section = async (batch: readonly Op[]): Promise<void> => {
    let decided = false;
    try {
      const { result, lastId: id } = await log.exclusive(lastId, (entries) => {
        apply(entries);
        decided = true;
        const placements = batch.map((op) =>
          op.kind === 'place' ? mirror.place(op.target, op.at) : (mirror.release(op.target, op.at), undefined),
        );
        const append = batch.map((op, i) => ({
          target: op.target,
          at: placements[i]?.at ?? op.at,
          delta: op.kind === 'place' ? (1 as const) : (-1 as const),
        }));
        return { append, result: placements };
      });
      lastId = Math.max(lastId, id);
      batch.forEach((op, i) => (op.kind === 'place' ? op.resolve(result[i]!) : op.resolve()));
    } catch (e) {
      // Nothing of the batch was appended, yet the mirror may have counted it: rebuild the mirror
      // from the log at the next section.
      if (decided) {
        lastId = 0;
        mirror.prune(Infinity);
      }
      for (const op of batch) {
        if (op.kind === 'place') op.reject(e);
        else {
          logger.warn(
            { target: op.target, err: e instanceof Error ? e.message : String(e) },
            'taking back an invocation failed; it stays counted until it leaves the window',
          );
          op.resolve();
        }
      }
    }
  };

  const flush = async (): Promise<void> => {
    if (flushing) return;
    flushing = true;
    try {
      while (queue.length > 0) {
        const batch = queue;
        queue = [];
        await section(batch);
        const now = clock.now();
        if (now - prunedAt >= MINUTE) {
          prunedAt = now;
          log
            .prune(now - HOUR - MINUTE)
            .catch((e: unknown) =>
              logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'pruning the invocation log failed'),
            );
        }
      }
    } finally {
      flushing = false;
    }
  };

  return {
    place(target, earliest) {
      return new Promise<Placement>((resolve, reject) => {
        queue.push({ kind: 'place', target, at: earliest, resolve, reject });
        void flush();
      });
    },
    release(target, at) {
      return new Promise<void>((resolve) => {
        queue.push({ kind: 'release', target, at, resolve });
        void flush();
      });
    },
    prune(now) {
      mirror.prune(now);
    },
  };
}
