import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blueprintPath } from '../../test/support/shared.ts';
import { compileAction, loadActionText } from '../actions/index.ts';
import { SystemClock, seededIds } from '../core/index.ts';
import type { Fetch } from '../core/index.ts';
import { createInvoker } from './invoker.ts';

const rel = 'callback-prioritization/main/exports/Get-Interaction-State.custom.json';
const disconnectRel = 'terminate-voice-calls-with-no-queue/main/exports/Disconnect-Voice-Call.custom.json';
const action = compileAction(loadActionText(readFileSync(blueprintPath(rel), 'utf8'), rel));

describe('createInvoker', () => {
  it("passes the worker's abort signal to the data action, so the request it gave up on is cancelled", async () => {
    let requestSignal: AbortSignal | undefined;
    let started!: () => void;
    const inFlight = new Promise<void>((r) => (started = r));
    // A request that only ends when its signal aborts.
    const fetch: Fetch = (_url, init) =>
      new Promise<Response>((_resolve, reject) => {
        requestSignal = init?.signal ?? undefined;
        requestSignal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        started();
      });
    const invoker = createInvoker({
      actionsOf: () => new Map([['Get Interaction State', { action, fetch, integration: 'org' }]]),
      clock: new SystemClock(),
      ids: seededIds(1),
    });
    const worker = new AbortController();
    const ctx = {
      runId: 'r1',
      flow: 'f',
      stepId: 's',
      idempotencyKey: 'r1:s',
      timeoutMs: 60_000,
      signal: worker.signal,
    };
    const pending = invoker('Get Interaction State', { conversationId: 'c-1' }, ctx);
    await inFlight;
    expect(requestSignal?.aborted).toBe(false);
    worker.abort(new Error('worker stopped'));
    const result = await pending;
    expect(requestSignal?.aborted).toBe(true);
    expect(result).toMatchObject({ status: 'timeout', error: { code: 'SB_ACTION_TIMEOUT' } });
  });

  it("sends the step's idempotency key with a non-GET data action request", async () => {
    const disconnect = compileAction(loadActionText(readFileSync(blueprintPath(disconnectRel), 'utf8'), disconnectRel));
    const sent: { method: string | undefined; key: string | null }[] = [];
    const fetch: Fetch = async (_url, init) => {
      sent.push({ method: init?.method, key: new Headers(init?.headers).get('Idempotency-Key') });
      return new Response(null, { status: 202 });
    };
    const invoker = createInvoker({
      actionsOf: () => new Map([['Disconnect Voice Call', { action: disconnect, fetch, integration: 'org' }]]),
      clock: new SystemClock(),
      ids: seededIds(1),
    });
    const ctx = {
      runId: 'r2',
      flow: 'f',
      stepId: 'Disconnect#2',
      idempotencyKey: 'r2:Disconnect#2',
      timeoutMs: 60_000,
      signal: new AbortController().signal,
    };
    const result = await invoker('Disconnect Voice Call', { conversationId: 'c-1' }, ctx);
    expect(result.status).toBe('success');
    expect(sent).toEqual([{ method: 'POST', key: 'r2:Disconnect#2' }]);
  });

  it("binds a call to the action named with Genesys's export suffix, and fails one that matches none", async () => {
    const disconnect = compileAction(loadActionText(readFileSync(blueprintPath(disconnectRel), 'utf8'), disconnectRel));
    const fetch: Fetch = async () => new Response(null, { status: 202 });
    const invoker = createInvoker({
      actionsOf: () =>
        new Map([
          ['Disconnect Voice Call - Exported 2024-11-19 @ 14:10', { action: disconnect, fetch, integration: 'org' }],
        ]),
      clock: new SystemClock(),
      ids: seededIds(1),
    });
    const ctx = {
      runId: 'r3',
      flow: 'f',
      stepId: 's',
      idempotencyKey: 'r3:s',
      timeoutMs: 60_000,
      signal: new AbortController().signal,
    };
    expect((await invoker('Disconnect Voice Call', { conversationId: 'c-1' }, ctx)).status).toBe('success');
    expect(await invoker('Disconnect Call', { conversationId: 'c-1' }, ctx)).toMatchObject({
      status: 'failure',
      error: { code: 'SB_RUNTIME_NOT_FOUND' },
    });
  });
});

describe('one deadline per data-action step', () => {
  it("the step's timeout aborts the request, and the step records the action's own Timeout with its trace", async () => {
    const { VirtualClock } = await import('../core/index.ts');
    const { createMemoryStore } = await import('../store/index.ts');
    const { createWorker, defineWorkflow, runUntilIdle } = await import('../workflows/index.ts');
    const clock = new VirtualClock();
    const hangs: Fetch = (_url, init) =>
      new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
      );
    const invoker = createInvoker({
      actionsOf: () => new Map([['Get Interaction State', { action, fetch: hangs, integration: 'org' }]]),
      clock,
      ids: seededIds(2),
    });
    const flow = defineWorkflow({ name: 'slow' }, async ({ step }) => {
      const r = await step.action('Get Interaction State', { conversationId: 'c-1' }, { timeoutMs: 5000 });
      return r.status;
    });
    const store = createMemoryStore();
    const worker = createWorker({ store, workflows: [flow], invoker, clock });
    const run = await worker.enqueue('slow', {});
    await runUntilIdle(clock, worker);
    const [step] = await store.loadJournal(run.id);
    expect((await store.getRun(run.id))?.output).toBe('timeout');
    expect(step!.completedAt - step!.startedAt).toBe(5000);
    const output = step!.output as { error: { code: string; message: string } };
    expect(output.error).toEqual({
      code: 'SB_ACTION_TIMEOUT',
      message: 'an action must complete within its timeout; no result within 5000 ms',
    });
    expect((step!.trace as { request?: { url: string } }).request?.url).toBe('/api/v2/conversations/c-1');
    expect(clock.pending).toBe(0);
    await worker.stop();
  });
});
