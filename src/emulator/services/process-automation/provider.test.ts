import { describe, expect, it } from 'vitest';
import { VirtualClock, seededIds } from '../../../core/index.ts';
import { createEmulator } from '../../create-emulator.ts';
import type { Emulator } from '../../create-emulator.ts';
import { PROVIDERS } from '../index.ts';
import { createProcessAutomationProvider } from './provider.ts';

const BASE = '/api/v2/processautomation/triggers';
const USER_START = 'v2.detail.events.conversation.{id}.user.start';
const body = {
  topicName: USER_START,
  name: 'GC Communicate Call User Start',
  target: { id: 'my-workflow-id', type: 'Workflow' },
  matchCriteria: [{ jsonPath: 'queueId', operator: 'Exists', value: false }],
  enabled: true,
};

async function login(emu: Emulator, permissions: string[]): Promise<string> {
  const c = emu.createClient({ name: `c-${permissions.join('-')}`, permissions });
  const res = await emu.fetch('/oauth/token', {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

// Response bodies are read loosely: each assertion states the shape it expects.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

function setup(opts: { maxTriggers?: number } = {}) {
  const clock = new VirtualClock(Date.UTC(2026, 0, 5, 9));
  const providers =
    opts.maxTriggers === undefined
      ? PROVIDERS
      : [...PROVIDERS.filter((p) => p.name !== 'processautomation'), createProcessAutomationProvider(opts)];
  const emu = createEmulator({
    clock,
    ids: seededIds(3),
    statePath: ':memory:',
    seed: 'empty',
    rateLimitPerMinute: 0,
    providers,
  });
  const token = emu.adminToken();
  const call = async (
    method: string,
    path: string,
    json?: unknown,
    bearer = token,
  ): Promise<{ status: number; body: Loose }> => {
    const res = await emu.fetch(path, {
      method,
      headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
      ...(json === undefined ? {} : { body: typeof json === 'string' ? json : JSON.stringify(json) }),
    });
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
  };
  return { emu, clock, call };
}

describe('process automation provider', () => {
  it('creates, reads, updates with version checks, and deletes a trigger', async () => {
    const { call } = setup();
    const created = await call('POST', BASE, body);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ ...body, version: 1, selfUri: `${BASE}/${created.body.id}` });
    const id = created.body.id as string;
    expect((await call('GET', `${BASE}/${id}`)).body).toEqual(created.body);

    const updated = await call('PUT', `${BASE}/${id}`, { ...body, version: 1, enabled: false, delayBySeconds: '90' });
    expect(updated.body).toMatchObject({ version: 2, enabled: false, delayBySeconds: 90 });
    const stale = await call('PUT', `${BASE}/${id}`, { ...body, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toContain('does not match the current version');
    const moved = await call('PUT', `${BASE}/${id}`, {
      ...body,
      version: 2,
      topicName: 'v2.detail.events.conversation.{id}.user.end',
    });
    expect(moved.status).toBe(400);
    expect(moved.body.details).toEqual([{ errorCode: 'invalid.value', fieldName: 'topicName' }]);
    expect(moved.body.message).toContain('topicName cannot be updated');

    expect((await call('DELETE', `${BASE}/${id}`)).status).toBe(204);
    expect((await call('GET', `${BASE}/${id}`)).status).toBe(404);
  });

  it('answers an invalid trigger with a 400 ErrorBody listing every violation with its field', async () => {
    const { call } = setup();
    const res = await call('POST', BASE, {
      ...body,
      name: '',
      eventTTLSeconds: 5,
      delayBySeconds: 60,
      matchCriteria: [{ jsonPath: 'x', operator: 'Near', value: 1 }],
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'bad.request', status: 400 });
    expect(res.body.details.map((d: { fieldName: string }) => d.fieldName)).toEqual([
      'name',
      'matchCriteria[0].operator',
      'eventTTLSeconds',
      'delayBySeconds',
    ]);
    expect(res.body.errors).toHaveLength(4);
    expect(res.body.message).toContain('eventTTLSeconds must be an integer of at least 10; got 5');
    expect((await call('GET', BASE)).body.entities).toEqual([]);
  });

  it('pages with cursors and filters by topicName, enabled and hasDelayBy', async () => {
    const { call } = setup();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const topicName = i % 2 === 0 ? USER_START : 'v2.detail.events.conversation.{id}.acd.start';
      const r = await call('POST', BASE, {
        ...body,
        name: `t${i}`,
        topicName,
        enabled: i !== 4,
        ...(i === 2 ? { delayBySeconds: 60 } : {}),
      });
      ids.push(r.body.id);
    }
    const p1 = await call('GET', `${BASE}?pageSize=2`);
    expect(p1.body.entities.map((t: { name: string }) => t.name)).toEqual(['t0', 't1']);
    expect(p1.body.previousUri).toBeUndefined();
    const p2 = await call('GET', p1.body.nextUri);
    expect(p2.body.entities.map((t: { name: string }) => t.name)).toEqual(['t2', 't3']);
    const p3 = await call('GET', p2.body.nextUri);
    expect(p3.body.entities.map((t: { name: string }) => t.name)).toEqual(['t4']);
    expect(p3.body.nextUri).toBeUndefined();
    expect((await call('GET', p3.body.previousUri)).body.entities.map((t: { name: string }) => t.name)).toEqual([
      't2',
      't3',
    ]);
    const names = async (q: string): Promise<string[]> =>
      (await call('GET', `${BASE}?${q}`)).body.entities.map((t: { name: string }) => t.name);
    expect(await names(`topicName=${encodeURIComponent(USER_START)}`)).toEqual(['t0', 't2', 't4']);
    expect(
      await names(
        `topicName=${encodeURIComponent(`${USER_START},v2.detail.events.conversation.{id}.acd.start`)}&enabled=false`,
      ),
    ).toEqual(['t4']);
    expect(await names('hasDelayBy=true')).toEqual(['t2']);
    expect(await names('hasDelayBy=false')).toEqual(['t0', 't1', 't3', 't4']);
    expect((await call('GET', `${BASE}?pageSize=201`)).status).toBe(400);
    expect((await call('GET', `${BASE}?after=%%%`)).status).toBe(400);
  });

  it('lists topics with paging and is reachable as /processAutomation (Terraform casing)', async () => {
    const { call } = setup();
    const all = await call('GET', '/api/v2/processAutomation/triggers/topics?pageSize=200');
    expect(all.status).toBe(200);
    expect(all.body.entities).toContain(USER_START);
    expect(all.body.entities).toContain('v2.users.{id}.activity');
    const first = await call('GET', `${BASE}/topics?pageSize=3`);
    const second = await call('GET', first.body.nextUri);
    expect([...first.body.entities, ...second.body.entities]).toEqual(all.body.entities.slice(0, 6));
  });

  it('tests one trigger (disabled too) with TestModeResults, and a bad event in schemaValidation', async () => {
    const { call, emu } = setup();
    const { body: t } = await call('POST', BASE, { ...body, enabled: false });
    const ev = { eventTime: emu.services.clock.now(), conversationId: 'c1', direction: 'OUTBOUND', mediaType: 'VOICE' };
    const res = await call('POST', `${BASE}/${t.id}/test`, ev);
    expect(res.body).toMatchObject({
      schemaValidation: { step: 1, matches: true },
      targetValidation: { step: 2, matches: true },
      jsonPathValidation: {
        step: 3,
        matches: true,
        details: [{ jsonPath: 'queueId', operator: 'Exists', value: false, match: true, jsonPathExtraction: [] }],
      },
      triggerMatches: true,
    });
    const asString = await call(
      'POST',
      `${BASE}/${t.id}/test`,
      JSON.stringify(JSON.stringify({ ...ev, queueId: 'q1' })),
    );
    expect(asString.body.jsonPathValidation.details[0].jsonPathExtraction).toEqual([
      { value: 'q1', path: "$['queueId']" },
    ]);
    expect(asString.body.triggerMatches).toBe(false);
    const notObject = await call('POST', `${BASE}/${t.id}/test`, [1, 2]);
    expect(notObject.status).toBe(200);
    expect(notObject.body.schemaValidation).toMatchObject({
      matches: false,
      details: ['the event body must be a JSON object; got an array'],
    });
    expect(notObject.body.triggerMatches).toBe(false);
  });

  it('tests a topic with TestModeEventResults, reporting disabled triggers with their flag', async () => {
    const { call, emu } = setup();
    const a = (await call('POST', BASE, body)).body;
    const b = (await call('POST', BASE, { ...body, name: 'off', enabled: false })).body;
    const c = (
      await call('POST', BASE, {
        ...body,
        name: 'mediaType',
        matchCriteria: [{ jsonPath: 'mediaType', operator: 'Equal', value: 'CALLBACK' }],
      })
    ).body;
    await call('POST', BASE, {
      ...body,
      name: 'other topic',
      topicName: 'v2.detail.events.conversation.{id}.user.end',
    });
    const res = await call('POST', `${BASE}/topics/${encodeURIComponent(USER_START)}/test`, { mediaType: 'VOICE' });
    expect(res.body).toEqual({
      schemaValidation: { name: 'Validate test event body against topic schema', step: 1, matches: true },
      triggerMatchValidation: {
        name: 'Check triggers of the topic for a match',
        step: 2,
        matchedTriggers: [
          { id: a.id, name: a.name, enabled: true, selfUri: `${BASE}/${a.id}` },
          { id: b.id, name: 'off', enabled: false, selfUri: `${BASE}/${b.id}` },
        ],
        unmatchedTriggers: [{ id: c.id, name: 'mediaType', enabled: true, selfUri: `${BASE}/${c.id}` }],
      },
    });
    expect((await call('POST', `${BASE}/topics/v2.nope/test`, {})).status).toBe(400);
    const raw = await emu.fetch(`${BASE}/topics/${encodeURIComponent(USER_START)}/test`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${emu.adminToken()}`, 'Content-Type': 'text/plain' },
      body: '{ not json',
    });
    const rawBody = (await raw.json()) as {
      schemaValidation: { matches: boolean; details: string[] };
      triggerMatchValidation: { matchedTriggers: unknown[]; unmatchedTriggers: unknown[] };
    };
    expect(rawBody.schemaValidation.matches).toBe(false);
    expect(rawBody.schemaValidation.details[0]).toMatch(/^the event body is not valid JSON/);
    expect(rawBody.triggerMatchValidation.matchedTriggers).toEqual([]);
    expect(rawBody.triggerMatchValidation.unmatchedTriggers).toHaveLength(3);
  });

  it('enforces the permissions of each route', async () => {
    const { call, emu } = setup();
    const viewer = await login(emu, ['processautomation:trigger:view']);
    const tester = await login(emu, ['processautomation:trigger:test']);
    const created = await call('POST', BASE, body);
    expect((await call('GET', BASE, undefined, viewer)).status).toBe(200);
    const denied = await call('POST', BASE, body, viewer);
    expect(denied.status).toBe(403);
    expect(denied.body.message).toContain('processautomation:trigger:add');
    expect((await call('DELETE', `${BASE}/${created.body.id}`, undefined, viewer)).status).toBe(403);
    expect((await call('POST', `${BASE}/${created.body.id}/test`, {}, viewer)).status).toBe(403);
    expect((await call('POST', `${BASE}/${created.body.id}/test`, {}, tester)).status).toBe(200);
    expect((await call('GET', BASE, undefined, tester)).status).toBe(403);
  });

  it('caps the number of triggers of an org', async () => {
    const { call } = setup({ maxTriggers: 2 });
    await call('POST', BASE, body);
    await call('POST', BASE, body);
    const third = await call('POST', BASE, body);
    expect(third.status).toBe(400);
    expect(third.body).toMatchObject({ code: 'limit.exceeded', limit: { value: 2 } });
  });
});
