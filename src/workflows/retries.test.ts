import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VirtualClock, seededIds } from '../core/index.ts';
import { createMemoryStore, openSqliteStore } from '../store/index.ts';
import type { Store } from '../store/index.ts';
import { defineWorkflow } from './define.ts';
import { createHistory } from './history.ts';
import type { RetryPolicy } from './retry-policy.ts';
import { runUntilIdle } from './testing.ts';
import type { ActionContext, ActionInvoker, ActionResult } from './types.ts';
import { createWorker } from './worker.ts';

const dir = mkdtempSync(join(tmpdir(), 'sb-retries-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0 = Date.UTC(2026, 0, 5, 9);
const ok: ActionResult = { status: 'success', outputs: { tagged: true } };
const limited = (retryAfterMs?: number): ActionResult => ({
  status: 'failure',
  outputs: { status: 429 },
  error: { code: 'SB_ACTION_REMOTE_ERROR', message: 'HTTP 429' },
  transient: { kind: '429', status: 429, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
});
const unavailable: ActionResult = {
  status: 'failure',
  outputs: { status: 503 },
  error: { code: 'SB_ACTION_REMOTE_ERROR', message: 'HTTP 503' },
  transient: { kind: '5xx', status: 503 },
};
const notFound: ActionResult = {
  status: 'failure',
  outputs: { status: 404 },
  error: { code: 'SB_ACTION_REMOTE_ERROR', message: 'HTTP 404' },
};

/** An invoker answering from a script, recording each call's time and context. */
function scripted(answers: ActionResult[]): {
  invoker: ActionInvoker;
  calls: { at: number; ctx: ActionContext }[];
  clock: VirtualClock;
} {
  const clock = new VirtualClock(T0);
  const calls: { at: number; ctx: ActionContext }[] = [];
  const invoker: ActionInvoker = async (_name, _input, ctx) => {
    calls.push({ at: clock.now(), ctx });
    return answers.shift() ?? ok;
  };
  return { invoker, calls, clock };
}

const tag = defineWorkflow({ name: 'tag' }, async ({ step }) => {
  const r = await step.action('Set Tag', { conversationId: 'c-1' });
  return { status: r.status, attempts: r.attempts ?? 1 };
});

async function runTag(store: Store, answers: ActionResult[], retry?: RetryPolicy) {
  const s = scripted(answers);
  const worker = createWorker({
    store,
    workflows: [tag],
    invoker: s.invoker,
    clock: s.clock,
    ids: seededIds(5),
    ...(retry ? { retry } : {}),
  });
  const run = await worker.enqueue('tag', {});
  await runUntilIdle(s.clock, worker);
  await worker.stop();
  return { ...s, run: (await store.getRun(run.id))!, detail: (await createHistory(store).getRun(run.id))! };
}

describe('retry policy of data-action steps', () => {
  it('without a policy a 429 takes the failure path at once, and the run records a failed step', async () => {
    const store = createMemoryStore();
    const { calls, run, detail } = await runTag(store, [limited(2000)]);
    expect(calls).toHaveLength(1);
    expect(run).toMatchObject({
      status: 'completed',
      output: { status: 'failure', attempts: 1 },
      failedSteps: ['Set Tag'],
    });
    expect(detail.steps.map((s) => s.kind)).toEqual(['action']);
    expect(detail).toMatchObject({ failedSteps: 1, failedStepIds: ['Set Tag'] });
  });

  it('waits what the 429 Retry-After asks on a durable timer, sends the same key again, and journals each try', async () => {
    const store = createMemoryStore();
    const { calls, run, detail } = await runTag(store, [limited(2000), ok], { attempts: 3 });
    expect(calls.map((c) => [c.at - T0, c.ctx.attempt, c.ctx.idempotencyKey])).toEqual([
      [0, 1, `${run.id}:Set Tag`],
      [2000, 2, `${run.id}:Set Tag`],
    ]);
    expect(run).toMatchObject({ status: 'completed', output: { status: 'success', attempts: 2 }, failedSteps: [] });
    // The run was suspended for the wait (a second claim), holding no worker.
    expect(run.attempts).toBe(2);
    expect(detail.steps.map((s) => [s.kind, s.stepId, s.path])).toEqual([
      ['attempt', 'Set Tag@1', 'failure'],
      ['action', 'Set Tag', 'success'],
    ]);
    expect(detail.steps[0]!.output).toEqual({
      status: 'failure',
      error: { code: 'SB_ACTION_REMOTE_ERROR', message: 'HTTP 429' },
      attempt: 1,
      retriedOn: 429,
      httpStatus: 429,
      retryAfterMs: 2000,
      waitMs: 2000,
      retryAt: T0 + 2000,
    });
    const timers = await store.listTimers(run.id);
    expect(timers).toEqual([{ runId: run.id, stepId: 'Set Tag@1:retry', dueAt: T0 + 2000, firedAt: T0 + 2000 }]);
  });

  it('backs off 503s exponentially and gives up after the last attempt: failure path, run marked', async () => {
    const store = createMemoryStore();
    const { calls, run, detail } = await runTag(store, [unavailable, unavailable, unavailable], {
      attempts: 3,
      backoff: { initialMs: 100, factor: 3 },
    });
    expect(calls.map((c) => c.at - T0)).toEqual([0, 100, 400]);
    expect(run).toMatchObject({
      status: 'completed',
      output: { status: 'failure', attempts: 3 },
      failedSteps: ['Set Tag'],
    });
    expect(detail.steps.map((s) => [s.stepId, (s.output as { waitMs?: number }).waitMs])).toEqual([
      ['Set Tag@1', 100],
      ['Set Tag@2', 300],
      ['Set Tag', undefined],
    ]);
  });

  it('does not retry a failure that would fail again (a 404), nor what the policy leaves out', async () => {
    const a = await runTag(createMemoryStore(), [notFound], { attempts: 3 });
    expect(a.calls).toHaveLength(1);
    expect(a.run.output).toEqual({ status: 'failure', attempts: 1 });
    const b = await runTag(createMemoryStore(), [unavailable], { attempts: 3, on: [429, 'timeout'] });
    expect(b.calls).toHaveLength(1);
  });

  it('retries a timeout: the try that never answered is abandoned at its timeout, the next one is sent', async () => {
    const clock = new VirtualClock(T0);
    const seen: number[] = [];
    const invoker: ActionInvoker = async (_n, _i, ctx) => {
      seen.push(clock.now());
      if (ctx.attempt === 1) return new Promise<ActionResult>(() => {});
      return ok;
    };
    const flow = defineWorkflow({ name: 'slow' }, async ({ step }) =>
      step.action('Lookup', {}, { timeoutMs: 5000, retry: { attempts: 2, backoff: { initialMs: 1000 } } }),
    );
    const store = createMemoryStore();
    const worker = createWorker({ store, workflows: [flow], invoker, clock, ids: seededIds(6) });
    const run = await worker.enqueue('slow', {});
    await runUntilIdle(clock, worker);
    await worker.stop();
    expect(seen.map((t) => t - T0)).toEqual([0, 6000]);
    expect((await store.getRun(run.id))!.output).toMatchObject({ status: 'success', attempts: 2 });
    expect((await store.loadJournal(run.id)).find((s) => s.kind === 'attempt')).toMatchObject({
      path: 'timeout',
      output: { retriedOn: 'timeout', waitMs: 1000 },
    });
  });

  it('a step policy overrides the worker policy, and retry: false turns it off', async () => {
    const clock = new VirtualClock(T0);
    let n = 0;
    const invoker: ActionInvoker = async () => (n++, unavailable);
    const flow = defineWorkflow({ name: 'two' }, async ({ step }) => {
      await step.action('A', {}, { retry: false });
      await step.action('B', {}, { retry: { attempts: 2, backoff: { initialMs: 10 } } });
      return 'done';
    });
    const store = createMemoryStore();
    const worker = createWorker({
      store,
      workflows: [flow],
      invoker,
      clock,
      retry: { attempts: 4, backoff: { initialMs: 10 } },
    });
    const run = await worker.enqueue('two', {});
    await runUntilIdle(clock, worker);
    await worker.stop();
    expect(n).toBe(1 + 2);
    expect((await store.getRun(run.id))!.failedSteps).toEqual(['A', 'B']);
  });

  it('a worker that dies during the wait is replaced by one that sends the next try at the timer, never the first again', async () => {
    const path = join(dir, 'crash.sqlite');
    const clock = new VirtualClock(T0);
    const sent: number[] = [];
    const invoker: ActionInvoker = async (_n, _i, ctx) => (
      sent.push(ctx.attempt ?? 1),
      ctx.attempt === 1 ? limited(30_000) : ok
    );
    const first = openSqliteStore({ path, clock });
    const w1 = createWorker({
      store: first,
      workflows: [tag],
      invoker,
      clock,
      ids: seededIds(7),
      retry: { attempts: 3 },
      leaseMs: 5000,
    });
    const run = await w1.enqueue('tag', {});
    await w1.idle();
    expect(await first.getRun(run.id)).toMatchObject({ status: 'waiting', readyAt: T0 + 30_000 });
    await w1.stop({ graceful: false });
    await first.close();

    const second = openSqliteStore({ path, clock });
    const w2 = createWorker({
      store: second,
      workflows: [tag],
      invoker,
      clock,
      ids: seededIds(8),
      retry: { attempts: 3 },
      leaseMs: 5000,
    });
    await clock.advance(10_000);
    await w2.idle();
    expect(sent).toEqual([1]);
    await runUntilIdle(clock, w2);
    await w2.stop();
    expect(sent).toEqual([1, 2]);
    expect(await second.getRun(run.id)).toMatchObject({
      status: 'completed',
      output: { status: 'success', attempts: 2 },
    });
    expect((await second.loadJournal(run.id)).map((s) => s.stepId).sort()).toEqual(['Set Tag', 'Set Tag@1']);
    await second.close();
  });

  it('rejects a broken step policy at the call, before the step is journaled', async () => {
    const flow = defineWorkflow({ name: 'bad' }, async ({ step }) => {
      try {
        await step.action('A', {}, { retry: { attempts: 99 } });
        return 'sent';
      } catch (e) {
        return (e as { code: string }).code;
      }
    });
    const clock = new VirtualClock(T0);
    const store = createMemoryStore();
    const worker = createWorker({ store, workflows: [flow], invoker: async () => ok, clock });
    const run = await worker.enqueue('bad', {});
    await runUntilIdle(clock, worker);
    await worker.stop();
    expect((await store.getRun(run.id))!.output).toBe('SB_WORKFLOW_RETRY_INVALID');
    expect(await store.loadJournal(run.id)).toEqual([]);
    expect(() => createWorker({ store, workflows: [], retry: { attempts: 1, on: [] } })).toThrow(
      /SB_WORKFLOW_RETRY_INVALID|on/,
    );
  });
});
