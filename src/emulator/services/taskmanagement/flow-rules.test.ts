import { afterEach, describe, expect, it } from 'vitest';
import { clientToken, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';

const TM = '/api/v2/taskmanagement';
let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

/** A workbin and a worktype "Claim" (statuses Open and Closed). */
async function worktype(a: ApiFixture): Promise<Json> {
  const bin = (await a.call('POST', `${TM}/workbins`, { name: 'Claims bin' })).json;
  return (await a.call('POST', `${TM}/worktypes`, { name: 'Claim', defaultWorkbinId: bin.id })).json;
}

const fieldOf = (r: { json: Json }): string | undefined => r.json.details?.[0]?.fieldName;

describe('Task Management: worktype flow rules', () => {
  it('adds, lists, reads, renames and deletes an on-create rule', async () => {
    api = startApi();
    const t = await worktype(api);
    const base = `${TM}/worktypes/${t.id}/flows/oncreate/rules`;
    const created = await api.call('POST', base, { name: 'Launch on create' });
    expect(created.status).toBe(200);
    expect(created.json).toEqual({
      id: created.json.id,
      name: 'Launch on create',
      type: 'OnCreate',
      action: { type: 'LaunchFlow' },
      worktype: { id: t.id, name: 'Claim', selfUri: `${TM}/worktypes/${t.id}` },
      selfUri: `${base}/${created.json.id}`,
    });
    expect((await api.call('GET', base)).json).toEqual({ entities: [created.json], selfUri: base });
    const renamed = await api.call('PATCH', `${base}/${created.json.id}`, { name: 'On create' });
    expect(renamed.json.name).toBe('On create');
    expect((await api.call('GET', `${base}/${created.json.id}`)).json).toEqual(renamed.json);
    expect((await api.call('DELETE', `${base}/${created.json.id}`)).status).toBe(204);
    const gone = await api.call('GET', `${base}/${created.json.id}`);
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({ code: 'not.found', entityId: created.json.id });
  });

  it('keeps an on-attribute-change condition and checks it against the SDK rules', async () => {
    api = startApi();
    const t = await worktype(api);
    const [open, closed] = t.statuses.map((s: Json) => s.id);
    const base = `${TM}/worktypes/${t.id}/flows/onattributechange/rules`;
    const ok = await api.call('POST', base, {
      name: 'Closed',
      condition: { attribute: 'statusId', oldValue: open, newValue: closed },
    });
    expect(ok.json).toMatchObject({
      type: 'OnAttributeChange',
      action: { type: 'LaunchFlow' },
      condition: { attribute: 'statusId', oldValue: open, newValue: closed },
    });
    const urgent = await api.call('POST', base, {
      name: 'Urgent',
      condition: { attribute: 'priority', operator: 'GTE', value: 10 },
    });
    expect(urgent.json.condition).toEqual({ attribute: 'priority', operator: 'GTE', value: 10 });
    const post = async (condition: Json): Promise<string | undefined> =>
      fieldOf(await api!.call('POST', base, { name: 'Bad', condition }));
    expect(await post({ attribute: 'colour', newValue: 'x' })).toBe('condition.attribute');
    expect(await post({ attribute: 'queueId' })).toBe('condition.newValue');
    expect(await post({ attribute: 'queueId', operator: 'EQ', value: 1 })).toBe('condition.operator');
    expect(await post({ attribute: 'priority', operator: 'GT' })).toBe('condition.value');
    expect(await post({ attribute: 'statusId', newValue: 'not-a-status' })).toBe('condition.newValue');
    expect(await post({ attribute: 'priority', newValue: 'high' })).toBe('condition.newValue');
    expect(fieldOf(await api.call('POST', base, { condition: { attribute: 'statusId', newValue: closed } }))).toBe(
      'name',
    );
    expect(
      (await api.call('POST', base, { name: 'closed', condition: { attribute: 'externalTag', newValue: 'x' } })).status,
    ).toBe(409);
    // A PATCH condition replaces the whole condition.
    const patched = await api.call('PATCH', `${base}/${ok.json.id}`, {
      condition: { attribute: 'statusId', newValue: open },
    });
    expect(patched.json.condition).toEqual({ attribute: 'statusId', newValue: open });
    const badPatch = await api.call('PATCH', `${base}/${ok.json.id}`, { condition: { attribute: 'priority' } });
    expect(fieldOf(badPatch)).toBe('condition.newValue');
  });

  it('keeps a date based condition, merges a PATCH of it, and refuses another attribute', async () => {
    api = startApi();
    const t = await worktype(api);
    const base = `${TM}/worktypes/${t.id}/flows/datebased/rules`;
    const created = await api.call('POST', base, {
      name: 'An hour before due',
      condition: { attribute: 'dateDue', relativeMinutesToInvocation: -60 },
    });
    expect(created.json).toMatchObject({
      type: 'Date',
      condition: { attribute: 'dateDue', relativeMinutesToInvocation: -60 },
    });
    const patched = await api.call('PATCH', `${base}/${created.json.id}`, {
      condition: { relativeMinutesToInvocation: 30 },
    });
    expect(patched.json.condition).toEqual({ attribute: 'dateDue', relativeMinutesToInvocation: 30 });
    const bad = await api.call('POST', base, {
      name: 'Bad',
      condition: { attribute: 'dateStatusChanged', relativeMinutesToInvocation: 5 },
    });
    expect(fieldOf(bad)).toBe('condition.attribute');
    const far = await api.call('POST', base, {
      name: 'Far',
      condition: { attribute: 'dateDue', relativeMinutesToInvocation: 600_000 },
    });
    expect(fieldOf(far)).toBe('condition.relativeMinutesToInvocation');
  });

  it('pages a listing with after and pageSize, and keeps the rule kinds apart', async () => {
    api = startApi();
    const t = await worktype(api);
    const base = `${TM}/worktypes/${t.id}/flows/oncreate/rules`;
    for (const name of ['First', 'Second', 'Third']) await api.call('POST', base, { name });
    const page1 = await api.call('GET', `${base}?pageSize=2`);
    expect(page1.json.entities.map((e: Json) => e.name)).toEqual(['First', 'Second']);
    expect(page1.json.nextUri).toBe(`${base}?pageSize=2&after=${page1.json.after}`);
    const page2 = await api.call('GET', `${base}?pageSize=2&after=${page1.json.after}`);
    expect(page2.json.entities.map((e: Json) => e.name)).toEqual(['Third']);
    expect(page2.json.after).toBeUndefined();
    expect(fieldOf(await api.call('GET', `${base}?pageSize=201`))).toBe('pageSize');
    expect(fieldOf(await api.call('GET', `${base}?after=nope`))).toBe('after');
    const onCreateId = page1.json.entities[0].id;
    // An on-create rule is not a date based rule.
    expect((await api.call('GET', `${TM}/worktypes/${t.id}/flows/datebased/rules/${onCreateId}`)).status).toBe(404);
    expect((await api.call('GET', `${TM}/worktypes/${t.id}/flows/datebased/rules`)).json.entities).toEqual([]);
  });

  it('answers 404 for an unknown worktype and deletes the rules with their worktype', async () => {
    api = startApi();
    const t = await worktype(api);
    expect((await api.call('GET', `${TM}/worktypes/nope/flows/oncreate/rules`)).status).toBe(404);
    const missing = await api.call('POST', `${TM}/worktypes/nope/flows/oncreate/rules`, { name: 'x' });
    expect(missing.json).toMatchObject({ status: 404, entityId: 'nope' });
    const rule = (await api.call('POST', `${TM}/worktypes/${t.id}/flows/oncreate/rules`, { name: 'r' })).json;
    expect((await api.call('DELETE', `${TM}/worktypes/${t.id}`)).status).toBe(204);
    const store = api.emu.services.org(api.emu.orgId).snapshot().taskmanagement as Json;
    expect(store.rules[rule.id]).toBeUndefined();
  });

  it('checks the permissions Genesys names for each kind of rule', async () => {
    api = startApi();
    const t = await worktype(api);
    const viewer = await clientToken(api.emu, [
      'workitems:flowRuleOnCreate:view',
      'workitems:flowRuleOnAttributeChange:add',
    ]);
    const onCreate = `${TM}/worktypes/${t.id}/flows/oncreate/rules`;
    expect((await api.call('GET', onCreate, undefined, viewer)).status).toBe(200);
    const denied = await api.call('POST', onCreate, { name: 'x' }, viewer);
    expect(denied.status).toBe(403);
    expect(denied.json.messageParams).toEqual({ permissions: 'workitems:flowRuleOnCreate:add' });
    const change = `${TM}/worktypes/${t.id}/flows/onattributechange/rules`;
    const added = await api.call(
      'POST',
      change,
      { name: 'x', condition: { attribute: 'externalTag', newValue: 'a' } },
      viewer,
    );
    expect(added.status).toBe(200);
    expect((await api.call('DELETE', `${change}/${added.json.id}`, undefined, viewer)).status).toBe(403);
    const dated = await api.call('GET', `${TM}/worktypes/${t.id}/flows/datebased/rules`, undefined, viewer);
    expect(dated.json.messageParams).toEqual({ permissions: 'workitems:flowRuleDateBased:view' });
  });
});
