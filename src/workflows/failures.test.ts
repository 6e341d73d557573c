import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { VirtualClock } from '../core/index.ts';
import { createMemoryStore } from '../store/index.ts';
import type { Store } from '../store/index.ts';
import { defineWorkflow } from './define.ts';
import { runUntilIdle } from './testing.ts';
import type { ActionInvoker, WorkflowDefinition } from './types.ts';
import { createWorker } from './worker.ts';

const ok: ActionInvoker = async (name) => ({ status: 'success', outputs: { name } });

async function runOne(
  flow: WorkflowDefinition,
  input: unknown,
  invoker: ActionInvoker = ok,
  store: Store = createMemoryStore(),
  clock = new VirtualClock(),
) {
  const worker = createWorker({ store, workflows: [flow], invoker, clock });
  const run = await worker.enqueue(flow.name, input);
  await runUntilIdle(clock, worker);
  await worker.stop();
  return { run: (await store.getRun(run.id))!, journal: await store.loadJournal(run.id), store, clock };
}

describe('bad runs', () => {
  it('fails one run whose step throws, recording why, while the others complete', async () => {
    const store = createMemoryStore();
    const clock = new VirtualClock();
    const flow = defineWorkflow({ name: 'batch' }, async ({ input, step }) => {
      const { n } = input as { n: number };
      await step.action('Fetch', { n });
      await step.sleep('1m');
      const v = await step.run('compute', () => {
        if (n === 3) throw new Error(`record ${n} is corrupt`);
        return n * 2;
      });
      return v;
    });
    const worker = createWorker({ store, workflows: [flow], invoker: ok, clock });
    const runs = [];
    for (let n = 0; n < 6; n++) runs.push(await worker.enqueue('batch', { n }));
    await runUntilIdle(clock, worker);
    const after = await Promise.all(runs.map((r) => store.getRun(r.id)));
    expect(after.map((r) => r?.status)).toEqual([
      'completed',
      'completed',
      'completed',
      'failed',
      'completed',
      'completed',
    ]);
    expect(after[4]?.output).toBe(8);
    expect(after[3]).toMatchObject({
      exitReason: 'failed',
      error: {
        code: 'SB_WORKFLOW_STEP_FAILED',
        stepId: 'compute',
        message: 'step "compute" threw: record 3 is corrupt',
      },
    });
    const journal = await store.loadJournal(runs[3]!.id);
    expect(journal.at(-1)).toMatchObject({
      stepId: 'compute',
      status: 'error',
      error: { message: 'record 3 is corrupt' },
    });
  });

  it('lets a workflow catch a failed step and take another path, deterministically on replay', async () => {
    let executions = 0;
    const flow = defineWorkflow({ name: 'catcher' }, async ({ step }) => {
      let path: string;
      try {
        await step.run('risky', () => {
          executions++;
          throw new Error('nope');
        });
        path = 'happy';
      } catch (e) {
        path = `fallback: ${(e as Error).message}`;
      }
      await step.sleep('10m');
      return path;
    });
    const { run } = await runOne(flow, {});
    expect(run).toMatchObject({ status: 'completed', output: 'fallback: step "risky" threw: nope', attempts: 2 });
    expect(executions).toBe(1);
  });

  it('records a plain throw from the workflow body with its message', async () => {
    const flow = defineWorkflow({ name: 'thrower' }, async ({ step }) => {
      await step.action('A');
      throw new TypeError('cannot read conversationId of undefined');
    });
    const { run } = await runOne(flow, {});
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({
      code: 'SB_WORKFLOW_FAILED',
      message: expect.stringContaining('it threw: cannot read conversationId of undefined'),
      details: { name: 'TypeError' },
    });
  });

  it('rejects an input that breaks the schema at start, creating no run', async () => {
    const store = createMemoryStore();
    const flow = defineWorkflow(
      { name: 'typed', inputs: z.object({ conversationId: z.string() }) },
      async ({ input }) => input.conversationId,
    );
    const worker = createWorker({ store, workflows: [flow], clock: new VirtualClock() });
    await expect(worker.enqueue('typed', { conversationId: 42 })).rejects.toMatchObject({
      code: 'SB_WORKFLOW_INPUT_INVALID',
      details: { issues: [expect.objectContaining({ path: ['conversationId'] })] },
    });
    await expect(worker.enqueue('nope', {})).rejects.toMatchObject({
      code: 'SB_WORKFLOW_UNKNOWN',
      message: expect.stringContaining('"nope" is not one of ["typed"]'),
    });
    expect(await store.listRuns()).toEqual([]);
  });
});

