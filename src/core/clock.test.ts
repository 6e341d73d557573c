import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.ts';

describe('VirtualClock', () => {
  it('fires timers in time order and moves now to each due time', async () => {
    const clock = new VirtualClock(1000);
    const seen: Array<[string, number]> = [];
    clock.setTimer(() => seen.push(['b', clock.now()]), 200);
    clock.setTimer(() => seen.push(['a', clock.now()]), 100);
    await clock.advance(150);
    expect(seen).toEqual([['a', 1100]]);
    expect(clock.now()).toBe(1150);
    await clock.advance(100);
    expect(seen).toEqual([
      ['a', 1100],
      ['b', 1200],
    ]);
    expect(clock.now()).toBe(1250);
  });

  it('lets promise chains scheduled by a timer settle before the next timer', async () => {
    const clock = new VirtualClock(0);
    const log: number[] = [];
    const run = async (): Promise<void> => {
      for (let i = 0; i < 5; i++) {
        await clock.sleep(5 * 60_000);
        log.push(clock.now());
      }
    };
    const done = run();
    await clock.advance(25 * 60_000);
    await done;
    expect(log).toEqual([300_000, 600_000, 900_000, 1_200_000, 1_500_000]);
  });

  it('cancels timers and rejects aborted sleeps', async () => {
    const clock = new VirtualClock(0);
    let fired = false;
    clock.setTimer(() => (fired = true), 10).cancel();
    const ac = new AbortController();
    const p = clock.sleep(50, ac.signal);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
    await clock.runAll();
    expect(fired).toBe(false);
    expect(clock.pending).toBe(0);
  });
});
