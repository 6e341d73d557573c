/**
 * @module
 * Virtual time for demos: a driver that moves a VirtualClock in step with real time × speed
 * (`speed 60` = one simulated minute per real second). The emulator and the runtime share the
 * clock, so waits of minutes pass in seconds. Tests advance the clock by hand instead.
 */
import type { VirtualClock } from '../core/index.ts';

/** A running driver. */
export interface VirtualTimeDriver {
  readonly speed: number;
  /** Stop moving the clock (it keeps its time). */
  stop(): void;
}

/** Options of {@link driveVirtualClock}. */
export interface DriveOptions {
  /** Simulated ms per real ms. */
  readonly speed: number;
  /** Real ms between clock moves. Default 20. */
  readonly tickMs?: number;
  /** Real time source (ms), for tests. Default `performance.now`. */
  readonly realNow?: () => number;
}

/**
 * Move `clock` forward continuously. Each tick advances to `start + elapsed real time × speed`,
 * firing the due timers in order; a tick that finds the previous advance still running is
 * skipped, so the clock never runs two advances at once.
 * @example
 * const clock = new VirtualClock();
 * const driver = driveVirtualClock(clock, { speed: 60 });
 * // … later
 * driver.stop();
 */
export function driveVirtualClock(clock: VirtualClock, options: DriveOptions): VirtualTimeDriver {
  if (!(options.speed > 0) || !Number.isFinite(options.speed))
    throw new RangeError(`speed must be a positive number; got ${options.speed}`);
  const realNow = options.realNow ?? (() => performance.now());
  const startReal = realNow();
  const startVirtual = clock.now();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    const target = startVirtual + Math.floor((realNow() - startReal) * options.speed);
    void clock.advanceTo(target).finally(() => {
      busy = false;
    });
  }, options.tickMs ?? 20);
  return {
    speed: options.speed,
    stop: () => clearInterval(timer),
  };
}
