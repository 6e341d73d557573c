import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../seed.ts';
import { T0, clientToken, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';

const TM = '/api/v2/taskmanagement';
const at = (ms: number): string => new Date(T0 + ms).toISOString();
let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

/** A workbin and a worktype with defaults; the type's statuses by name. */
async function setup(
  a: ApiFixture,
  type: Record<string, unknown> = {},
): Promise<{ bin: Json; type: Json; status: Record<string, string> }> {
  const bin = (await a.call('POST', `${TM}/workbins`, { name: 'Claims bin' })).json;
  const t = (await a.call('POST', `${TM}/worktypes`, { name: 'Claim', defaultWorkbinId: bin.id, ...type })).json;
  const waiting = await a.call('POST', `${TM}/worktypes/${t.id}/statuses`, { name: 'Waiting', category: 'Waiting' });
  const status = Object.fromEntries(
    [...t.statuses, waiting.json].map((s: Json) => [s.name as string, s.id as string]),
  ) as Record<string, string>;
  return { bin, type: t, status };
}

describe('Task Management: workitems', () => {
  it("creates a workitem with its worktype's defaults, the clock's dates, and custom fields as given", async () => {
    api = startApi();
    const { bin, type, status } = await setup(api, {
      defaultPriority: 5,
      defaultDueDurationSeconds: 86_400,
      defaultTtlSeconds: 7 * 86_400,
      defaultQueueId: DEMO.queues.support,
    });
    const created = await api.call('POST', `${TM}/workitems`, {
      name: 'Claim A-100',
      typeId: type.id,
      customFields: { order_text: 'A-100', amount_decimal: 12.5, tags_list: ['x'] },
    });
    expect(created.status).toBe(200);
    expect(created.json).toEqual({
      id: created.json.id,
      name: 'Claim A-100',
      division: expect.objectContaining({ id: DEMO.divisionId }),
      type: { id: type.id, selfUri: `${TM}/worktypes/${type.id}` },
      priority: 5,
      dateCreated: at(0),
      dateModified: at(0),
      dateDue: at(86_400_000),
      ttl: Math.floor(T0 / 1000) + 7 * 86_400,
      status: { id: status.Open, selfUri: `${TM}/worktypes/${type.id}/statuses/${status.Open}` },
      statusCategory: 'Open',
      dateStatusChanged: at(0),
      workbin: { id: bin.id, selfUri: `${TM}/workbins/${bin.id}` },
      queue: { id: DEMO.queues.support, selfUri: `/api/v2/routing/queues/${DEMO.queues.support}` },
      autoStatusTransition: true,
      customFields: { order_text: 'A-100', amount_decimal: 12.5, tags_list: ['x'] },
      selfUri: `${TM}/workitems/${created.json.id}`,
    });
    const read = await api.call('GET', `${TM}/workitems/${created.json.id}?expands=type,status,workbin,queue`);
    expect(read.json).toMatchObject({
      type: { name: 'Claim' },
      status: { name: 'Open' },
      workbin: { name: 'Claims bin' },
      queue: { name: 'Support' },
    });
  });

  it('answers 400 naming typeId for an unknown worktype, and the other fields it checks', async () => {
    api = startApi();
    const { type } = await setup(api);
    const noType = await api.call('POST', `${TM}/workitems`, { name: 'Claim A-100', typeId: 'no-such-type' });
    expect(noType.status).toBe(400);
    expect(noType.json).toMatchObject({
      status: 400,
      code: 'bad.request',
      message: 'typeId: worktype no-such-type does not exist',
      details: [{ errorCode: 'invalid.value', fieldName: 'typeId' }],
    });
    const field = async (body: Record<string, unknown>): Promise<string> =>
      (await api!.call('POST', `${TM}/workitems`, { name: 'Claim A-100', typeId: type.id, ...body })).json.details[0]
        ?.fieldName;
    expect(await field({ name: 'ab' })).toBe('name');
    expect(await field({ statusId: 'nope' })).toBe('statusId');
    expect(await field({ workbinId: 'nope' })).toBe('workbinId');
    expect(await field({ assigneeId: 'nope' })).toBe('assigneeId');
    expect(await field({ queueId: 'nope' })).toBe('queueId');
    expect(await field({ priority: 25_000_001 })).toBe('priority');
    expect(await field({ dateDue: at(366 * 86_400_000) })).toBe('dateDue');
    expect(await field({ dateDue: 'tomorrow' })).toBe('dateDue');
    expect(await field({ wrapupCode: DEMO.wrapupCodes.followUp })).toBe('wrapupCode');
    expect((await api.call('POST', `${TM}/workitems`, { typeId: type.id })).status).toBe(400);
  });

  it('needs a statusId when the worktype has no default status', async () => {
    api = startApi();
    const { status, type } = await setup(api, { disableDefaultStatusCreation: true });
    const r = await api.call('POST', `${TM}/workitems`, { name: 'Claim A-100', typeId: type.id });
    expect(r.json.details).toEqual([{ errorCode: 'invalid.value', fieldName: 'statusId' }]);
    const ok = await api.call('POST', `${TM}/workitems`, {
      name: 'Claim A-100',
      typeId: type.id,
      statusId: status.Waiting,
    });
    expect(ok.json.statusCategory).toBe('Waiting');
  });

  it('updates a workitem: status transitions, dateClosed, merged custom fields, cleared fields', async () => {
    api = startApi();
    const { type, status } = await setup(api);
    await api.call('PATCH', `${TM}/worktypes/${type.id}/statuses/${status.Waiting}`, {
      destinationStatusIds: [status.Closed],
    });
    const w = (
      await api.call('POST', `${TM}/workitems`, {
        name: 'Claim A-100',
        typeId: type.id,
        assigneeId: DEMO.users.alice,
        statusId: status.Waiting,
        customFields: { a_text: 'x', b_text: 'y' },
      })
    ).json;
    await api.clock.advance(5_000);
    const blocked = await api.call('PATCH', `${TM}/workitems/${w.id}`, { statusId: status.Open });
    expect(blocked.status).toBe(400);
    expect(blocked.json.message).toContain('can move to "Closed" only');
    const closed = await api.call('PATCH', `${TM}/workitems/${w.id}`, {
      statusId: status.Closed,
      customFields: { a_text: 'z', b_text: null },
      assigneeId: null,
    });
    expect(closed.json).toMatchObject({
      statusCategory: 'Closed',
      dateStatusChanged: at(5_000),
      dateClosed: at(5_000),
      dateModified: at(5_000),
      customFields: { a_text: 'z' },
    });
    expect(closed.json.assignee).toBeUndefined();
    const reopened = await api.call('PATCH', `${TM}/workitems/${w.id}`, { statusId: status.Open });
    expect(reopened.json.dateClosed).toBeUndefined();
    const modeled = await api.call('PATCH', `${TM}/workitems/${w.id}`, { assignmentState: 'Connected' });
    expect(modeled.json.details[0].fieldName).toBe('assignmentState');
  });

  it('disconnects the assignee and terminates into a Closed status', async () => {
    api = startApi();
    const { type, status } = await setup(api);
    const w = (await api.call('POST', `${TM}/workitems`, { name: 'Claim A-100', typeId: type.id })).json;
    expect((await api.call('POST', `${TM}/workitems/${w.id}/disconnect`)).status).toBe(400);
    await api.call('PATCH', `${TM}/workitems/${w.id}`, { assigneeId: DEMO.users.bob });
    const disconnected = await api.call('POST', `${TM}/workitems/${w.id}/disconnect`);
    expect(disconnected.json).toMatchObject({ assignmentState: 'Disconnected', assignee: { id: DEMO.users.bob } });
    const wrong = await api.call('POST', `${TM}/workitems/${w.id}/terminate`, { statusId: status.Waiting });
    expect(wrong.json.details[0].fieldName).toBe('statusId');
    const terminated = await api.call('POST', `${TM}/workitems/${w.id}/terminate`);
    expect(terminated.json).toMatchObject({
      status: { id: status.Closed },
      statusCategory: 'Closed',
      dateClosed: at(0),
      assignmentState: 'Terminated',
    });
  });

  it('reads, updates and deletes only with the permissions Genesys names', async () => {
    api = startApi();
    const { type } = await setup(api);
    const w = (await api.call('POST', `${TM}/workitems`, { name: 'Claim A-100', typeId: type.id })).json;
    const accepter = await clientToken(api.emu, ['workitems:workitem:accept']);
    expect((await api.call('PATCH', `${TM}/workitems/${w.id}`, { priority: 3 }, accepter)).json.priority).toBe(3);
    const denied = await api.call('GET', `${TM}/workitems/${w.id}`, undefined, accepter);
    expect(denied.status).toBe(403);
    expect(denied.json.messageParams).toEqual({ permissions: 'workitems:workitem:view' });
    expect((await api.call('DELETE', `${TM}/workitems/${w.id}`, undefined, accepter)).status).toBe(403);
    expect((await api.call('POST', `${TM}/workitems`, { name: 'Claim B', typeId: type.id }, accepter)).status).toBe(
      403,
    );
    expect((await api.call('DELETE', `${TM}/workitems/${w.id}`)).status).toBe(204);
    expect((await api.call('GET', `${TM}/workitems/${w.id}`)).status).toBe(404);
    expect((await api.call('PATCH', `${TM}/workitems/${w.id}`, { priority: 1 })).status).toBe(404);
  });

  it('keeps workitems across a snapshot and restore of the org', async () => {
    api = startApi();
    const { type } = await setup(api);
    const w = (await api.call('POST', `${TM}/workitems`, { name: 'Claim A-100', typeId: type.id })).json;
    const snap = api.emu.services.org(api.emu.orgId).snapshot();
    expect(JSON.parse(JSON.stringify(snap.taskmanagement))).toEqual(snap.taskmanagement);
    expect((await api.call('DELETE', `${TM}/workitems/${w.id}`)).status).toBe(204);
    expect((await api.call('GET', `${TM}/workitems/${w.id}`)).status).toBe(404);
    api.emu.services.org(api.emu.orgId).restore(snap);
    expect((await api.call('GET', `${TM}/workitems/${w.id}`)).json.name).toBe('Claim A-100');
  });
});
