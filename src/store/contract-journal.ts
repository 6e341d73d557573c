/**
 * @module
 * The Store contract: the step journal and timers (test-only; called by `runStoreContract`).
 */
import { describe, expect, it } from 'vitest';
import { T0, step } from './contract-support.ts';
import type { Store } from './types.ts';

/** The journal and timer cases, on a fresh store per test. */
export function journalContract(fresh: () => Promise<Store>): void {
  describe('journal', () => {
    it('journals steps once per step id: a second append is ignored, never duplicated', async () => {
      const s = await fresh();
      expect(await s.appendStep(step('r', 'a', 0))).toBe(true);
      expect(await s.appendStep(step('r', 'a', 0, { output: { different: true } }))).toBe(false);
      expect(
        await s.appendStep(
          step('r', 'b', 1, {
            status: 'error',
            error: { code: 'SB_X', message: 'boom' },
            output: undefined,
            path: undefined,
          }),
        ),
      ).toBe(true);
      expect(await s.appendStep(step('other', 'a', 0))).toBe(true);
      const journal = await s.loadJournal('r');
      expect(journal.map((j) => j.stepId)).toEqual(['a', 'b']);
      expect(journal[0]).toEqual(step('r', 'a', 0));
      expect(journal[1]).toMatchObject({ status: 'error', error: { code: 'SB_X', message: 'boom' } });
      expect(journal[1]?.output).toBeUndefined();
    });

    it("keeps a step's wall-clock times beside its run-clock times", async () => {
      const s = await fresh();
      expect(
        await s.appendStep(
          step('r', 'w', 0, {
            startedAt: T0,
            completedAt: T0 + 300_000,
            wallStartedAt: 1_800_000_000_000,
            wallCompletedAt: 1_800_000_000_012,
          }),
        ),
      ).toBe(true);
      expect((await s.loadJournal('r'))[0]).toMatchObject({
        startedAt: T0,
        completedAt: T0 + 300_000,
        wallStartedAt: 1_800_000_000_000,
        wallCompletedAt: 1_800_000_000_012,
      });
    });

    it('counts the attempts of a step per run, and journals a step with its attempt count', async () => {
      const s = await fresh();
      expect(await s.beginAttempt?.('r', 'charge')).toBe(1);
      expect(await s.beginAttempt?.('r', 'charge')).toBe(2);
      expect(await s.beginAttempt?.('r', 'other')).toBe(1);
      expect(await s.beginAttempt?.('r2', 'charge')).toBe(1);
      await s.appendStep(step('r', 'charge', 0, { attempt: 2 }));
      await s.appendStep(step('r', 'other', 1));
      const [charge, other] = await s.loadJournal('r');
      expect(charge).toEqual(step('r', 'charge', 0, { attempt: 2 }));
      expect(other?.attempt).toBeUndefined();
    });

    it('loads a journal in call order (seq), whatever the append order', async () => {
      const s = await fresh();
      await s.appendStep(step('r', 'second', 1));
      await s.appendStep(step('r', 'first', 0));
      expect((await s.loadJournal('r')).map((j) => j.stepId)).toEqual(['first', 'second']);
      expect(await s.loadJournal('none')).toEqual([]);
    });

    it('rejects a step output JSON cannot hold', async () => {
      const s = await fresh();
      await expect(s.appendStep(step('r', 'a', 0, { output: () => 1 }))).rejects.toMatchObject({
        code: 'SB_STORE_NOT_JSON',
      });
      expect(await s.loadJournal('r')).toEqual([]);
    });
  });

  describe('timers', () => {
    it("keeps the first due time of a timer, fires it, and lists a run's timers by due time", async () => {
      const s = await fresh();
      expect(await s.scheduleTimer({ runId: 'r', stepId: 'wait', dueAt: T0 + 100 })).toEqual({
        runId: 'r',
        stepId: 'wait',
        dueAt: T0 + 100,
      });
      expect((await s.scheduleTimer({ runId: 'r', stepId: 'wait', dueAt: T0 + 999 })).dueAt).toBe(T0 + 100);
      await s.scheduleTimer({ runId: 'r', stepId: 'wait#2', dueAt: T0 + 50 });
      await s.scheduleTimer({ runId: 'q', stepId: 'wait', dueAt: T0 + 500 });
      expect((await s.listTimers('r')).map((t) => t.stepId)).toEqual(['wait#2', 'wait']);
      await s.fireTimer('r', 'wait#2', T0 + 60);
      expect((await s.listTimers('r'))[0]).toEqual({ runId: 'r', stepId: 'wait#2', dueAt: T0 + 50, firedAt: T0 + 60 });
      expect((await s.listTimers('r'))[1]).toEqual({ runId: 'r', stepId: 'wait', dueAt: T0 + 100 });
      expect(await s.listTimers('q')).toEqual([{ runId: 'q', stepId: 'wait', dueAt: T0 + 500 }]);
      expect(await s.listTimers('none')).toEqual([]);
    });
  });
}
