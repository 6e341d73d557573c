/**
 * @module
 * An open-loop load generator: call `i` is due at `start + i / rate` and is placed at its due
 * time, not in bursts per timer tick. A late event loop is caught up (every due call is placed,
 * so the offered load is kept), and how late each call went out is reported: when the process is
 * saturated, the lag and the achieved rate say so instead of the load silently dropping.
 */

/** What {@link pace} reports. */
export interface Paced {
  /** Calls placed. */
  readonly placed: number;
  /** Calls per second actually placed: `placed` over the time from the start to the last placement window. */
  readonly achieved: number;
  /** How late calls went out (ms past their due time): median, 99th percentile, worst. */
  readonly lagP50: number;
  readonly lagP99: number;
  readonly lagMax: number;
}

/** The nearest-rank percentile of sorted values (NaN for none). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** How many calls of a `rate` per second schedule are due `elapsedMs` after the start (call 0 is due at 0). */
export function dueBy(elapsedMs: number, rate: number): number {
  return elapsedMs < 0 ? 0 : Math.floor((elapsedMs * rate) / 1000) + 1;
}

/**
 * Place `rate` calls per second for `ms` milliseconds: `place(i)` runs when call `i` is due.
 * @example
 * const { achieved, lagP99 } = await pace(500, 5_000, (i) => sim.placeCall(callFor(i)));
 */
export function pace(rate: number, ms: number, place: (i: number) => void): Promise<Paced> {
  const total = Math.max(0, Math.floor((ms * rate) / 1000));
  const interval = 1000 / rate;
  const lags: number[] = [];
  const start = performance.now();
  let placed = 0;
  return new Promise((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      const due = Math.min(total, dueBy(now - start, rate));
      for (; placed < due; placed++) {
        lags.push(now - (start + placed * interval));
        place(placed);
      }
      if (placed >= total) {
        const elapsed = Math.max(ms, performance.now() - start);
        lags.sort((a, b) => a - b);
        resolve({
          placed,
          achieved: placed / (elapsed / 1000),
          lagP50: percentile(lags, 50),
          lagP99: percentile(lags, 99),
          lagMax: lags[lags.length - 1] ?? 0,
        });
        return;
      }
      setTimeout(tick, Math.max(0, start + placed * interval - performance.now()));
    };
    tick();
  });
}
