/**
 * @module
 * Clock implementations: the system clock and a virtual clock that tests and demos move by hand.
 */
import type { Clock, TimerHandle } from './ports.ts';

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** Real time. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const t = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      const onAbort = (): void => {
        clearTimeout(t);
        reject(abortError(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  setTimer(fn: () => void, ms: number): TimerHandle {
    const t = setTimeout(fn, Math.max(0, ms));
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  }
}

interface VirtualTimer {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/** Let pending promise callbacks and I/O callbacks run. */
function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A clock that only moves when told to. Timers fire in time order, and the promise jobs they
 * schedule settle before the next timer fires, so a 25-minute workflow runs in milliseconds.
 * @example
 * const clock = new VirtualClock(Date.parse('2026-01-01T09:00:00Z'));
 * const done = clock.sleep(5 * 60_000);
 * await clock.advance(5 * 60_000); // `done` is resolved now
 */
export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: VirtualTimer[] = [];

  constructor(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  /** Number of timers waiting to fire. */
  get pending(): number {
    return this.#timers.filter((t) => !t.cancelled).length;
  }

  /** When the next timer is due, if any. */
  nextDue(): number | undefined {
    let min: number | undefined;
    for (const t of this.#timers) if (!t.cancelled && (min === undefined || t.at < min)) min = t.at;
    return min;
  }

  setTimer(fn: () => void, ms: number): TimerHandle {
    const timer: VirtualTimer = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fn, cancelled: false };
    this.#timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const handle = this.setTimer(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        handle.cancel();
        reject(abortError(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Move time forward by `ms`, firing every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.#now + ms);
  }

  /** Move time forward to `target` (epoch ms), firing due timers in order. */
  async advanceTo(target: number): Promise<void> {
    await flush();
    for (;;) {
      this.#timers = this.#timers.filter((t) => !t.cancelled);
      let next: VirtualTimer | undefined;
      for (const t of this.#timers) {
        if (t.at <= target && (!next || t.at < next.at || (t.at === next.at && t.seq < next.seq))) next = t;
      }
      if (!next) break;
      this.#timers.splice(this.#timers.indexOf(next), 1);
      if (next.at > this.#now) this.#now = next.at;
      next.fn();
      await flush();
    }
    if (target > this.#now) this.#now = target;
    await flush();
  }

  /** Fire timers until none is left (or `limit` timers fired), moving time as far as needed. */
  async runAll(limit = 100_000): Promise<void> {
    for (let i = 0; i < limit; i++) {
      const due = this.nextDue();
      if (due === undefined) return;
      await this.advanceTo(due);
    }
  }
}
