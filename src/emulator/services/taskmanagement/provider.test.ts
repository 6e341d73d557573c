import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../seed.ts';
import { T0, clientToken, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';

const TM = '/api/v2/taskmanagement';
let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

async function bin(a: ApiFixture, name = 'Claims bin'): Promise<Json> {
  const r = await a.call('POST', `${TM}/workbins`, { name });
  expect(r.status).toBe(200);
  return r.json;
}

describe('Task Management: workbins', () => {
  it('creates, reads, updates and deletes a workbin in the home division, stamped by the clock', async () => {
    api = startApi();
    const created = await bin(api);
    expect(created).toEqual({
      id: created.id,
      name: 'Claims bin',
      division: { id: DEMO.divisionId, name: 'Home', selfUri: `/api/v2/authorization/divisions/${DEMO.divisionId}` },
      dateCreated: new Date(T0).toISOString(),
      dateModified: new Date(T0).toISOString(),
      selfUri: `${TM}/workbins/${created.id}`,
    });
    await api.clock.advance(60_000);
    const patched = await api.call('PATCH', `${TM}/workbins/${created.id}`, { description: 'Insurance claims' });
    expect(patched.json).toMatchObject({
      description: 'Insurance claims',
      dateModified: new Date(T0 + 60_000).toISOString(),
    });
    expect((await api.call('GET', `${TM}/workbins/${created.id}`)).json).toEqual(patched.json);
    const cleared = await api.call('PATCH', `${TM}/workbins/${created.id}`, { description: null });
    expect(cleared.json.description).toBeUndefined();
    expect((await api.call('DELETE', `${TM}/workbins/${created.id}`)).status).toBe(204);
    const gone = await api.call('GET', `${TM}/workbins/${created.id}`);
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({ code: 'not.found', status: 404, entityId: created.id });
  });

  it('refuses a short name, another division and a taken name, naming the field', async () => {
    api = startApi();
    const short = await api.call('POST', `${TM}/workbins`, { name: 'ab' });
    expect(short.status).toBe(400);
    expect(short.json.details).toEqual([{ errorCode: 'invalid.value', fieldName: 'name' }]);
    const division = await api.call('POST', `${TM}/workbins`, { name: 'Elsewhere', divisionId: 'other-division' });
    expect(division.status).toBe(400);
    expect(division.json.details[0].fieldName).toBe('divisionId');
    await bin(api, 'Claims');
    expect((await api.call('POST', `${TM}/workbins`, { name: 'claims' })).status).toBe(409);
  });

  it('queries workbins by name and pages them with a cursor', async () => {
    api = startApi();
    for (const name of ['Gamma bin', 'Alpha bin', 'Beta bin']) await bin(api, name);
    const page1 = await api.call('POST', `${TM}/workbins/query`, { filters: [], sort: { name: 'name' }, pageSize: 2 });
    expect(page1.json.entities.map((e: Json) => e.name)).toEqual(['Alpha bin', 'Beta bin']);
    const page2 = await api.call('POST', `${TM}/workbins/query`, {
      filters: [],
      sort: { name: 'name' },
      pageSize: 2,
      after: page1.json.after,
    });
    expect(page2.json).toEqual({ entities: [expect.objectContaining({ name: 'Gamma bin' })] });
    const byName = await api.call('POST', `${TM}/workbins/query`, {
      filters: [{ name: 'name', type: 'String', operator: 'BEGINS_WITH', values: ['Be'] }],
      attributes: ['name'],
    });
    expect(byName.json.entities).toEqual([{ id: expect.any(String), name: 'Beta bin', selfUri: expect.any(String) }]);
  });
});

describe('Task Management: worktypes and statuses', () => {
  it('creates a worktype with the default statuses Open (its default) and Closed', async () => {
    api = startApi();
    const b = await bin(api);
    const created = await api.call('POST', `${TM}/worktypes`, { name: 'Claim', defaultWorkbinId: b.id });
    expect(created.status).toBe(200);
    const t = created.json;
    expect(t.statuses.map((s: Json) => [s.name, s.category])).toEqual([
      ['Open', 'Open'],
      ['Closed', 'Closed'],
    ]);
    expect(t).toMatchObject({
      defaultWorkbin: { id: b.id, name: 'Claims bin' },
      defaultStatus: { id: t.statuses[0].id, name: 'Open' },
      assignmentEnabled: false,
      serviceLevelTarget: 100,
      division: { id: DEMO.divisionId },
    });
    const listed = await api.call('GET', `${TM}/worktypes/${t.id}/statuses`);
    expect(listed.json).toMatchObject({ total: 2, selfUri: `${TM}/worktypes/${t.id}/statuses` });
    const bare = await api.call('POST', `${TM}/worktypes`, {
      name: 'Bare',
      defaultWorkbinId: b.id,
      disableDefaultStatusCreation: true,
    });
    expect(bare.json.statuses).toEqual([]);
    expect(bare.json.defaultStatus).toBeUndefined();
  });

  it('validates the default workbin, the division, the queue and the name', async () => {
    api = startApi();
    const b = await bin(api);
    const noBin = await api.call('POST', `${TM}/worktypes`, { name: 'Claim', defaultWorkbinId: 'nope' });
    expect(noBin.status).toBe(400);
    expect(noBin.json.details[0].fieldName).toBe('defaultWorkbinId');
    const noQueue = await api.call('POST', `${TM}/worktypes`, {
      name: 'Claim',
      defaultWorkbinId: b.id,
      defaultQueueId: 'nope',
    });
    expect(noQueue.json.details[0].fieldName).toBe('defaultQueueId');
    const ok = await api.call('POST', `${TM}/worktypes`, {
      name: 'Claim',
      defaultWorkbinId: b.id,
      defaultQueueId: DEMO.queues.support,
    });
    expect(ok.json.defaultQueue).toEqual({
      id: DEMO.queues.support,
      selfUri: `/api/v2/routing/queues/${DEMO.queues.support}`,
    });
    const expanded = await api.call('GET', `${TM}/worktypes/${ok.json.id}?expands=defaultQueue`);
    expect(expanded.json.defaultQueue.name).toBe('Support');
    expect((await api.call('GET', `${TM}/worktypes/${ok.json.id}?expands=nope`)).status).toBe(400);
    expect((await api.call('POST', `${TM}/worktypes`, { name: 'CLAIM', defaultWorkbinId: b.id })).status).toBe(409);
  });

  it('adds statuses with destinations, sets the default status and refuses what the rules forbid', async () => {
    api = startApi();
    const b = await bin(api);
    const t = (await api.call('POST', `${TM}/worktypes`, { name: 'Claim', defaultWorkbinId: b.id })).json;
    const [open, closed] = t.statuses;
    const base = `${TM}/worktypes/${t.id}/statuses`;
    const waiting = await api.call('POST', base, {
      name: 'Waiting on customer',
      category: 'Waiting',
      destinationStatusIds: [closed.id],
      defaultDestinationStatusId: closed.id,
      statusTransitionDelaySeconds: 3600,
    });
    expect(waiting.status).toBe(200);
    expect(waiting.json).toMatchObject({
      destinationStatuses: [{ id: closed.id, name: 'Closed' }],
      defaultDestinationStatus: { id: closed.id },
      worktype: { id: t.id, name: 'Claim' },
      autoTerminateWorkitem: false,
    });
    const noDelay = await api.call('POST', base, {
      name: 'Escalated',
      category: 'InProgress',
      defaultDestinationStatusId: closed.id,
    });
    expect(noDelay.json.details[0].fieldName).toBe('statusTransitionDelaySeconds');
    const autoOpen = await api.call('POST', base, { name: 'Auto', category: 'Open', autoTerminateWorkitem: true });
    expect(autoOpen.json.details[0].fieldName).toBe('autoTerminateWorkitem');
    expect((await api.call('POST', base, { name: 'open', category: 'Open' })).status).toBe(409);
    expect((await api.call('POST', base, { name: 'Odd', category: 'Pending' })).status).toBe(400);

    const patched = await api.call('PATCH', `${TM}/worktypes/${t.id}`, { defaultStatusId: waiting.json.id });
    expect(patched.json.defaultStatus).toMatchObject({ id: waiting.json.id, name: 'Waiting on customer' });
    const foreign = await api.call('PATCH', `${TM}/worktypes/${t.id}`, { defaultStatusId: 'nope' });
    expect(foreign.json.details[0].fieldName).toBe('defaultStatusId');
    expect((await api.call('DELETE', `${base}/${waiting.json.id}`)).status).toBe(409);
    expect((await api.call('DELETE', `${base}/${closed.id}`)).status).toBe(409);
    expect((await api.call('DELETE', `${base}/${open.id}`)).status).toBe(204);
    expect((await api.call('GET', `${base}/${open.id}`)).status).toBe(404);
  });

  it('deletes a worktype and its statuses, but not one with workitems nor the workbin it uses', async () => {
    api = startApi();
    const b = await bin(api);
    const t = (await api.call('POST', `${TM}/worktypes`, { name: 'Claim', defaultWorkbinId: b.id })).json;
    expect((await api.call('DELETE', `${TM}/workbins/${b.id}`)).status).toBe(409);
    const item = await api.call('POST', `${TM}/workitems`, { name: 'Claim 1', typeId: t.id });
    expect((await api.call('DELETE', `${TM}/worktypes/${t.id}`)).status).toBe(409);
    expect((await api.call('DELETE', `${TM}/workitems/${item.json.id}`)).status).toBe(204);
    expect((await api.call('DELETE', `${TM}/worktypes/${t.id}`)).status).toBe(204);
    expect((await api.call('GET', `${TM}/worktypes/${t.id}/statuses`)).status).toBe(404);
    expect((await api.call('DELETE', `${TM}/workbins/${b.id}`)).status).toBe(204);
  });

  it('queries worktypes by name', async () => {
    api = startApi();
    const b = await bin(api);
    for (const name of ['Claim', 'Refund']) await api.call('POST', `${TM}/worktypes`, { name, defaultWorkbinId: b.id });
    const r = await api.call('POST', `${TM}/worktypes/query`, {
      filters: [{ name: 'name', type: 'String', operator: 'IN', values: ['Refund', 'Other'] }],
    });
    expect(r.json.entities.map((e: Json) => e.name)).toEqual(['Refund']);
    const count = await api.call('POST', `${TM}/worktypes/query`, { filters: [], select: 'Count' });
    expect(count.json).toEqual({ count: 2 });
  });

  it("answers 403 missing.permissions naming the route's permission", async () => {
    api = startApi();
    const viewer = await clientToken(api.emu, ['workitems:workbin:view', 'workitems:worktype:view']);
    const denied = await api.call('POST', `${TM}/workbins`, { name: 'Claims bin' }, viewer);
    expect(denied.status).toBe(403);
    expect(denied.json).toMatchObject({
      code: 'missing.permissions',
      messageParams: { permissions: 'workitems:workbin:add' },
    });
    expect((await api.call('POST', `${TM}/workbins/query`, { filters: [] }, viewer)).status).toBe(200);
    expect((await api.call('GET', `${TM}/worktypes/x/statuses`, undefined, viewer)).status).toBe(403);
    expect((await api.call('PATCH', `${TM}/worktypes/x`, {}, viewer)).json.messageParams).toEqual({
      permissions: 'workitems:worktype:edit',
    });
  });
});
