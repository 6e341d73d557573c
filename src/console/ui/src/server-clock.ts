/**
 * @module
 * The runtime's clock as seen from the browser. The runtime may run on virtual time (`switchboard
 * start` runs a simulated day faster than real time), so "resumes in…" and "last 15 minutes" are
 * computed from samples of the runtime's `now`, not from the browser's clock.
 */

/** Two readings of the runtime's clock, each with the browser time it was read at. */
export interface ClockSamples {
  readonly server: number;
  readonly local: number;
  /** Runtime ms per browser ms (1 on real time). */
  readonly rate: number;
  /** Whether the rate was measured (two readings), rather than assumed. */
  readonly measured: boolean;
}

/** Before any sample: the browser's own clock. */
export const LOCAL_CLOCK: ClockSamples = { server: 0, local: 0, rate: 1, measured: false };

/** Fold a new reading into the estimate (pure). Readings closer than 1 s apart keep the old rate. */
export function sampleClock(prev: ClockSamples, server: number, local: number): ClockSamples {
  if (prev === LOCAL_CLOCK) return { server, local, rate: 1, measured: false };
  if (local - prev.local < 1000) return { ...prev, server, local };
  const rate = (server - prev.server) / (local - prev.local);
  return Number.isFinite(rate) && rate >= 0 ? { server, local, rate, measured: true } : { ...prev, server, local };
}

/** The runtime's `now` at browser time `local` (pure). */
export function serverNow(c: ClockSamples, local: number): number {
  return c === LOCAL_CLOCK ? local : c.server + (local - c.local) * c.rate;
}

/** Whether the runtime's clock is not the wall clock (virtual time), worth showing (pure). */
export function isVirtual(c: ClockSamples, local: number): boolean {
  return c !== LOCAL_CLOCK && (Math.abs(c.rate - 1) > 0.05 || Math.abs(serverNow(c, local) - local) > 60_000);
}
