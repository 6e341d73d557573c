// The runtime's JSON API: its routes and error shape, over the runtime in process.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../emulator/index.ts';
import { runtimeApi } from './http-api.ts';
import type { Body } from './runtime.test-util.ts';
import { runCleanup, setup, sim, tagOf, terminate, userStart } from './runtime.test-util.ts';

afterEach(runCleanup);

describe('runtimeApi', () => {
  async function call(
    app: ReturnType<typeof runtimeApi>,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Body; headers: Headers }> {
    const res = await app.fetch(
      new Request(`http://runtime.local${path}`, {
        method,
        ...(body === undefined
          ? {}
          : {
              body: typeof body === 'string' ? body : JSON.stringify(body),
              headers: { 'Content-Type': 'application/json' },
            }),
      }),
    );
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  it('answers runs, a run with its steps, events, triggers and trigger tests', async () => {
    const { runtime, emulator } = await setup([terminate()]);
    const app = runtimeApi(runtime);
    const placed = await sim(emulator, '/calls', { fromUserId: DEMO.users.bob, to: { phoneNumber: '+13175550100' } });
    await runtime.idle();
    const runs = await call(app, 'GET', '/api/runs?status=completed&limit=10');
    expect(runs.status).toBe(200);
    expect(runs.body.entities).toHaveLength(1);
    const runId = runs.body.entities[0].id;
    const { eventId } = (await call(app, 'GET', `/api/runs/${runId}`)).body;
    for (const q of [runId, placed.id, eventId]) {
      expect(
        (await call(app, 'GET', `/api/runs?search=${encodeURIComponent(q)}`)).body.entities.map((r: Body) => r.id),
      ).toEqual([runId]);
    }
    expect((await call(app, 'GET', '/api/runs?search=not-a-known-id')).body.entities).toEqual([]);
    const detail = await call(app, 'GET', `/api/runs/${runs.body.entities[0].id}`);
    expect(detail.body.steps.map((s: Body) => [s.name, s.path, s.trace.request.method])).toEqual([
      ['Disconnect Voice Call', 'success', 'POST'],
      ['Put Conversation Tag', 'success', 'PUT'],
    ]);
    const events = await call(app, 'GET', '/api/events?limit=50');
    expect(events.body.entities.find((e: Body) => e.topic.endsWith('.user.start')).decisions[0].runId).toBe(
      runs.body.entities[0].id,
    );
    const triggers = await call(app, 'GET', '/api/triggers');
    expect(triggers.body.entities.map((t: Body) => t.workflow)).toEqual(['Terminate Outbound Call Missing Queue']);
    const test = await call(
      app,
      'POST',
      `/api/triggers/${triggers.body.entities[0].id}/test`,
      userStart('2f7bf00a-0fc2-4d6a-9b56-92238191433e', 'c', { queueId: DEMO.queues.support }),
    );
    expect(test.body.trace.matches).toBe(false);
    expect(test.body.trace.criteria[0]).toMatchObject({ jsonPath: 'queueId', operator: 'Exists', match: false });
    expect((await call(app, 'GET', '/api/bundles')).body.entities[0].integrations[0].credentials).toBe(
      'emulator client with 2 permissions',
    );
  });

  it('answers every failure with one Genesys-style body', async () => {
    const { runtime } = await setup([terminate()]);
    const app = runtimeApi(runtime);
    const bad = await call(app, 'GET', '/api/runs?status=finished');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      code: 'SB_RUNTIME_BAD_REQUEST',
      status: 400,
      message: expect.stringContaining('status must be one of'),
      details: [{ fieldName: 'status' }],
    });
    expect(bad.body.contextId).toBe(bad.headers.get('ININ-Correlation-Id'));
    expect((await call(app, 'GET', '/api/runs/nope')).body).toMatchObject({
      code: 'SB_RUNTIME_NOT_FOUND',
      status: 404,
    });
    expect((await call(app, 'GET', '/api/nowhere')).body).toMatchObject({ code: 'SB_RUNTIME_NOT_FOUND', status: 404 });
    expect((await call(app, 'POST', '/events', { hello: 1 })).body).toMatchObject({
      code: 'SB_RUNTIME_EVENT_INVALID',
      status: 400,
    });
    expect((await call(app, 'POST', '/outbound/calls', { from: DEMO.users.bob })).body).toMatchObject({
      code: 'SB_OUTBOUND_BAD_REQUEST',
      status: 400,
    });
  });

  it('says what is wrong with a pushed body in plain words, with a hint about the body (not a query)', async () => {
    const { runtime } = await setup([terminate()]);
    const app = runtimeApi(runtime);
    const notJson = await call(app, 'POST', '/events', '{not json');
    expect(notJson.body).toMatchObject({
      code: 'SB_RUNTIME_EVENT_INVALID',
      status: 400,
      details: [{ fieldName: 'body' }],
    });
    const missing = await call(app, 'POST', '/events', {});
    const empty = await call(app, 'POST', '/events', '');
    for (const r of [notJson, missing, empty]) {
      expect(r.body.message).not.toMatch(/\ba undefined\b|\ba object\b|\ba array\b/);
      expect(r.body.hint).toMatch(/body/);
      expect(r.body.hint).not.toMatch(/query/i);
    }
    expect(missing.body.message).toContain('an event needs a topicName string; it has none');
    const badTrigger = await call(app, 'POST', '/api/triggers/test', { trigger: 'nope', event: {}, extra: 1 });
    expect(badTrigger.body).toMatchObject({ code: 'SB_RUNTIME_BAD_BODY', status: 400 });
    expect(badTrigger.body.hint).not.toMatch(/query/i);
  });

  it('answers 405 with an Allow header for a known path called with another method', async () => {
    const { runtime } = await setup([terminate()]);
    const app = runtimeApi(runtime);
    const r = await call(app, 'GET', '/events');
    expect(r.status).toBe(405);
    expect(r.headers.get('Allow')).toBe('POST');
    expect(r.body).toMatchObject({
      code: 'SB_RUNTIME_METHOD_NOT_ALLOWED',
      status: 405,
      message: expect.stringContaining('GET is not allowed on /events'),
    });
    expect(r.body.contextId).toBe(r.headers.get('ININ-Correlation-Id'));
    const runs = await call(app, 'DELETE', '/api/runs/some-run');
    expect(runs.status).toBe(405);
    expect(runs.headers.get('Allow')).toBe('GET, HEAD');
    expect((await call(app, 'GET', '/api/nowhere')).status).toBe(404);
  });

  it('takes pushed events (notification, EventBridge envelope, batch) and reports the rejected ones', async () => {
    const { runtime } = await setup([terminate()]);
    const app = runtimeApi(runtime);
    const conv = '2f7bf00a-0fc2-4d6a-9b56-92238191433e';
    const envelope = {
      version: '0',
      id: 'eb-1',
      'detail-type': 'v2.detail.events.conversation.{id}.user.start',
      source: 'aws.partner/genesys.com/cloud/o/s',
      account: '1',
      time: '2026-01-05T09:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: { ...userStart(conv, 'corr-eb'), timestamp: '2026-01-05T09:00:00.000Z' },
    };
    const r = await call(app, 'POST', '/events', [userStart(conv, 'corr-a'), 42, envelope]);
    expect(r.status).toBe(202);
    expect(r.body).toEqual({
      accepted: 2,
      rejected: [{ index: 1, error: 'an event must be a JSON object; got a number' }],
    });
    await runtime.idle();
    const events = await runtime.events();
    expect(events.map((e) => [e.id, e.source])).toEqual([
      ['corr-a', 'push'],
      [expect.any(String), 'push'],
      ['corr-eb', 'push'],
    ]);
    expect((await runtime.runs()).length).toBe(2);
  });

  it('answers 429 with Retry-After when a push would overfill the intake, and writes none of it', async () => {
    const { runtime } = await setup([terminate()]);
    const app = runtimeApi(runtime, { maxPendingEvents: 2 });
    const conv = '2f7bf00a-0fc2-4d6a-9b56-92238191433e';
    const full = await call(app, 'POST', '/events', [
      userStart(conv, 'b-1'),
      userStart(conv, 'b-2'),
      userStart(conv, 'b-3'),
    ]);
    expect(full.status).toBe(429);
    expect(full.headers.get('Retry-After')).toBe('1');
    expect(full.body).toMatchObject({
      code: 'SB_RUNTIME_BUSY',
      status: 429,
      message: expect.stringContaining('at most 2 events at once'),
    });
    expect(await runtime.events()).toEqual([]);
    const ok = await call(app, 'POST', '/events', [userStart(conv, 'b-1'), userStart(conv, 'b-2')]);
    expect(ok.status).toBe(202);
    expect((await runtime.events()).map((e) => e.id)).toEqual(['b-1', 'b-2']);
  });

  it('places an outbound call through the mounted outbound sub-app', async () => {
    const { runtime, emulator } = await setup([terminate()]);
    const app = runtimeApi(runtime);
    const r = await call(app, 'POST', '/outbound/calls', { from: 'bob@example.com', to: '+1 317 555 0100' });
    expect(r.status).toBe(201);
    await runtime.idle();
    expect(await tagOf(emulator, r.body.conversationId)).toBe('No Queue');
  });
});
