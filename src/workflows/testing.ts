/**
 * @module
 * Test and demo helper: drive workers on a VirtualClock until every run has finished or waits on
 * nothing the clock can reach.
 */
import { SwitchboardError } from '../core/index.ts';
import type { VirtualClock } from '../core/index.ts';
import type { Worker } from './worker-types.ts';

/**
 * Let the workers drain, then jump the virtual clock to the next timer, until no timer is left.
 * Resolves with the number of clock jumps. Throws after `maxJumps` (a workflow that never ends).
 * @example
 * await worker.enqueue('callback', input);
 * await runUntilIdle(clock, worker); // 25 minutes of waits in a few milliseconds
 */
export async function runUntilIdle(
  clock: VirtualClock,
  workers: Worker | readonly Worker[],
  maxJumps = 100_000,
): Promise<number> {
  const all = Array.isArray(workers) ? workers : [workers as Worker];
  for (let jumps = 0; jumps <= maxJumps; jumps++) {
    await flush();
    let due = clock.nextDue();
    if (due === undefined) {
      // Nothing scheduled on the clock: wait for work that is not clock-driven to finish, then look again.
      await Promise.all(all.map((w) => w.idle()));
      due = clock.nextDue();
      if (due === undefined) return jumps;
    }
    await clock.advanceTo(due);
  }
  throw new SwitchboardError(
    'SB_INTERNAL',
    `runUntilIdle stops after ${maxJumps} clock jumps; timers were still pending at ${new Date(clock.now()).toISOString()}`,
  );
}

function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
