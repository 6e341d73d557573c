// The event source contract, run against each source (bus, websocket, push): an event the
// emulator publishes reaches the runtime once and starts one run; health is ok while the source
// delivers, degraded with a reason while it cannot (websocket, push: the emulator's port closed),
// ok again once it recovers by itself; after stop nothing more arrives.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { SystemClock } from '../core/index.ts';
import type { NotificationEvent } from '../core/index.ts';
import { createEmulator } from '../emulator/index.ts';
import type { Emulator, ListeningEmulator } from '../emulator/index.ts';
import { defineTrigger } from '../triggers/index.ts';
import { defineWorkflow } from '../workflows/index.ts';
import { runtimeApi } from './http-api.ts';
import { createRuntime } from './create-runtime.ts';
import type { EventSourceKind, Runtime } from './types.ts';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

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

let n = 0;
function userStart(): NotificationEvent {
  n++;
  const conversationId = `5e1f0000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    topicName: `v2.detail.events.conversation.${conversationId}.user.start`,
    version: '2',
    eventBody: { conversationId, mediaType: 'VOICE', eventTime: Date.now() },
    metadata: { CorrelationId: `contract-${n}-${Date.now()}` },
  };
}

async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Rig {
  readonly emulator: Emulator;
  readonly runtime: Runtime;
  /** Stop the emulator's port (websocket, push); undefined for the bus, which has none. */
  readonly down?: () => Promise<void>;
  readonly up?: () => Promise<void>;
}

async function rig(kind: EventSourceKind): Promise<Rig> {
  const clock = new SystemClock();
  const emulator = createEmulator({
    clock,
    rateLimitPerMinute: 0,
    apiDestinations: { backoff: { baseMs: 50, maxMs: 200 } },
  });
  cleanups.push(() => emulator.close());
  const options = {
    bundles: [],
    workflows: [noted],
    codeTriggers: [{ trigger, workflow: 'noted' }],
    clock,
    invocationLimits: { perMinute: 0, perHour: 0 },
  };
  if (kind === 'bus') {
    const runtime = await createRuntime({ ...options, target: { kind: 'emulator', emulator } });
    await runtime.start();
    cleanups.push(() => runtime.stop({ graceMs: 1_000 }));
    return { emulator, runtime };
  }
  let listening: ListeningEmulator = await emulator.listen(0);
  const port = listening.port;
  const runtime = await createRuntime({
    ...options,
    target: { kind: 'emulator-url', url: listening.url },
    eventSource: kind,
  });
  cleanups.push(() => runtime.stop({ graceMs: 1_000 }));
  if (kind === 'push') {
    const api = createAdaptorServer({ fetch: runtimeApi(runtime).fetch }) as Server;
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          api.close(() => resolve());
          api.closeAllConnections();
        }),
    );
    await runtime.start({
      eventDestination: { url: `http://127.0.0.1:${(api.address() as AddressInfo).port}/events`, checkMs: 100 },
    });
  } else {
    await runtime.start();
  }
  return {
    emulator,
    runtime,
    down: () => listening.close(),
    up: async () => {
      listening = await emulator.listen(port);
    },
  };
}

const runsOf = async (runtime: Runtime, conversationId: string): Promise<number> =>
  (await runtime.store.listRuns({ flow: 'noted', limit: 1_000 })).filter(
    (r) => (r.input as { conversationId?: string }).conversationId === conversationId,
  ).length;

describe.each(['bus', 'websocket', 'push'] as const)('event source contract: %s', (kind) => {
  it('delivers a published event once, starting one run; reports ok', async () => {
    const { emulator, runtime } = await rig(kind);
    expect(runtime.health()).toMatchObject({ status: 'ok', eventSource: kind, source: { status: 'ok' } });
    const e = userStart();
    emulator.services.events.publish(emulator.orgId, e);
    const id = e.eventBody.conversationId as string;
    await until('the run', async () => (await runsOf(runtime, id)) === 1);
    await until('the event logged', async () => (await runtime.events({ conversationId: id })).length >= 1);
    const logged = await runtime.events({ conversationId: id });
    expect(logged.map((l) => l.id)).toEqual([e.metadata.CorrelationId]);
    expect(logged[0]!.source).toBe(kind === 'bus' ? 'bus' : kind === 'websocket' ? 'websocket' : 'push');
    await new Promise((r) => setTimeout(r, 200));
    expect(await runsOf(runtime, id)).toBe(1);
  });

  it('after stop, nothing more arrives and health says so', async () => {
    const { emulator, runtime } = await rig(kind);
    await runtime.stop({ graceMs: 1_000 });
    expect(runtime.health()).toMatchObject({ status: 'degraded', source: { reason: 'the runtime is stopped' } });
    const e = userStart();
    emulator.services.events.publish(emulator.orgId, e);
    await new Promise((r) => setTimeout(r, 300));
    expect(runtime.stats().eventsReceived).toBe(0);
  });
});

describe.each(['websocket', 'push'] as const)('event source contract, a source in another process: %s', (kind) => {
  it('degraded with the reason while the emulator is unreachable, ok again once it is back, by itself', async () => {
    const r = await rig(kind);
    expect(r.runtime.health().status).toBe('ok');
    await r.down!();
    await until('degraded', () => r.runtime.health().status === 'degraded');
    const h = r.runtime.health();
    expect(h.source.reason).toMatch(
      kind === 'push' ? /the emulator at http:\/\/127\.0\.0\.1:\d+ is unreachable/ : /websocket is disconnected/,
    );
    expect(Date.parse(h.source.since)).toBeGreaterThan(0);
    if (kind === 'push') {
      // What the emulator publishes meanwhile is queued for the runtime and delivered afterwards.
      const e = userStart();
      r.emulator.services.events.publish(r.emulator.orgId, e);
      await r.up!();
      await until('ok again', () => r.runtime.health().status === 'ok');
      await until(
        'the queued event delivered',
        async () => (await runsOf(r.runtime, e.eventBody.conversationId as string)) === 1,
      );
    } else {
      await r.up!();
      await until('ok again', () => r.runtime.health().status === 'ok', 15_000);
      const e = userStart();
      r.emulator.services.events.publish(r.emulator.orgId, e);
      await until(
        'an event after the reconnection',
        async () => (await runsOf(r.runtime, e.eventBody.conversationId as string)) === 1,
      );
    }
  });
});
