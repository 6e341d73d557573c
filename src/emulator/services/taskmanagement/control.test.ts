// The simulator's workitem routes: a workitem created and moved without a token, under the
// Platform API's rules, with the same notifications.
import { afterEach, describe, expect, it } from 'vitest';
import { startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';

const TM = '/api/v2/taskmanagement';
const SIM = '/_switchboard/simulator/workitems';
let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

async function worktype(a: ApiFixture): Promise<{ id: string; status: Record<string, string> }> {
  const bin = (await a.call('POST', `${TM}/workbins`, { name: 'Claims bin' })).json;
  const t = (await a.call('POST', `${TM}/worktypes`, { name: 'Claim', defaultWorkbinId: bin.id })).json;
  const status = Object.fromEntries(t.statuses.map((s: Json) => [s.name as string, s.id as string]));
  return { id: t.id as string, status };
}

/** A request without a token, as the console's simulator sends it. */
async function sim(
  a: ApiFixture,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Json }> {
  const res = await a.emu.fetch(path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await res.json() };
}

describe('the simulator’s workitems', () => {
  it('creates, moves and lists workitems without a token, publishing their notifications', async () => {
    api = startApi();
    const t = await worktype(api);
    const created = await sim(api, 'POST', SIM, { name: 'Claim A-1', typeId: t.id });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ name: 'Claim A-1', type: { id: t.id }, status: { id: t.status.Open } });
    expect(created.json.modifiedBy).toBeUndefined();
    const moved = await sim(api, 'PATCH', `${SIM}/${created.json.id}`, { statusId: t.status.Closed });
    expect(moved.json.status.id).toBe(t.status.Closed);
    expect(moved.json.dateClosed).toBeDefined();
    const types = await sim(api, 'GET', '/_switchboard/simulator/worktypes');
    expect(types.json.entities.map((w: Json) => [w.name, w.statuses.length])).toEqual([['Claim', 2]]);
    const listed = await sim(api, 'GET', SIM);
    expect(listed.json.entities.map((w: Json) => w.id)).toEqual([created.json.id]);
    const topics = api.events.filter((e) => e.topicName.startsWith('v2.taskmanagement.workitems.'));
    expect(topics.map((e) => (e.eventBody as Json).operation)).toEqual(['add', 'edit']);
  });

  it('refuses what the Platform API refuses, naming the field', async () => {
    api = startApi();
    await worktype(api);
    const noType = await sim(api, 'POST', SIM, { name: 'Claim A-2' });
    expect(noType.status).toBe(400);
    expect(JSON.stringify(noType.json)).toContain('typeId');
    const unknown = await sim(api, 'PATCH', `${SIM}/nope`, { priority: 1 });
    expect(unknown.status).toBe(404);
  });
});