describe('data action paths', () => {
  it('takes the timeout path when the action does not answer in time, and the failure path when the invoker throws', async () => {
    const invoker: ActionInvoker = async (name, _input, ctx) => {
      if (name === 'Hang')
        return new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted'))));
      if (name === 'Broken') throw new Error('ECONNREFUSED');
      if (name === 'Weird') return { nope: true } as never;
      return { status: 'failure', outputs: { reason: 'not found' } };
    };
    const flow = defineWorkflow({ name: 'paths' }, async ({ step }) => {
      const hang = await step.action('Hang', {}, { timeoutMs: 5000 });
      const broken = await step.action('Broken');
      const weird = await step.action('Weird');
      const failed = await step.action('Lookup');
      return [hang.status, broken.status, weird.status, failed.status];
    });
    const { run, journal, clock } = await runOne(flow, {}, invoker);
    expect(run.output).toEqual(['timeout', 'failure', 'failure', 'failure']);
    expect(journal.map((s) => s.path)).toEqual(['timeout', 'failure', 'failure', 'failure']);
    expect(journal[0]!.completedAt - journal[0]!.startedAt).toBe(5000);
    expect(journal[1]?.output).toMatchObject({
      error: { code: 'SB_WORKFLOW_ACTION_FAILED', message: 'the invoker threw: ECONNREFUSED' },
    });
    expect(journal[2]?.output).toMatchObject({ error: { code: 'SB_WORKFLOW_ACTION_RESULT_INVALID' } });
    expect(journal[3]?.output).toEqual({ status: 'failure', outputs: { reason: 'not found' } });
    expect(clock.pending).toBe(0);
  });
});

describe('limits', () => {
  it('stops a runaway loop at maxActions, even when the body catches errors', async () => {
    const flow = defineWorkflow({ name: 'runaway', limits: { maxActions: 25 } }, async ({ step }) => {
      for (let i = 0; ; i++) {
        try {
          await step.run('tick', () => i);
        } catch {
          // a careless catch-all must not keep the run alive
        }
      }
    });
    const { run, journal } = await runOne(flow, {});
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({
      code: 'SB_WORKFLOW_MAX_ACTIONS',
      message: expect.stringContaining('at most 25 steps; step 26 was called'),
    });
    expect(journal).toHaveLength(25);
  });

  it('fails a run at its maximum running time instead of sleeping past it', async () => {
    const flow = defineWorkflow({ name: 'too-long', limits: { maxRunningTimeMs: 3_600_000 } }, async ({ step }) => {
      await step.sleep('2h');
      return 'woke';
    });
    const clock = new VirtualClock();
    const start = clock.now();
    const { run } = await runOne(flow, {}, ok, createMemoryStore(), clock);
    expect(run).toMatchObject({
      status: 'failed',
      error: { code: 'SB_WORKFLOW_MAX_RUNNING_TIME' },
      completedAt: start + 3_600_000,
    });
  });

  it('applies Architect-like defaults: 10,000 steps', async () => {
    const flow = defineWorkflow({ name: 'default-cap' }, async ({ step }) => {
      for (;;) await step.run('tick', () => 1);
    });
    const { run, journal } = await runOne(flow, {});
    expect(run.error?.code).toBe('SB_WORKFLOW_MAX_ACTIONS');
    expect(journal).toHaveLength(10_000);
  });
});

describe('determinism', () => {
  it('fails a waiting run whose workflow changed under it, saying which step and why', async () => {
    const store = createMemoryStore();
    const clock = new VirtualClock();
    const v1 = defineWorkflow({ name: 'evolving' }, async ({ step }) => {
      await step.action('Notify');
      await step.sleep('wait', '5m');
      return 'v1';
    });
    const w1 = createWorker({ store, workflows: [v1], invoker: ok, clock });
    const run = await w1.enqueue('evolving', {});
    await w1.idle();
    await w1.stop();
    expect((await store.getRun(run.id))?.status).toBe('waiting');
    const v2 = defineWorkflow({ name: 'evolving' }, async ({ step }) => {
      await step.run('audit', () => 'x');
      await step.action('Notify');
      await step.sleep('wait', '5m');
      return 'v2';
    });
    const w2 = createWorker({ store, workflows: [v2], invoker: ok, clock });
    await runUntilIdle(clock, w2);
    const after = await store.getRun(run.id);
    expect(after?.status).toBe('failed');
    expect(after?.error).toMatchObject({
      code: 'SB_WORKFLOW_DETERMINISM',
      message: `replay must call the journaled steps in the journaled order; run ${run.id}: call #1 was step.action("Notify") as step "Notify" in the journal, and is now step.run("audit") as step "audit"`,
    });
  });
});
