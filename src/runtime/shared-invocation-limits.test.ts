import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../core/index.ts';
import type { InvocationEntry, InvocationLog } from '../store/index.ts';
import { createSharedInvocationLimiter } from './shared-invocation-limits.ts';

/** An invocation log in memory with the port's rules (sections one at a time), and a switch to fail appends. */
function memoryLog(): InvocationLog & { entries: InvocationEntry[]; sections: number; failNext: boolean } {
  let chain: Promise<unknown> = Promise.resolve();
  let nextId = 0;
  const log = {
    entries: [] as InvocationEntry[],
    sections: 0,
    failNext: false,
    exclusive<T>(afterId: number, decide: Parameters<InvocationLog['exclusive']>[1]) {
      const run = chain.then(async () => {
        await new Promise((r) => setTimeout(r, 1));
        log.sections++;
        const { append, result } = decide(log.entries.filter((e) => e.id > afterId));
        if (log.failNext) {
          log.failNext = false;
          throw new Error('connection lost');
        }
        for (const e of append) log.entries.push({ ...e, id: ++nextId });
        return { result: result as T, lastId: nextId };
      });
      chain = run.catch(() => undefined);
      return run;
    },
    async prune(before: number) {
      log.entries = log.entries.filter((e) => e.at >= before);
    },
  };
  return log;
}

describe('org-wide invocation limits', () => {
  const limits = { perMinute: 5, perHour: 0, targetRatio: 0 };

  it('two processes sharing a log place no more than the limit into one minute, and batch what arrives together', async () => {
    const log = memoryLog();
    const clock = new VirtualClock(0);
    const a = createSharedInvocationLimiter(limits, log, { clock });
    const b = createSharedInvocationLimiter(limits, log, { clock });
    const placed = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? a : b).place('wf', 0)));
    expect(placed.filter((p) => p.at === 0)).toHaveLength(5);
    expect(placed.filter((p) => p.at === 60_000 && p.limitedBy === 'per-minute')).toHaveLength(3);
    // Four placements per process arrived together: far fewer sections than placements.
    expect(log.sections).toBeLessThan(8);
  });

  it('a release frees the slot for every process', async () => {
    const log = memoryLog();
    const clock = new VirtualClock(0);
    const a = createSharedInvocationLimiter(limits, log, { clock });
    const b = createSharedInvocationLimiter(limits, log, { clock });
    for (let i = 0; i < 5; i++) await a.place('wf', 0);
    expect((await b.place('wf', 0)).at).toBe(60_000);
    await a.release('wf', 0);
    expect(await b.place('wf', 0)).toEqual({ at: 0 });
  });

  it('a failed section rejects its placements, counts nothing, and the mirror is rebuilt from the log', async () => {
    const log = memoryLog();
    const a = createSharedInvocationLimiter(limits, log, { clock: new VirtualClock(0) });
    for (let i = 0; i < 4; i++) await a.place('wf', 0);
    log.failNext = true;
    await expect(a.place('wf', 0)).rejects.toThrow('connection lost');
    expect(log.entries).toHaveLength(4);
    expect(await a.place('wf', 0)).toEqual({ at: 0 });
    expect((await a.place('wf', 0)).at).toBe(60_000);
  });
});
