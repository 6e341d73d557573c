import { describe, expect, it } from 'vitest';
import { VirtualClock, seededIds } from '../core/index.ts';
import { createMemoryStore } from '../store/index.ts';
import { defineWorkflow } from './define.ts';
import { createHistory } from './history.ts';
import { runUntilIdle } from './testing.ts';
import type { ActionInvoker } from './types.ts';
import { enqueueRun } from './enqueue.ts';
import { createWorker } from './worker.ts';

const tagThenWait = defineWorkflow({ name: 'tag-then-wait' }, async ({ step }) => {
  await step.action('Tag');
  await step.sleep('1m');
  await step.action('Disconnect');
  return 'done';
});

function recording(): { invoker: ActionInvoker; keys: string[] } {
  const keys: string[] = [];
  return {
    keys,
    invoker: async (_name, _input, ctx) => (keys.push(ctx.idempotencyKey), { status: 'success', outputs: {} }),
  };
}

describe('a data action step in flight at a crash', () => {
  it('is re-sent once with the same key, journaled with its attempt, and shown as re-sent', async () => {
    const store = createMemoryStore();
    const clock = new VirtualClock();
    const run = await enqueueRun(store, tagThenWait, {});
    // An execution that died after beginning the first step, before journaling it.
    expect(await store.beginAttempt?.(run.id, 'Tag')).toBe(1);
    const { invoker, keys } = recording();
    const worker = createWorker({ store, workflows: [tagThenWait], invoker, clock, ids: seededIds(1) });
    await runUntilIdle(clock, worker);
    await worker.stop();
    expect(await store.getRun(run.id)).toMatchObject({ status: 'completed', output: 'done' });
    expect(keys).toEqual([`${run.id}:Tag`, `${run.id}:Disconnect`]);
    const detail = await createHistory(store).getRun(run.id);
    const [tag, , disconnect] = detail!.steps;
    expect(tag).toMatchObject({ stepId: 'Tag', attempt: 2, resent: true });
    expect(disconnect).not.toHaveProperty('resent');
    expect(disconnect).not.toHaveProperty('attempt');
  });

  it('a journaled step is never sent again, however often the run is replayed', async () => {
    const store = createMemoryStore();
    const clock = new VirtualClock();
    const { invoker, keys } = recording();
    const worker = createWorker({ store, workflows: [tagThenWait], invoker, clock, ids: seededIds(2) });
    const run = await worker.enqueue('tag-then-wait', {});
    await runUntilIdle(clock, worker);
    await worker.stop();
    // The sleep made the run replay from the top: Tag was returned from the journal, not re-sent.
    expect((await store.getRun(run.id))!.attempts).toBe(2);
    expect(keys).toEqual([`${run.id}:Tag`, `${run.id}:Disconnect`]);
    expect((await store.loadJournal(run.id)).some((s) => s.attempt !== undefined)).toBe(false);
  });
});
