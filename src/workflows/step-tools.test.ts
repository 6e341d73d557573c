// The step tools beyond run/action/sleep: step.api through a client on the emulator, step.waitForEvent
// resumed by an event logged in the store, step.child waited for durably — each journaled once and
// returned from the journal on every replay.
import { afterEach, describe, expect, it } from 'vitest';
import type { Fetch } from '../core/index.ts';
import { VirtualClock, seededIds } from '../core/index.ts';
import { DEMO } from '../emulator/index.ts';
import { startApi } from '../emulator/services/conversations/api.test-support.ts';
import type { ApiFixture } from '../emulator/services/conversations/api.test-support.ts';
import { createMemoryStore } from '../store/index.ts';
import type { Store } from '../store/index.ts';
import { defineWorkflow } from './define.ts';
import { createHistory } from './history.ts';
import { runUntilIdle } from './testing.ts';
import type { WorkflowDefinition } from './types.ts';
import { createWorker } from './worker.ts';

const T0 = Date.UTC(2026, 0, 5, 9);
let fixture: ApiFixture | undefined;
afterEach(() => fixture?.emu.close());

/** The admin fetch of the emulator, recording every request (method, path, Idempotency-Key). */
function recordingFetch(f: ApiFixture): { fetch: Fetch; seen: { method: string; path: string; key: string | null }[] } {
  const seen: { method: string; path: string; key: string | null }[] = [];
  const token = f.emu.adminToken();
  const fetch: Fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('Authorization', `Bearer ${token}`);
    seen.push({ method: init?.method ?? 'GET', path: String(input), key: headers.get('Idempotency-Key') });
    return f.emu.fetch(input, { ...init, headers });
  };
  return { fetch, seen };
}

describe('step.api', () => {
  it('calls the Platform API once per step through the client, Idempotency-Key on what is not a GET, and replays from the journal', async () => {
    fixture = startApi();
    const conversation = fixture.emu.simulator.inboundAcdCall({ queueId: DEMO.queues.support, ani: '+13175550100' });
    const { fetch, seen } = recordingFetch(fixture);
    const flow = defineWorkflow({ name: 'api-flow' }, async ({ input, step }) => {
      const { id } = input as { id: string };
      const read = await step.api('read', { method: 'GET', path: `/api/v2/conversations/${id}` });
      const tag = await step.api('tag', {
        method: 'PUT',
        path: `/api/v2/conversations/${id}/tags`,
        body: { externalTag: 'vip' },
      });
      const missing = await step.api('missing', { method: 'GET', path: '/api/v2/users/no-such-user' });
      await step.sleep('pause', '1m');
      return { read: read.status, id: (read.body as { id: string }).id, tag: tag.status, missing: missing.status };
    });
    const store = createMemoryStore();
    const worker = createWorker({
      store,
      workflows: [flow],
      clock: fixture.clock,
      ids: seededIds(1),
      genesys: () => fetch,
    });
    const run = await worker.enqueue('api-flow', { id: conversation.id });
    await runUntilIdle(fixture.clock, worker);
    await worker.stop();
    const done = (await store.getRun(run.id))!;
    expect(done).toMatchObject({
      status: 'completed',
      output: { read: 200, id: conversation.id, tag: 202, missing: 404 },
      failedSteps: ['missing'],
    });
    // The sleep replayed the run from the top: every api step came from the journal, none was sent again.
    expect(done.attempts).toBe(2);
    expect(seen).toEqual([
      { method: 'GET', path: `/api/v2/conversations/${conversation.id}`, key: null },
      { method: 'PUT', path: `/api/v2/conversations/${conversation.id}/tags`, key: `${run.id}:tag` },
      { method: 'GET', path: '/api/v2/users/no-such-user', key: null },
    ]);
    const steps = (await createHistory(store).getRun(run.id))!.steps;
    expect(steps.map((s) => [s.kind, s.name, s.path])).toEqual([
      ['api', `GET /api/v2/conversations/${conversation.id}`, 'success'],
      ['api', `PUT /api/v2/conversations/${conversation.id}/tags`, 'success'],
      ['api', 'GET /api/v2/users/no-such-user', 'failure'],
      ['sleep', 'pause', undefined],
    ]);
  });

  it('refuses a request that is not a Platform API call, and a worker without a client, with coded errors', async () => {
    const clock = new VirtualClock(T0);
    const codes: string[] = [];
    const flow = defineWorkflow({ name: 'bad-api' }, async ({ step }) => {
      for (const req of [
        { method: 'GET', path: 'https://example.com/api/v2/users' },
        { method: 'TRACE', path: '/api/v2/users' },
        { method: 'GET', path: '/api/v2/users me' },
      ]) {
        try {
          await step.api('x', req as never);
        } catch (e) {
          codes.push((e as { code: string }).code);
        }
      }
      try {
        await step.api('y', { method: 'GET', path: '/api/v2/users/me' });
      } catch (e) {
        codes.push((e as { code: string }).code);
      }
      return 'done';
    });
    const store = createMemoryStore();
    const worker = createWorker({ store, workflows: [flow], clock });
    const run = await worker.enqueue('bad-api', {});
    await runUntilIdle(clock, worker);
    await worker.stop();
    expect(codes).toEqual([
      'SB_WORKFLOW_API_REQUEST_INVALID',
      'SB_WORKFLOW_API_REQUEST_INVALID',
      'SB_WORKFLOW_API_REQUEST_INVALID',
      'SB_WORKFLOW_NO_GENESYS',
    ]);
    expect(await store.loadJournal(run.id)).toEqual([]);
  });
});

