// POST /events takes an event only once it is written: a run that could not be written, or a
// stopping runtime, answers 503 with Retry-After (the sender sends it again, and the redelivery
// starts nothing twice); GET /api/health says degraded with the reason.
import { describe, expect, it } from 'vitest';
import { SystemClock } from '../core/index.ts';
import type { NotificationEvent } from '../core/index.ts';
import { createEmulator } from '../emulator/index.ts';
import { createMemoryStore } from '../store/index.ts';
import type { Store } from '../store/index.ts';
import { defineTrigger } from '../triggers/index.ts';
import { defineWorkflow } from '../workflows/index.ts';
import { runtimeApi } from './http-api.ts';
import { createRuntime } from './create-runtime.ts';

const noted = defineWorkflow({ name: 'noted' }, async ({ input, step }) =>
  step.run('note', () => (input as { conversationId: string }).conversationId),
);
const trigger = defineTrigger({
  id: 'user-start',
  name: 'User start',
  enabled: true,
  topicName: 'v2.detail.events.conversation.{id}.user.start',
  target: { id: 'noted', type: 'Workflow' },
  matchCriteria: [{ jsonPath: 'mediaType', operator: 'Equal', value: 'VOICE' }],
});

const event = (id: string): NotificationEvent => ({
  topicName: 'v2.detail.events.conversation.6a1e0000-0000-4000-8000-000000000001.user.start',
  version: '2',
  eventBody: { conversationId: '6a1e0000-0000-4000-8000-000000000001', mediaType: 'VOICE' },
  metadata: { CorrelationId: id },
});

/** A memory store whose next `failures` run creations fail, as a full disk or a lost database would. */
function failingStore(failures: number): Store {
  const inner = createMemoryStore();
  let left = failures;
  return new Proxy(inner, {
    get(target, key, receiver) {
      if (key === 'createRun') {
        return (...args: Parameters<Store['createRun']>) => {
          if (left > 0) {
            left--;
            return Promise.reject(new Error('disk I/O error'));
          }
          return target.createRun(...args);
        };
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

async function push(
  app: ReturnType<typeof runtimeApi>,
  body: unknown,
): Promise<{ status: number; retryAfter: string | null; body: Record<string, unknown> }> {
  const res = await app.request('/events', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('Retry-After'),
    body: (await res.json()) as Record<string, unknown>,
  };
}

describe('POST /events: 202 only once written', () => {
  it('answers 503 with Retry-After when a run cannot be written; the redelivery writes it, once', async () => {
    const clock = new SystemClock();
    const emulator = createEmulator({ clock });
    const runtime = await createRuntime({
      target: { kind: 'emulator', emulator },
      eventSource: 'push',
      bundles: [],
      workflows: [noted],
      codeTriggers: [{ trigger, workflow: 'noted' }],
      clock,
      store: failingStore(1),
    });
    await runtime.start();
    try {
      const app = runtimeApi(runtime);
      const first = await push(app, event('e-1'));
      expect(first.status).toBe(503);
      expect(first.retryAfter).toBe('1');
      expect(first.body).toMatchObject({
        code: 'SB_RUNTIME_INTAKE_UNAVAILABLE',
        message: expect.stringContaining('a run could not be written (disk I/O error)'),
      });
      expect(await runtime.store.listRuns({})).toHaveLength(0);
      const again = await push(app, event('e-1'));
      expect(again.status).toBe(202);
      const third = await push(app, event('e-1'));
      expect(third.status).toBe(202);
      await runtime.idle();
      const runs = await runtime.store.listRuns({});
      expect(runs).toHaveLength(1);
      expect(runs[0]!.idempotencyKey).toBe('e-1:user-start');
    } finally {
      await runtime.stop();
      await emulator.close();
    }
  });

  it('a stopped runtime answers 503 (send again later), not 400, and health says it is stopped', async () => {
    const emulator = createEmulator();
    const runtime = await createRuntime({
      target: { kind: 'emulator', emulator },
      eventSource: 'push',
      bundles: [],
      workflows: [noted],
      codeTriggers: [{ trigger, workflow: 'noted' }],
    });
    await runtime.start();
    const app = runtimeApi(runtime);
    const ok = (await (await app.request('/api/health')).json()) as Record<string, unknown>;
    expect(ok).toMatchObject({
      status: 'ok',
      eventSource: 'push',
      source: { status: 'ok', detail: { endpoint: 'POST /events' } },
    });
    await runtime.stop();
    await emulator.close();
    const res = await push(app, event('e-2'));
    expect(res.status).toBe(503);
    expect(res.retryAfter).toBe('1');
    expect(res.body).toMatchObject({
      code: 'SB_RUNTIME_INTAKE_UNAVAILABLE',
      message: expect.stringContaining('the runtime is stopping'),
    });
    const health = (await (await app.request('/api/health')).json()) as Record<string, unknown>;
    expect(health).toMatchObject({
      status: 'degraded',
      source: { status: 'degraded', reason: 'the runtime is stopped' },
    });
  });
});
