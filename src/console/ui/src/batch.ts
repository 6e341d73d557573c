/**
 * @module
 * Coalesce items arriving faster than the screen can paint into one flush per animation frame.
 */

/** How long a flush may wait when frames are not running (a background tab) (ms). */
const FALLBACK_MS = 100;

/** A buffer flushed at most once per frame. */
export interface Batcher<T> {
  /** Queue an item; the next flush hands it over with every other queued item, in order. */
  push(item: T): void;
  /** Drop queued items and stop flushing. */
  cancel(): void;
}

/** A {@link Batcher} that calls `flush` on the next animation frame, or after 100 ms without one. */
export function createBatcher<T>(flush: (items: T[]) => void): Batcher<T> {
  let queue: T[] = [];
  let frame: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const raf = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : undefined;
  const run = (): void => {
    if (frame !== undefined && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
    frame = undefined;
    timer = undefined;
    const items = queue;
    queue = [];
    if (items.length > 0) flush(items);
  };
  return {
    push(item) {
      queue.push(item);
      if (timer !== undefined) return;
      if (raf) frame = raf(run);
      // Frames stop in hidden tabs; the timer still flushes there.
      timer = setTimeout(run, FALLBACK_MS);
    },
    cancel() {
      if (frame !== undefined && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
      frame = undefined;
      timer = undefined;
      queue = [];
    },
  };
}