const PRESENCE = 'v2.users.{id}.presence';

async function logEvent(store: Store, topic: string, body: unknown, at: number, id: string): Promise<void> {
  await store.appendEvent({ id, topic, body, receivedAt: at });
}

describe('step.waitForEvent', () => {
  const waiter = defineWorkflow({ name: 'waiter' }, async ({ input, step }) => {
    const { userId } = input as { userId: string };
    const event = await step.waitForEvent('presence', { topic: PRESENCE, match: { userId }, timeout: '30m' });
    const after = await step.run('after', () => (event ? `saw ${event.id}` : 'timed out'));
    return { event: event, after };
  });

  it('resumes with the first matching event logged after the wait began, woken as it arrives', async () => {
    const clock = new VirtualClock(T0);
    const store = createMemoryStore();
    const worker = createWorker({ store, workflows: [waiter], clock, ids: seededIds(2) });
    // Before the wait began: not what the run waits for.
    await logEvent(store, 'v2.users.u-1.presence', { userId: 'u-1', presence: 'OLD' }, T0 - 1, 'old');
    const run = await worker.enqueue('waiter', { userId: 'u-1' });
    await worker.idle();
    expect(await store.getRun(run.id)).toMatchObject({ status: 'waiting', readyAt: T0 + 60_000 });
    await clock.advance(5_000);
    await logEvent(store, 'v2.users.u-2.presence', { userId: 'u-2' }, clock.now(), 'other-user');
    await logEvent(store, 'v2.detail.events.conversation.c.user.start', { userId: 'u-1' }, clock.now(), 'other-topic');
    await logEvent(store, 'v2.users.u-1.presence', { userId: 'u-1', presence: 'BUSY' }, clock.now(), 'hit');
    worker.notifyEvent('v2.users.u-1.presence');
    await worker.idle();
    await worker.stop();
    const done = (await store.getRun(run.id))!;
    expect(done).toMatchObject({
      status: 'completed',
      output: {
        event: {
          id: 'hit',
          topic: 'v2.users.u-1.presence',
          body: { userId: 'u-1', presence: 'BUSY' },
          receivedAt: T0 + 5000,
        },
        after: 'saw hit',
      },
    });
    // Resumed at the event, not at the next check.
    expect(done.completedAt).toBe(T0 + 5000);
    expect(done.failedSteps).toEqual([]);
  });

  it('finds an event that arrived while no wake-up came (a restart), at its next check; returns null at the timeout', async () => {
    const clock = new VirtualClock(T0);
    const store = createMemoryStore();
    const worker = createWorker({ store, workflows: [waiter], clock, ids: seededIds(3) });
    const found = await worker.enqueue('waiter', { userId: 'u-1' });
    const lonely = await worker.enqueue('waiter', { userId: 'nobody' });
    await worker.idle();
    await logEvent(store, 'v2.users.u-1.presence', { userId: 'u-1' }, T0 + 10_000, 'late');
    await runUntilIdle(clock, worker);
    await worker.stop();
    expect(await store.getRun(found.id)).toMatchObject({
      status: 'completed',
      completedAt: T0 + 60_000,
      output: { after: 'saw late' },
    });
    expect(await store.getRun(lonely.id)).toMatchObject({
      status: 'completed',
      completedAt: T0 + 30 * 60_000,
      output: { event: null, after: 'timed out' },
    });
    const steps = (await createHistory(store).getRun(lonely.id))!.steps;
    expect(steps[0]).toMatchObject({
      kind: 'event',
      name: PRESENCE,
      path: 'timed-out',
      output: null,
      input: { topic: PRESENCE, timeoutMs: 1_800_000, match: { userId: 'nobody' } },
    });
  });

  it('rejects a wait without a timeout or with a bad match, naming the field', async () => {
    const clock = new VirtualClock(T0);
    const fields: unknown[] = [];
    const flow = defineWorkflow({ name: 'bad-wait' }, async ({ step }) => {
      for (const options of [
        { topic: PRESENCE },
        { topic: '', timeout: '1m' },
        { topic: PRESENCE, timeout: '1m', match: 'x' },
        { topic: PRESENCE, timeout: 'soon' },
      ]) {
        try {
          await step.waitForEvent('w', options as never);
        } catch (e) {
          fields.push([(e as { code: string }).code, (e as { details: { field?: string } }).details.field]);
        }
      }
      return 'done';
    });
    const store = createMemoryStore();
    const worker = createWorker({ store, workflows: [flow], clock });
    await worker.enqueue('bad-wait', {});
    await runUntilIdle(clock, worker);
    await worker.stop();
    expect(fields).toEqual([
      ['SB_WORKFLOW_WAIT_INVALID', 'timeout'],
      ['SB_WORKFLOW_WAIT_INVALID', 'topic'],
      ['SB_WORKFLOW_WAIT_INVALID', 'match'],
      ['SB_WORKFLOW_DURATION_INVALID', undefined],
    ]);
  });
});

