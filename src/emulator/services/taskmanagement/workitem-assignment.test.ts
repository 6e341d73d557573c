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

/** A worktype "Claim" (statuses Open and Closed) and one unassigned workitem of it. */
async function setup(a: ApiFixture): Promise<{ workitem: Json; closed: string; typeId: string }> {
  const bin = (await a.call('POST', `${TM}/workbins`, { name: 'Claims bin' })).json;
  const type = (await a.call('POST', `${TM}/worktypes`, { name: 'Claim', defaultWorkbinId: bin.id })).json;
  const closed = type.statuses.find((s: Json) => s.category === 'Closed').id as string;
  const workitem = (await a.call('POST', `${TM}/workitems`, { name: 'Claim A-100', typeId: type.id })).json;
  return { workitem, closed, typeId: type.id as string };
}

const assign = (a: ApiFixture, workitemId: string, userId: string, token?: string) =>
  a.call('PATCH', `${TM}/workitems/${workitemId}/assignment`, { id: userId }, token);

const assigneeOf = async (a: ApiFixture, id: string): Promise<string | undefined> =>
  (await a.call('GET', `${TM}/workitems/${id}`)).json.assignee?.id;

describe('Task Management: manual assignment (PATCH /workitems/{id}/assignment)', () => {
  it('assigns an existing user, answers 204 without a body and notifies the assignee change', async () => {
    api = startApi();
    const { workitem } = await setup(api);
    await api.clock.advance(5_000);
    const before = api.events.length;
    const r = await assign(api, workitem.id, DEMO.users.bob);
    expect(r.status).toBe(204);
    expect(r.json).toBeUndefined();
    expect(await assigneeOf(api, workitem.id)).toBe(DEMO.users.bob);
    const read = (await api.call('GET', `${TM}/workitems/${workitem.id}`)).json;
    expect(read.dateModified).toBe(new Date(T0 + 5_000).toISOString());
    const published = api.events.slice(before);
    expect(published).toHaveLength(1);
    expect(published[0]!.topicName).toBe(`v2.taskmanagement.workitems.${workitem.id}`);
    expect(published[0]!.eventBody).toMatchObject({
      id: workitem.id,
      operation: 'edit',
      assigneeId: DEMO.users.bob,
      changes: [{ field: 'assigneeId', op: 'add', newValue: DEMO.users.bob }],
    });
    // A second assignment replaces the assignee.
    expect((await assign(api, workitem.id, DEMO.users.carol)).status).toBe(204);
    expect(await assigneeOf(api, workitem.id)).toBe(DEMO.users.carol);
    expect(api.events.at(-1)!.eventBody.changes).toEqual([
      { field: 'assigneeId', op: 'replace', oldValue: DEMO.users.bob, newValue: DEMO.users.carol },
    ]);
  });

  it('answers 400 naming id for a user that does not exist, and changes nothing', async () => {
    api = startApi();
    const { workitem } = await setup(api);
    const before = api.events.length;
    const ghost = '00000000-0000-4000-8000-00000000dead';
    const r = await assign(api, workitem.id, ghost);
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({
      status: 400,
      code: 'bad.request',
      message: `id: user ${ghost} does not exist`,
      details: [{ errorCode: 'invalid.value', fieldName: 'id' }],
    });
    const noId = await api.call('PATCH', `${TM}/workitems/${workitem.id}/assignment`, {});
    expect(noId.status).toBe(400);
    expect(noId.json.details).toEqual([expect.objectContaining({ fieldName: 'id' })]);
    expect(await assigneeOf(api, workitem.id)).toBeUndefined();
    expect(api.events.length).toBe(before);
  });

  it('answers 404 for a workitem that does not exist', async () => {
    api = startApi();
    const r = await assign(api, 'no-such-workitem', DEMO.users.bob);
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ status: 404, code: 'not.found', message: 'workitem no-such-workitem not found' });
  });

  it('refuses a workitem in a Closed status, and a terminated one, with 400 workitem.closed', async () => {
    api = startApi();
    const { workitem, closed, typeId } = await setup(api);
    await api.call('PATCH', `${TM}/workitems/${workitem.id}`, { statusId: closed });
    const r = await assign(api, workitem.id, DEMO.users.bob);
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ status: 400, code: 'workitem.closed' });
    expect(r.json.message).toContain('is closed (status "Closed")');
    expect(await assigneeOf(api, workitem.id)).toBeUndefined();

    const other = (await api.call('POST', `${TM}/workitems`, { name: 'Claim A-200', typeId })).json;
    expect((await api.call('POST', `${TM}/workitems/${other.id}/terminate`, {})).status).toBe(200);
    expect((await assign(api, other.id, DEMO.users.bob)).json.code).toBe('workitem.closed');
  });

  it('asks workitems:workitem:pull or workitems:workitem:assign, not edit', async () => {
    api = startApi();
    const { workitem } = await setup(api);
    const editor = await clientToken(api.emu, ['workitems:workitem:edit']);
    const denied = await assign(api, workitem.id, DEMO.users.bob, editor);
    expect(denied.status).toBe(403);
    expect(denied.json.code).toBe('missing.permissions');
    for (const p of ['workitems:workitem:pull', 'workitems:workitem:assign']) {
      const token = await clientToken(api.emu, [p]);
      expect((await assign(api, workitem.id, DEMO.users.alice, token)).status).toBe(204);
    }
  });
});
