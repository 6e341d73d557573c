import { afterEach, describe, expect, it } from 'vitest';
import { T0, clientToken, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';

const OB = '/api/v2/outbound';
let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

async function list(a: ApiFixture): Promise<string> {
  const r = await a.call('POST', `${OB}/contactlists`, {
    name: 'Callbacks',
    columnNames: ['Name', 'Cell', 'Home', 'Balance'],
    phoneColumns: [
      { columnName: 'Cell', type: 'cell' },
      { columnName: 'Home', type: 'home' },
    ],
  });
  expect(r.status).toBe(200);
  return r.json.id;
}

describe('Outbound: contacts', () => {
  it('adds contacts, reads them one by one and in bulk, with the columns and statuses of the list', async () => {
    api = startApi();
    const id = await list(api);
    const added = await api.call('POST', `${OB}/contactlists/${id}/contacts?priority=true`, [
      { contactListId: id, data: { Name: 'Ada', Cell: '+13175550111', Balance: 42 } },
      { data: { Name: 'Bo', Home: '+13175550112' }, callable: false },
    ]);
    expect(added.status).toBe(200);
    const [ada, bo] = added.json;
    expect(ada).toEqual({
      id: expect.any(String),
      contactListId: id,
      data: { Name: 'Ada', Cell: '+13175550111', Balance: '42' },
      callable: true,
      phoneNumberStatus: { Cell: { callable: true } },
      configurationOverrides: { priority: true },
      dateCreated: new Date(T0).toISOString(),
      selfUri: `${OB}/contactlists/${id}/contacts/${ada.id}`,
    });
    expect(bo).toMatchObject({ callable: false, phoneNumberStatus: { Home: { callable: true } } });
    expect((await api.call('GET', `${OB}/contactlists/${id}/contacts/${ada.id}`)).json).toEqual(ada);
    const bulk = await api.call('POST', `${OB}/contactlists/${id}/contacts/bulk`, [bo.id, 'unknown', ada.id]);
    expect(bulk.json.map((k: Json) => k.data.Name)).toEqual(['Bo', 'Ada']);
    expect((await api.call('GET', `${OB}/contactlists/${id}?includeSize=true`)).json.size).toBe(2);
  });

  it('refuses a data key that is no column, naming it, and writes nothing of the request', async () => {
    api = startApi();
    const id = await list(api);
    const r = await api.call('POST', `${OB}/contactlists/${id}/contacts`, [
      { data: { Name: 'Ada' } },
      { data: { Name: 'Bo', Email: 'bo@example.com' } },
    ]);
    expect(r.status).toBe(400);
    expect(r.json.details).toEqual([{ errorCode: 'invalid.value', fieldName: '1.data.Email' }]);
    expect(r.json.message).toContain('"Email" is not a column of contact list Callbacks');
    expect((await api.call('GET', `${OB}/contactlists/${id}?includeSize=true`)).json.size).toBe(0);
    const other = await api.call('POST', `${OB}/contactlists/${id}/contacts`, [{ contactListId: 'x', data: {} }]);
    expect(other.json.details[0].fieldName).toBe('0.contactListId');
    const status = await api.call('POST', `${OB}/contactlists/${id}/contacts`, [
      { data: { Name: 'Cy' }, phoneNumberStatus: { Name: { callable: false } } },
    ]);
    expect(status.json.details[0].fieldName).toBe('0.phoneNumberStatus.Name');
    const missing = await api.call('POST', `${OB}/contactlists/gone/contacts`, [{ data: {} }]);
    expect(missing.status).toBe(404);
  });

  it('updates a contact added again by id, keeping its system data unless clearSystemData=true', async () => {
    api = startApi();
    const id = await list(api);
    await api.call('POST', `${OB}/contactlists/${id}/contacts`, [
      { id: 'c-1', data: { Name: 'Ada' }, callable: false },
    ]);
    const again = await api.call('POST', `${OB}/contactlists/${id}/contacts`, [{ id: 'c-1', data: { Name: 'Ada B' } }]);
    expect(again.json[0]).toMatchObject({ id: 'c-1', data: { Name: 'Ada B' }, callable: false });
    const cleared = await api.call('POST', `${OB}/contactlists/${id}/contacts?clearSystemData=true`, [
      { id: 'c-1', data: { Name: 'Ada C' } },
    ]);
    expect(cleared.json[0]).toMatchObject({ data: { Name: 'Ada C' }, callable: true });
    const twice = await api.call('POST', `${OB}/contactlists/${id}/contacts`, [
      { id: 'c-2', data: {} },
      { id: 'c-2', data: {} },
    ]);
    expect(twice.json.details[0].fieldName).toBe('1.id');
  });

  it('replaces a contact with PUT, deletes one, several and all', async () => {
    api = startApi();
    const id = await list(api);
    const added = (
      await api.call(
        'POST',
        `${OB}/contactlists/${id}/contacts`,
        ['A', 'B', 'C', 'D'].map((n) => ({ data: { Name: n } })),
      )
    ).json as Json[];
    const [a, b, c, d] = added.map((k) => k.id as string);
    const put = await api.call('PUT', `${OB}/contactlists/${id}/contacts/${a}`, {
      ...added[0],
      data: { Name: 'A2', Cell: '3175550100' },
      phoneNumberStatus: { Cell: { callable: false } },
    });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({
      data: { Name: 'A2', Cell: '3175550100' },
      phoneNumberStatus: { Cell: { callable: false } },
    });
    const wrongId = await api.call('PUT', `${OB}/contactlists/${id}/contacts/${a}`, { id: b, data: {} });
    expect(wrongId.json.details[0].fieldName).toBe('id');
    const badColumn = await api.call('PUT', `${OB}/contactlists/${id}/contacts/${a}`, { data: { Nope: 'x' } });
    expect(badColumn.json.details[0].fieldName).toBe('data.Nope');
    expect((await api.call('DELETE', `${OB}/contactlists/${id}/contacts/${a}`)).status).toBe(204);
    expect((await api.call('GET', `${OB}/contactlists/${id}/contacts/${a}`)).status).toBe(404);
    expect((await api.call('DELETE', `${OB}/contactlists/${id}/contacts?contactIds=${b},${c},unknown`)).status).toBe(
      204,
    );
    const left = await api.call('POST', `${OB}/contactlists/${id}/contacts/bulk`, [a, b, c, d]);
    expect(left.json.map((k: Json) => k.id)).toEqual([d]);
    const noIds = await api.call('DELETE', `${OB}/contactlists/${id}/contacts`);
    expect(noIds.json.details[0].fieldName).toBe('contactIds');
    expect((await api.call('POST', `${OB}/contactlists/${id}/clear`)).status).toBe(204);
    expect((await api.call('GET', `${OB}/contactlists/${id}?includeSize=true`)).json.size).toBe(0);
  });

  it('searches contacts by criteria, sorts and pages them', async () => {
    api = startApi();
    const id = await list(api);
    const people: [string, string][] = [
      ['Ada', '120'],
      ['Bo', '15'],
      ['Cy', '300'],
      ['Di', 'n/a'],
    ];
    await api.call(
      'POST',
      `${OB}/contactlists/${id}/contacts`,
      people.map(([Name, Balance]) => ({ data: { Name, Balance } })),
    );
    const search = (body: Json) =>
      api!.call('POST', `${OB}/contactlists/${id}/contacts/search`, { pageNumber: 1, pageSize: 25, ...body });
    const names = (r: Json) => r.json.entities.map((k: Json) => k.data.Name);
    const rich = await search({
      criteria: {
        clauses: [
          { predicates: [{ column: 'Balance', columnType: 'numeric', operator: 'GREATER_THAN', value: '100' }] },
        ],
      },
      contactSorts: [{ fieldName: 'Balance', direction: 'DESC', numeric: true }],
    });
    expect(names(rich)).toEqual(['Cy', 'Ada']);
    expect(rich.json).toMatchObject({ total: 2, contactsCount: 4, pageNumber: 1, pageCount: 1 });
    const either = await search({
      criteria: {
        filterType: 'OR',
        clauses: [
          { predicates: [{ column: 'Name', operator: 'IN', range: { inSet: ['bo', 'di'] } }] },
          {
            predicates: [
              { column: 'Name', operator: 'EQUALS', value: 'Ada', inverted: true },
              { column: 'Balance', operator: 'BEGINS_WITH', value: '3' },
            ],
          },
        ],
      },
      contactSorts: [{ fieldName: 'Name', direction: 'ASC' }],
    });
    expect(names(either)).toEqual(['Bo', 'Cy', 'Di']);
    const between = await search({
      criteria: {
        clauses: [
          {
            predicates: [
              {
                column: 'Balance',
                columnType: 'numeric',
                operator: 'BETWEEN',
                range: { min: '15', max: '120', minInclusive: false },
              },
            ],
          },
        ],
      },
    });
    expect(names(between)).toEqual(['Ada']);
    const paged = await search({ pageSize: 3, pageNumber: 2, contactSorts: [{ fieldName: 'Name' }] });
    expect(paged.json).toMatchObject({ total: 4, pageCount: 2, entities: [{ data: { Name: 'Di' } }] });
    const badColumn = await search({
      criteria: { clauses: [{ predicates: [{ column: 'Zip', operator: 'EQUALS', value: '1' }] }] },
    });
    expect(badColumn.json.details[0].fieldName).toBe('criteria.clauses.0.predicates.0.column');
    const relative = await search({
      criteria: { clauses: [{ predicates: [{ column: 'Name', operator: 'AFTER', value: 'P01DT00H00M' }] }] },
    });
    expect(relative.status).toBe(400);
    expect(relative.json.details[0].fieldName).toBe('criteria.clauses.0.predicates.0.operator');
    const filter = await search({ contactListFilterId: 'f-1' });
    expect(filter.json.details[0].fieldName).toBe('contactListFilterId');
  });

  it('checks the contact permissions the SDK documents', async () => {
    api = startApi();
    const id = await list(api);
    const adder = await clientToken(api.emu, ['outbound:contact:add']);
    const added = await api.call('POST', `${OB}/contactlists/${id}/contacts`, [{ data: { Name: 'Ada' } }], adder);
    expect(added.status).toBe(200);
    const read = await api.call('GET', `${OB}/contactlists/${id}/contacts/${added.json[0].id}`, undefined, adder);
    expect(read.status).toBe(403);
    expect(read.json.message).toContain('outbound:contact:view');
  });
});
