import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../seed.ts';
import { T0, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';

const TM = '/api/v2/taskmanagement';
let api: ApiFixture;
let typeId: string;
let otherTypeId: string;
let waitingId: string;

const eq = (name: string, value: string) => ({ name, type: 'String', operator: 'EQ', values: [value] });
const names = (r: { json: Json }): string[] => r.json.entities.map((e: Json) => e.name);
const query = (body: Record<string, unknown>) => api.call('POST', `${TM}/workitems/query`, body);

beforeEach(async () => {
  api = startApi();
  const bin = (await api.call('POST', `${TM}/workbins`, { name: 'Claims bin' })).json;
  const type = (await api.call('POST', `${TM}/worktypes`, { name: 'Claim', defaultWorkbinId: bin.id })).json;
  typeId = type.id;
  otherTypeId = (await api.call('POST', `${TM}/worktypes`, { name: 'Refund', defaultWorkbinId: bin.id })).json.id;
  waitingId = (await api.call('POST', `${TM}/worktypes/${typeId}/statuses`, { name: 'Waiting', category: 'Waiting' }))
    .json.id;
  const items = [
    { name: 'Claim alpha', priority: 3, dateDue: new Date(T0 + 3 * 3600_000).toISOString() },
    { name: 'Claim beta', priority: 9, assigneeId: DEMO.users.alice, statusId: waitingId },
    { name: 'Claim gamma', priority: -1, dateDue: new Date(T0 + 3600_000).toISOString() },
  ];
  for (const item of items) {
    expect((await api.call('POST', `${TM}/workitems`, { typeId, ...item })).status).toBe(200);
    await api.clock.advance(1_000);
  }
  await api.call('POST', `${TM}/workitems`, { typeId: otherTypeId, name: 'Refund delta', priority: 100 });
});

afterEach(async () => {
  await api.emu.close();
});

describe('Task Management: workitem query', () => {
  it('requires an EQ filter on workbinId, assigneeId or typeId', async () => {
    const r = await query({ filters: [{ name: 'priority', type: 'Int', operator: 'GT', values: ['0'] }] });
    expect(r.status).toBe(400);
    expect(r.json.details).toEqual([{ errorCode: 'invalid.value', fieldName: 'filters' }]);
    expect((await query({})).status).toBe(400);
  });

  it('filters with EQ, IN, NEQ, GT/LTE, BETWEEN, CONTAINS and BEGINS_WITH, all filters together', async () => {
    expect(names(await query({ filters: [eq('typeId', typeId)] }))).toEqual([
      'Claim alpha',
      'Claim beta',
      'Claim gamma',
    ]);
    expect(names(await query({ filters: [eq('assigneeId', DEMO.users.alice)] }))).toEqual(['Claim beta']);
    const by = async (f: Record<string, unknown>): Promise<string[]> =>
      names(await query({ filters: [eq('typeId', typeId), f] }));
    expect(await by({ name: 'statusId', type: 'String', operator: 'IN', values: [waitingId, 'x'] })).toEqual([
      'Claim beta',
    ]);
    expect(await by({ name: 'statusCategory', type: 'String', operator: 'NEQ', values: ['Waiting'] })).toEqual([
      'Claim alpha',
      'Claim gamma',
    ]);
    expect(await by({ name: 'priority', type: 'Int', operator: 'GT', values: ['0'] })).toEqual([
      'Claim alpha',
      'Claim beta',
    ]);
    expect(await by({ name: 'priority', type: 'Int', operator: 'LTE', values: ['3'] })).toEqual([
      'Claim alpha',
      'Claim gamma',
    ]);
    expect(await by({ name: 'priority', type: 'Int', operator: 'BETWEEN', values: ['0', '5'] })).toEqual([
      'Claim alpha',
    ]);
    expect(await by({ name: 'name', type: 'String', operator: 'CONTAINS', values: ['GAMMA'] })).toEqual([
      'Claim gamma',
    ]);
    expect(await by({ name: 'name', type: 'String', operator: 'BEGINS_WITH', values: ['Claim b'] })).toEqual([
      'Claim beta',
    ]);
    expect(
      await by({ name: 'dateCreated', type: 'String', operator: 'GTE', values: [new Date(T0 + 1_000).toISOString()] }),
    ).toEqual(['Claim beta', 'Claim gamma']);
    expect(await by({ name: 'dateDue', type: 'String', operator: 'LT', values: ['2026-01-05T11:00:00Z'] })).toEqual([
      'Claim gamma',
    ]);
  });

  it('names the filter that is wrong', async () => {
    const field = async (f: Record<string, unknown>): Promise<string> =>
      (await query({ filters: [eq('typeId', typeId), f] })).json.details[0].fieldName;
    expect(await field({ name: 'customFields.x', type: 'String', operator: 'EQ', values: ['1'] })).toBe(
      'filters[1].name',
    );
    expect(await field({ name: 'priority', type: 'String', operator: 'EQ', values: ['1'] })).toBe('filters[1].type');
    expect(await field({ name: 'priority', type: 'Int', operator: 'EQ', values: ['high'] })).toBe('filters[1].values');
    expect(await field({ name: 'priority', type: 'Int', operator: 'BETWEEN', values: ['1'] })).toBe(
      'filters[1].values',
    );
    expect(await field({ name: 'priority', type: 'Int', operator: 'CONTAINS', values: ['1'] })).toBe(
      'filters[1].operator',
    );
    expect(await field({ name: 'name', type: 'String', operator: 'LIKE', values: ['1'] })).toBe('filters.1.operator');
  });

  it('sorts by priority or dateDue (missing last), pages with the after cursor, counts', async () => {
    const byPriority = await query({ filters: [eq('typeId', typeId)], sort: { name: 'priority', ascending: false } });
    expect(names(byPriority)).toEqual(['Claim beta', 'Claim alpha', 'Claim gamma']);
    expect(names(await query({ filters: [eq('typeId', typeId)], sort: { name: 'dateDue' } }))).toEqual([
      'Claim gamma',
      'Claim alpha',
      'Claim beta',
    ]);
    expect((await query({ filters: [eq('typeId', typeId)], sort: { name: 'name' } })).json.details[0].fieldName).toBe(
      'sort.name',
    );
    const first = await query({ filters: [eq('typeId', typeId)], pageSize: 2 });
    expect(names(first)).toEqual(['Claim alpha', 'Claim beta']);
    const second = await query({ filters: [eq('typeId', typeId)], pageSize: 2, after: first.json.after });
    expect(names(second)).toEqual(['Claim gamma']);
    expect(second.json.after).toBeUndefined();
    expect((await query({ filters: [eq('typeId', typeId)], after: 'garbage' })).json.details[0].fieldName).toBe(
      'after',
    );
    expect((await query({ filters: [eq('typeId', typeId)], select: 'Count' })).json).toEqual({ count: 3 });
    expect((await query({ filters: [eq('typeId', typeId)], pageSize: 201 })).status).toBe(400);
  });

  it('expands references and keeps only the attributes asked for', async () => {
    const r = await query({
      filters: [eq('assigneeId', DEMO.users.alice)],
      expands: ['status', 'assignee'],
      attributes: ['name', 'statusId', 'assigneeId'],
    });
    expect(r.json.entities).toEqual([
      {
        id: expect.any(String),
        name: 'Claim beta',
        status: { id: waitingId, name: 'Waiting', selfUri: `${TM}/worktypes/${typeId}/statuses/${waitingId}` },
        assignee: { id: DEMO.users.alice, name: 'Alice Anders', selfUri: `/api/v2/users/${DEMO.users.alice}` },
        selfUri: expect.any(String),
      },
    ]);
    expect((await query({ filters: [eq('typeId', typeId)], expands: ['nope'] })).json.details[0].fieldName).toBe(
      'expands',
    );
  });
});
