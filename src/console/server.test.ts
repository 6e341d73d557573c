// The console's JSON API in process (Hono app.request): its own routes, the runtime API through
// it, the simulator proxy, one error shape everywhere, the static assets and the live stream.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../emulator/index.ts';
import { embeddedEmulatorLink } from './emulator-link.ts';
import { startHarness } from './harness.test-support.ts';
import type { Harness } from './harness.test-support.ts';
import { createConsoleApp } from './server.ts';
import type { ConsoleApp } from './server.ts';
import type { ConsoleInfo } from './wire.ts';

type Json = Record<string, unknown>;

let h: Harness;
let web: ConsoleApp;
let assets: string;

const json = async (path: string, init?: RequestInit): Promise<{ status: number; body: Json }> => {
  const res = await web.app.request(path, init);
  return { status: res.status, body: (await res.json()) as Json };
};
const post = (path: string, body: unknown): Promise<{ status: number; body: Json }> =>
  json(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** A user.start detail event of a conversation, as the Notifications API sends it. */
const userStart = (conversationId: string, extra: Json = {}): Json => ({
  topicName: `v2.detail.events.conversation.${conversationId}.user.start`,
  eventBody: { conversationId, mediaType: 'VOICE', direction: 'OUTBOUND', userId: DEMO.users.bob, ...extra },
  metadata: { CorrelationId: `corr-${conversationId}` },
});

beforeAll(async () => {
  h = await startHarness();
  assets = mkdtempSync(join(tmpdir(), 'console-assets-'));
  web = createConsoleApp({
    runtime: h.runtime,
    emulator: embeddedEmulatorLink(h.emulator),
    assetsDir: assets,
    secrets: h.secrets,
  });
});

afterAll(async () => {
  await h.close();
  rmSync(assets, { recursive: true, force: true });
});

describe('console API', () => {
  it('GET /api/info names the emulator mode, its users and queues, and the loaded flows', async () => {
    const { status, body } = await json('/api/info');
    expect(status).toBe(200);
    const info = body as unknown as ConsoleInfo;
    expect(info.mode).toBe('emulator');
    expect(info.simulator).toBe(true);
    expect(info.users.map((u) => u.name)).toEqual(['Alice Anders', 'Bob Brandt', 'Carol Chen', 'Dave Duarte']);
    expect(info.queues).toEqual([
      { id: DEMO.queues.sales, name: 'Sales' },
      { id: DEMO.queues.support, name: 'Support' },
    ]);
    expect(info.flows).toEqual(['Terminate Outbound Call Missing Queue']);
    expect(info.bundles).toEqual(['terminate-no-queue']);
  });

  it('serves the runtime API under /api/ (triggers, trigger test)', async () => {
    const triggers = await json('/api/triggers');
    expect(triggers.status).toBe(200);
    const [t] = triggers.body.entities as { id: string; topicName: string }[];
    expect(t?.topicName).toBe('v2.detail.events.conversation.{id}.user.start');
    const test = await post(
      `/api/triggers/${encodeURIComponent(t!.id)}/test`,
      userStart('0b5e7a10-0000-4000-8000-000000000001'),
    );
    expect(test.status).toBe(200);
    expect((test.body.trace as { matches: boolean }).matches).toBe(true);
    const withQueue = await post(
      `/api/triggers/${encodeURIComponent(t!.id)}/test`,
      userStart('0b5e7a10-0000-4000-8000-000000000002', { queueId: DEMO.queues.sales }),
    );
    expect((withQueue.body.trace as { matches: boolean }).matches).toBe(false);
  });

  it('GET /api/events/recent answers newest first and filters by conversation and topic', async () => {
    const ids = [
      'e1e1e1e1-0000-4000-8000-000000000001',
      'e2e2e2e2-0000-4000-8000-000000000002',
      'e3e3e3e3-0000-4000-8000-000000000003',
    ];
    for (const id of ids)
      expect((await h.runtime.ingest(userStart(id, { queueId: DEMO.queues.sales }), 'test')).accepted).toBe(true);
    const all = await json('/api/events/recent?limit=3');
    expect(all.status).toBe(200);
    expect((all.body.entities as { body: { conversationId: string } }[]).map((e) => e.body.conversationId)).toEqual(
      [...ids].reverse(),
    );
    const one = await json('/api/events/recent?conversationId=e2e2e2e2');
    expect((one.body.entities as { body: { conversationId: string } }[]).map((e) => e.body.conversationId)).toEqual([
      ids[1],
    ]);
    const none = await json('/api/events/recent?topic=acd.start');
    expect(none.body.entities).toEqual([]);
  });

  it('GET /api/events/recent reads the newest of a busy log, however far back the filtered events are', async () => {
    const busy = 'b0b0b0b0-0000-4000-8000-00000000000';
    const rare = 'fade0000-0000-4000-8000-000000000001';
    expect((await h.runtime.ingest(userStart(rare, { queueId: DEMO.queues.sales }), 'test')).accepted).toBe(true);
    // 1,200 newer events on another conversation: more than a page of the log, all in the same second.
    for (let i = 0; i < 1200; i++) {
      const id = `${busy}${i % 10}`;
      await h.runtime.ingest(
        { ...userStart(id, { queueId: DEMO.queues.sales }), metadata: { CorrelationId: `busy-${i}` } },
        'test',
      );
    }
    type Entity = { seq: number; id: string; body: { conversationId: string } };
    const newest = (await json('/api/events/recent?limit=3')).body.entities as Entity[];
    expect(newest.map((e) => e.id)).toEqual(['busy-1199', 'busy-1198', 'busy-1197']);
    const [latest] = await h.runtime.events({ order: 'desc', limit: 1 });
    expect(newest[0]?.seq).toBe(latest?.seq);
    // The rare conversation's event is older than 1,200 others: found by its id and by its beginning.
    for (const q of [rare, rare.slice(0, 8)]) {
      const found = (await json(`/api/events/recent?conversationId=${q}`)).body.entities as Entity[];
      expect(found.map((e) => e.body.conversationId)).toEqual([rare]);
    }
    const byText = (await json(`/api/events/recent?limit=2&topic=${busy}3`)).body.entities as Entity[];
    expect(byText.map((e) => e.id)).toEqual(['busy-1193', 'busy-1183']);
  });

  it('proxies the call simulator: a no-queue call is placed, listed, and reaches the runtime as an event', async () => {
    const placed = await post('/api/simulator/calls', {
      fromUserId: DEMO.users.alice,
      to: { phoneNumber: '+13175550100' },
    });
    expect(placed.status).toBe(201);
    const id = placed.body.id as string;
    const listed = await json('/api/simulator/conversations');
    expect((listed.body.entities as { id: string }[]).some((c) => c.id === id)).toBe(true);
    await h.runtime.idle();
    const events = await json(`/api/events/recent?conversationId=${id}`);
    const entities = events.body.entities as {
      seq: number;
      topic: string;
      listened: boolean;
      note?: string;
      decisions: { matches: boolean; runId?: string }[];
    }[];
    const decisions = entities.find((e) => e.topic.endsWith('.user.start'))?.decisions;
    expect(decisions?.[0]?.matches).toBe(true);
    // The call's customer.start reaches the stream too, though no trigger listens to it.
    expect(entities.find((e) => e.topic.endsWith('.customer.start'))).toMatchObject({
      listened: false,
      note: 'no trigger listens to this topic',
      decisions: [],
    });
    expect(entities.map((e) => e.seq)).toEqual(entities.map((e) => e.seq).sort((a, b) => b - a));
    const customerStarts = (await json(`/api/events/recent?topic=customer.start&conversationId=${id}`)).body
      .entities as { topic: string }[];
    expect(customerStarts.map((e) => e.topic)).toEqual([`v2.detail.events.conversation.${id}.customer.start`]);
    const run = await json(`/api/runs/${decisions![0]!.runId!}`);
    expect(run.body.status).toBe('completed');
  });

  it('only forwards the simulator routes, never the rest of the emulator control API', async () => {
    const before = (await json('/api/simulator/conversations')).body.entities as unknown[];
    const reset = await post('/api/simulator/../state/reset', {});
    expect(reset.status).toBe(404);
    const other = await post('/api/simulator/state/reset', {});
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('SB_CONSOLE_NOT_FOUND');
    expect((await json('/api/simulator/conversations')).body.entities).toHaveLength(before.length);
  });

  it('without an emulator, the simulator routes say so', async () => {
    const orgOnly = createConsoleApp({ runtime: h.runtime, assetsDir: assets });
    const res = await orgOnly.app.request('/api/simulator/conversations');
    expect(res.status).toBe(404);
    expect(((await res.json()) as Json).code).toBe('SB_CONSOLE_NO_SIMULATOR');
    const info = (await (await orgOnly.app.request('/api/info')).json()) as ConsoleInfo;
    expect(info).toMatchObject({ mode: 'org', simulator: false, users: [], queues: [] });
  });

  it('answers every error with the one shape {message, code, status, contextId, details, hint}', async () => {
    const failures = await Promise.all([
      json('/api/runs?limit=abc'),
      json('/api/events/recent?limit=0'),
      json('/api/no-such-route'),
      json('/api/runs/no-such-run'),
      post('/api/simulator/calls', { fromUserId: DEMO.users.alice }),
      post('/api/simulator/calls', '{not json'),
      post('/api/outbound/calls', { to: 42 }),
      json('/nowhere'),
    ]);
    expect(failures.map((f) => f.status)).toEqual([400, 400, 404, 404, 400, 400, 400, 404]);
    for (const f of failures) {
      expect(typeof f.body.message).toBe('string');
      expect(typeof f.body.code).toBe('string');
      expect(f.body.status).toBe(f.status);
      expect(typeof f.body.contextId).toBe('string');
      expect(Array.isArray(f.body.details)).toBe(true);
    }
    expect(failures[1].body.message).toContain('limit');
    expect(failures[6].body.code).toBe('SB_OUTBOUND_BAD_REQUEST');
  });

  it('answers 405 with an Allow header and the coded error for a known path called with another method', async () => {
    const cases: [string, string, string, string][] = [
      ['POST', '/api/info', 'GET, HEAD', 'SB_CONSOLE_METHOD_NOT_ALLOWED'],
      ['DELETE', '/api/simulator/calls', 'GET, HEAD, POST, PATCH', 'SB_CONSOLE_METHOD_NOT_ALLOWED'],
      ['GET', '/events', 'POST', 'SB_RUNTIME_METHOD_NOT_ALLOWED'],
      ['PUT', '/api/runs', 'GET, HEAD', 'SB_RUNTIME_METHOD_NOT_ALLOWED'],
    ];
    for (const [method, path, allow, code] of cases) {
      const res = await web.app.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('Allow')).toBe(allow);
      const body = (await res.json()) as Json;
      expect(body).toMatchObject({
        code,
        status: 405,
        message: expect.stringContaining(`${method} is not allowed on ${path}`),
      });
      expect(body.contextId).toBe(res.headers.get('ININ-Correlation-Id'));
    }
    expect((await web.app.request('/api/no-such-route', { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses a request body over the limit with 413 naming the limit, and takes one within it', async () => {
    const small = createConsoleApp({ runtime: h.runtime, assetsDir: assets, maxBodyBytes: 2048 });
    const big = JSON.stringify([userStart('0b5e7a10-0000-4000-8000-00000000aaaa', { pad: 'x'.repeat(4096) })]);
    const res = await small.app.request('/events', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: big,
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as Json;
    expect(body).toMatchObject({
      code: 'SB_CONSOLE_BODY_TOO_LARGE',
      status: 413,
      message: expect.stringContaining('at most 2 KiB (2048 bytes)'),
    });
    expect(body.hint).toContain('maxBodyBytes');
    const ok = await small.app.request('/events', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(userStart('0b5e7a10-0000-4000-8000-00000000bbbb', { queueId: DEMO.queues.sales })),
    });
    expect(ok.status).toBe(202);
    expect(() => createConsoleApp({ runtime: h.runtime, maxBodyBytes: 0 })).toThrow(
      expect.objectContaining({ code: 'SB_CONSOLE_CONFIG' }),
    );
  });

  it('places an outbound call through /api/outbound/calls', async () => {
    const r = await post('/api/outbound/calls', {
      from: 'carol@example.com',
      to: '(317) 555-0100',
      defaultRegion: 'US',
      queueId: DEMO.queues.sales,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.e164).toBe('+13175550100');
    expect(r.body.userId).toBe(DEMO.users.carol);
  });

  it('streams live updates over server-sent events at /api/stream', async () => {
    const abort = new AbortController();
    const res = await web.app.request('/api/stream', { signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const id = 'f00df00d-0000-4000-8000-000000000001';
    await h.runtime.ingest(userStart(id, { queueId: DEMO.queues.sales }), 'test');
    while (!text.includes(id)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    abort.abort();
    await reader.cancel();
    expect(text).toContain('event: event');
    const line = text.split('\n').find((l) => l.startsWith('data:') && l.includes(id))!;
    const update = JSON.parse(line.slice(5)) as { type: string; event: { topic: string } };
    expect(update.type).toBe('event');
    expect(update.event.topic).toBe(`v2.detail.events.conversation.${id}.user.start`);
  });
});

describe('console static assets', () => {
  it('says how to build the UI when it was never built, and the API still works', async () => {
    const res = await web.app.request('/');
    expect(res.status).toBe(503);
    expect(res.headers.get('Content-Type')).toContain('text/html');
    expect(await res.text()).toContain('npm run build:console');
    expect((await web.app.request('/api/triggers')).status).toBe(200);
  });

  it('serves the built page and hashed assets with their types, and nothing outside the folder', async () => {
    mkdirSync(join(assets, 'assets'), { recursive: true });
    writeFileSync(join(assets, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(assets, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(assets, 'assets', 'index-abc123.css'), 'body{}');
    const page = await web.app.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('Cache-Control')).toBe('no-cache');
    expect(page.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<title>console</title>');
    const js = await web.app.request('/assets/index-abc123.js');
    expect(js.headers.get('Content-Type')).toContain('text/javascript');
    expect(js.headers.get('Cache-Control')).toContain('immutable');
    expect((await web.app.request('/assets/index-abc123.css')).headers.get('Content-Type')).toContain('text/css');
    expect((await web.app.request('/assets/missing.js')).status).toBe(404);
    expect((await web.app.request('/assets/..%2F..%2Fpackage.json')).status).toBe(404);
    // A malformed escape names no file (not a server error); escapes still reach the file they name.
    expect((await web.app.request('/assets/%E0%A4%A')).status).toBe(404);
    writeFileSync(join(assets, 'assets', 'a b.js'), 'spaced');
    writeFileSync(join(assets, 'assets', 'a%20b.js'), 'percent');
    expect(await (await web.app.request('/assets/a%20b.js')).text()).toBe('spaced');
    expect(await (await web.app.request('/assets/a%2520b.js')).text()).toBe('percent');
  });
});
