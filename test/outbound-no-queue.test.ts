// Two solutions together, as in a real org: a call placed through the outbound path without a queue
// starts a user.start detail event with no queueId; the published terminate-no-queue bundle (the
// exported artifacts unchanged, a test fixture) matches it, disconnects the call and tags it
// "No Queue". The same call placed on behalf of a queue is left alone. The runtime's HTTP API
// (with the outbound sub-app) is served on a real port.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, createEmulator } from '../src/emulator/index.ts';
import type { Emulator } from '../src/emulator/index.ts';
import { createRuntime, runtimeApi } from '../src/runtime/index.ts';
import type { Runtime } from '../src/runtime/index.ts';
import { loadPublishedBundle } from './support/published-bundles.ts';

type Json = Record<string, unknown>;

let emu: Emulator;
let runtime: Runtime;
let server: Server;
let url: string;

async function postCall(body: Json): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${url}/outbound/calls`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Json };
}

async function conversation(id: string): Promise<Json> {
  const res = await emu.fetch(`/api/v2/conversations/${id}`, {
    headers: { Authorization: `Bearer ${emu.adminToken()}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  emu = createEmulator({ seed: 'demo', statePath: ':memory:' });
  runtime = await createRuntime({
    target: { kind: 'emulator', emulator: emu },
    bundles: [loadPublishedBundle('terminate-no-queue')],
  });
  await runtime.start();
  server = createAdaptorServer({ fetch: runtimeApi(runtime).fetch, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await runtime.stop();
  await emu.close();
});

describe('outbound call × seed 1 (terminate calls with no queue)', () => {
  it('a call placed without a queue is disconnected and tagged "No Queue" by the seed workflow', async () => {
    // +1 317 555 0100 answers and never hangs up: only the seed solution can end this call.
    const r = await postCall({ from: 'bob@example.com', to: '(317) 555-0100', defaultRegion: 'US', wait: true });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json.state).toBe('disconnected');
    // The workflow's Disconnect Voice Call data action ends it: a system disconnect.
    expect((r.json.steps as Json[]).at(-1)).toMatchObject({ state: 'disconnected', disconnectType: 'system' });
    const id = r.json.conversationId as string;
    const conv = await until('the "No Queue" tag', async () => {
      const c = await conversation(id);
      return c.externalTag === 'No Queue' ? c : undefined;
    });
    const participants = conv.participants as Json[];
    expect(participants.every((p) => typeof p.endTime === 'string')).toBe(true);
    await runtime.idle();
    const runs = await runtime.runs();
    expect(runs.filter((run) => run.status === 'completed')).toHaveLength(1);
  });

  it('the same call on behalf of a queue is left alone', async () => {
    const r = await postCall({ from: 'carol@example.com', to: '+1 317 555 0100', queueId: DEMO.queues.sales });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    const id = r.json.conversationId as string;
    await until('the far end to answer', async () => {
      const c = await conversation(id);
      return (c.participants as Json[]).some((p) => p.purpose === 'external' && typeof p.connectedTime === 'string')
        ? true
        : undefined;
    });
    await runtime.idle();
    const c = await conversation(id);
    expect(c.externalTag).toBeUndefined();
    expect((c.participants as Json[]).some((p) => p.endTime === undefined)).toBe(true);
    expect(await runtime.runs()).toHaveLength(1);
  });
});