describe('step.child', () => {
  let childBodies = 0;
  const double = defineWorkflow({ name: 'double' }, async ({ input, step }) => {
    childBodies++;
    await step.sleep('think', '10m');
    const n = (input as { n: number }).n;
    if (n < 0) throw new Error(`cannot double ${n}`);
    return step.run('double', () => n * 2);
  });
  const parent = defineWorkflow({ name: 'parent' }, async ({ input, step }) => {
    const { n } = input as { n: number };
    const doubled = await step.child(double, { n });
    let failed: string | undefined;
    try {
      await step.child(double as WorkflowDefinition<{ n: number }, number>, { n: -n }, { id: 'negative' });
    } catch (e) {
      failed = `${(e as { code: string }).code} ${(e as Error).message}`;
    }
    return { doubled, failed };
  });

  it('starts the child once, waits for its result durably, and turns a failed child into a coded error the parent can catch', async () => {
    childBodies = 0;
    const clock = new VirtualClock(T0);
    const store = createMemoryStore();
    const worker = createWorker({ store, workflows: [parent, double], clock, ids: seededIds(4) });
    const run = await worker.enqueue('parent', { n: 21 });
    await runUntilIdle(clock, worker);
    await worker.stop();
    const done = (await store.getRun(run.id))!;
    expect(done.status).toBe('completed');
    expect(done.output).toMatchObject({
      doubled: 42,
      failed: expect.stringMatching(
        /^SB_WORKFLOW_CHILD_FAILED child workflow "double" \(run .+\) failed: .*cannot double -21/,
      ),
    });
    // Woken by each child's end (10 minutes each), not by a later check.
    expect(done.completedAt).toBe(T0 + 20 * 60_000);
    expect(done.failedSteps).toEqual(['negative']);
    const children = (await store.listRuns({ flow: 'double' })).sort((a, b) => a.createdAt - b.createdAt);
    expect(children.map((c) => [c.status, c.idempotencyKey])).toEqual([
      ['completed', `child:${run.id}:double`],
      ['failed', `child:${run.id}:negative`],
    ]);
    // Each child ran its body twice (before and after its sleep), never more: replays of the parent did not start it again.
    expect(childBodies).toBe(4);
    const steps = (await createHistory(store).getRun(run.id))!.steps;
    expect(steps.map((s) => [s.kind, s.stepId, s.path, s.status])).toEqual([
      ['child', 'double', 'completed', 'ok'],
      ['child', 'negative', 'failed', 'error'],
    ]);
    expect(steps[0]!.input).toEqual({ workflow: 'double', input: { n: 21 }, childRunId: children[0]!.id });
  });

  it('refuses a child the worker does not run', async () => {
    const clock = new VirtualClock(T0);
    const flow = defineWorkflow({ name: 'orphan' }, async ({ step }) => {
      try {
        return await step.child('nowhere', {});
      } catch (e) {
        return (e as { code: string }).code;
      }
    });
    const store = createMemoryStore();
    const worker = createWorker({ store, workflows: [flow], clock });
    const run = await worker.enqueue('orphan', {});
    await runUntilIdle(clock, worker);
    await worker.stop();
    expect((await store.getRun(run.id))!.output).toBe('SB_WORKFLOW_UNKNOWN');
  });
});
