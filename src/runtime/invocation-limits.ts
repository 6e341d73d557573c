/**
 * @module
 * Genesys's event-orchestration invocation limits (platform.md §1.6) as sliding-window
 * accounting, pure: the caller passes the times (its injected clock's). Every invocation is placed
 * at the earliest time, not before the one asked for, at which it fits every window: per minute,
 * per hour, and per minute for one workflow (the distinct-target ratio).
 */

/** Org-wide workflow-invocation limits. A limit of `0` or `Infinity` is off. */
export interface InvocationLimits {
  /** Invocations per rolling minute (`event.orchestration.workflow.invocations.per.minute`). */
  readonly perMinute: number;
  /** Invocations per rolling hour (`event.orchestration.workflow.invocations.per.hour`). */
  readonly perHour: number;
  /** The largest share (0-1) of a minute's limit that may go to one workflow (`distinct.target.ratio`). */
  readonly targetRatio: number;
}

/** The limits of a Genesys org (platform.md §1.6): 6,000/min, 36,000/h, at most 80% to one workflow. */
export const GENESYS_INVOCATION_LIMITS: InvocationLimits = Object.freeze({
  perMinute: 6000,
  perHour: 36_000,
  targetRatio: 0.8,
});

/** Which limit moved an invocation. */
export type InvocationLimitName = 'per-minute' | 'per-hour' | 'target-ratio';

/** Where an invocation was placed: at `at`, later than asked when `limitedBy` is set. */
export interface Placement {
  readonly at: number;
  readonly limitedBy?: InvocationLimitName;
}

/** The accounting of placed invocations. */
export interface InvocationLimiter {
  /** Place an invocation of `target` at the earliest time `>= earliest` where it fits, and count it there. */
  place(target: string, earliest: number): Placement;
  /** Take back an invocation placed at `at` (it did not happen: a duplicate, a drop, a failure). */
  release(target: string, at: number): void;
  /** Count an invocation placed elsewhere (another process) at `at`, as it was placed. */
  record(target: string, at: number): void;
  /** Forget what no window that ends at `now` or later can contain. */
  prune(now: number): void;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

const active = (n: number): boolean => n > 0 && Number.isFinite(n);

/** Index of the first item `> t` in a sorted list. */
function upperBound(list: readonly number[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Items in the window `(end - width, end]`. */
function countIn(list: readonly number[], end: number, width: number): number {
  return upperBound(list, end) - upperBound(list, end - width);
}

/**
 * The earliest time `>= t` at which one more item keeps every window of `width` at most `cap`, or
 * `t` itself when it fits. A window containing `t` is fullest where it ends at `t` or at a later
 * item, so only those ends are checked.
 */
function nextFit(list: readonly number[], t: number, width: number, cap: number): number {
  const own = countIn(list, t, width);
  if (own >= cap) {
    // Wait until enough of the items in (t - width, t] leave the window.
    const first = upperBound(list, t - width);
    return list[first + own - cap]! + width;
  }
  for (let i = upperBound(list, t); i < list.length && list[i]! < t + width; i++) {
    const end = list[i]!;
    if (countIn(list, end, width) >= cap) return end + 1;
  }
  return t;
}

function insert(list: number[], t: number): void {
  list.splice(upperBound(list, t), 0, t);
}

function remove(list: number[], t: number): void {
  const i = upperBound(list, t) - 1;
  if (i >= 0 && list[i] === t) list.splice(i, 1);
}

/**
 * Create the accounting for the given limits.
 * @example
 * const limiter = createInvocationLimiter({ perMinute: 2, perHour: 0, targetRatio: 0 });
 * limiter.place('wf', 0); limiter.place('wf', 0);
 * limiter.place('wf', 0); // { at: 60000, limitedBy: 'per-minute' }
 */
export function createInvocationLimiter(limits: InvocationLimits): InvocationLimiter {
  const all: number[] = [];
  const byTarget = new Map<string, number[]>();
  const targetCap =
    active(limits.perMinute) && active(limits.targetRatio) && limits.targetRatio < 1
      ? Math.max(1, Math.floor(limits.perMinute * limits.targetRatio))
      : 0;
  const windows = (target: number[]): { name: InvocationLimitName; list: number[]; width: number; cap: number }[] =>
    [
      { name: 'per-minute' as const, list: all, width: MINUTE, cap: limits.perMinute },
      { name: 'per-hour' as const, list: all, width: HOUR, cap: limits.perHour },
      { name: 'target-ratio' as const, list: target, width: MINUTE, cap: targetCap },
    ].filter((w) => active(w.cap));
  return {
    place(target, earliest) {
      let list = byTarget.get(target);
      if (!list) byTarget.set(target, (list = []));
      const checks = windows(list);
      let at = earliest;
      let limitedBy: InvocationLimitName | undefined;
      for (let moved = true; moved;) {
        moved = false;
        for (const w of checks) {
          const next = nextFit(w.list, at, w.width, w.cap);
          if (next > at) {
            at = next;
            limitedBy = w.name;
            moved = true;
          }
        }
      }
      insert(all, at);
      insert(list, at);
      return limitedBy === undefined ? { at } : { at, limitedBy };
    },
    record(target, at) {
      let list = byTarget.get(target);
      if (!list) byTarget.set(target, (list = []));
      insert(all, at);
      insert(list, at);
    },
    release(target, at) {
      remove(all, at);
      const list = byTarget.get(target);
      if (list) remove(list, at);
    },
    prune(now) {
      const horizon = now - HOUR;
      all.splice(0, upperBound(all, horizon));
      for (const [target, list] of byTarget) {
        list.splice(0, upperBound(list, horizon));
        if (list.length === 0) byTarget.delete(target);
      }
    },
  };
}
