import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../seed.ts';
import { T0, clientToken, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';

const OB = '/api/v2/outbound';
let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

const CALLBACKS = {
  name: 'Callback list',
  columnNames: ['First Name', 'Cell', 'Home', 'Email', 'TZ'],
  phoneColumns: [
    { columnName: 'Cell', type: 'cell', callableTimeColumn: 'TZ' },
    { columnName: 'Home', type: 'home' },
  ],
  emailColumns: [{ columnName: 'Email', type: 'work' }],
  previewModeColumnName: 'First Name',
  previewModeAcceptedValues: ['preview'],
};

async function createList(a: ApiFixture, body: Json = CALLBACKS): Promise<Json> {
  const r = await a.call('POST', `${OB}/contactlists`, body);
  expect(r.status).toBe(200);
  return r.json;
}

describe('Outbound: contact lists', () => {
  it('creates, reads, updates (with its version) and deletes a contact list in the home division', async () => {
    api = startApi();
    const created = await createList(api);
    expect(created).toEqual({
      id: created.id,
      name: 'Callback list',
      dateCreated: new Date(T0).toISOString(),
      dateModified: new Date(T0).toISOString(),
      version: 1,
      division: { id: DEMO.divisionId, name: 'Home', selfUri: `/api/v2/authorization/divisions/${DEMO.divisionId}` },
      columnNames: ['First Name', 'Cell', 'Home', 'Email', 'TZ'],
      phoneColumns: [
        { columnName: 'Cell', type: 'cell', callableTimeColumn: 'TZ' },
        { columnName: 'Home', type: 'home' },
      ],
      emailColumns: [{ columnName: 'Email', type: 'work' }],
      previewModeColumnName: 'First Name',
      previewModeAcceptedValues: ['preview'],
      automaticTimeZoneMapping: false,
      trimWhitespace: true,
      selfUri: `${OB}/contactlists/${created.id}`,
    });
    expect((await api.call('GET', `${OB}/contactlists/${created.id}`)).json).toEqual(created);
    await api.clock.advance(60_000);
    const put = await api.call('PUT', `${OB}/contactlists/${created.id}`, {
      ...created,
      name: 'Callbacks',
      columnNames: [...created.columnNames, 'Zip'],
      phoneColumns: [{ columnName: 'Cell', type: 'cell' }],
      automaticTimeZoneMapping: true,
      zipCodeColumnName: 'Zip',
    });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({
      name: 'Callbacks',
      version: 2,
      dateCreated: new Date(T0).toISOString(),
      dateModified: new Date(T0 + 60_000).toISOString(),
      automaticTimeZoneMapping: true,
      zipCodeColumnName: 'Zip',
      phoneColumns: [{ columnName: 'Cell', type: 'cell' }],
    });
    const stale = await api.call('PUT', `${OB}/contactlists/${created.id}`, { ...created, name: 'Stale' });
    expect(stale.status).toBe(409);
    expect(stale.json.message).toContain('its version is 2');
    const { version: _version, ...unversioned } = created;
    const noVersion = await api.call('PUT', `${OB}/contactlists/${created.id}`, unversioned);
    expect(noVersion.status).toBe(400);
    expect(noVersion.json.details).toEqual([{ errorCode: 'invalid.value', fieldName: 'version' }]);
    expect((await api.call('DELETE', `${OB}/contactlists/${created.id}`)).status).toBe(204);
    const gone = await api.call('GET', `${OB}/contactlists/${created.id}`);
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({ code: 'not.found', entityId: created.id });
  });

  it.each([
    [{ columnNames: ['Cell', 'cell'] }, 'columnNames'],
    [{ columnNames: [] }, 'columnNames'],
    [{ columnNames: ['A'], phoneColumns: [{ columnName: 'Cell', type: 'cell' }] }, 'phoneColumns.0.columnName'],
    [
      { columnNames: ['Cell', 'TZ'], phoneColumns: [{ columnName: 'Cell', type: 'cell', callableTimeColumn: 'Zone' }] },
      'phoneColumns.0.callableTimeColumn',
    ],
    [
      {
        columnNames: ['Cell', 'TZ'],
        automaticTimeZoneMapping: true,
        phoneColumns: [{ columnName: 'Cell', type: 'cell', callableTimeColumn: 'TZ' }],
      },
      'phoneColumns.0.callableTimeColumn',
    ],
    [{ columnNames: ['Cell', 'Zip'], zipCodeColumnName: 'Zip' }, 'zipCodeColumnName'],
    [{ columnNames: ['Cell'], previewModeColumnName: 'Mode' }, 'previewModeColumnName'],
    [
      {
        columnNames: ['Cell'],
        phoneColumns: [{ columnName: 'Cell', type: 'cell' }],
        emailColumns: [{ columnName: 'Cell', type: 'work' }],
      },
      'emailColumns.0.columnName',
    ],
    [{ columnNames: Array.from({ length: 51 }, (_, i) => `c${i}`) }, 'columnNames'],
    [{ columnNames: ['Cell'], retentionType: 'RetainIndefinitely' }, 'retentionType'],
    [{ columnNames: ['Cell'], division: { id: 'elsewhere' } }, 'division.id'],
  ])('refuses %j naming %s', async (fields, field) => {
    api = startApi();
    const r = await api.call('POST', `${OB}/contactlists`, { name: 'Bad list', ...fields });
    expect(r.status).toBe(400);
    expect(r.json.details.map((d: Json) => d.fieldName)).toContain(field);
  });

  it('refuses a taken name (409) and a PUT that drops a column contacts use', async () => {
    api = startApi();
    const list = await createList(api);
    expect((await api.call('POST', `${OB}/contactlists`, { ...CALLBACKS, name: 'callback LIST' })).status).toBe(409);
    await api.call('POST', `${OB}/contactlists/${list.id}/contacts`, [{ data: { Home: '+13175550111' } }]);
    const dropped = await api.call('PUT', `${OB}/contactlists/${list.id}`, {
      ...list,
      columnNames: ['First Name', 'Cell', 'Email', 'TZ'],
      phoneColumns: [{ columnName: 'Cell', type: 'cell' }],
    });
    expect(dropped.status).toBe(400);
    expect(dropped.json.message).toContain('"Home" cannot be removed');
  });

  it('lists by name (Prefix by default, or filterType), sorts, pages and counts contacts with includeSize', async () => {
    api = startApi();
    for (const name of ['Renewals', 'Callbacks east', 'Callbacks west'])
      await createList(api, { name, columnNames: ['Cell'] });
    const east = (await api.call('GET', `${OB}/contactlists?name=Callbacks%20east`)).json.entities[0];
    await api.call('POST', `${OB}/contactlists/${east.id}/contacts`, [
      { data: { Cell: '1' } },
      { data: { Cell: '2' } },
    ]);
    const byPrefix = await api.call('GET', `${OB}/contactlists?name=callbacks&sortOrder=descending&includeSize=true`);
    expect(byPrefix.json).toMatchObject({ total: 2, pageNumber: 1, pageSize: 25, pageCount: 1 });
    expect(byPrefix.json.entities.map((l: Json) => [l.name, l.size])).toEqual([
      ['Callbacks west', 0],
      ['Callbacks east', 2],
    ]);
    const contains = await api.call('GET', `${OB}/contactlists?name=west&filterType=Contains`);
    expect(contains.json.entities.map((l: Json) => l.name)).toEqual(['Callbacks west']);
    expect(contains.json.entities[0].size).toBeUndefined();
    const page2 = await api.call('GET', `${OB}/contactlists?pageSize=1&pageNumber=2`);
    expect(page2.json).toMatchObject({ total: 3, pageCount: 3, entities: [{ name: 'Callbacks west' }] });
    expect((await api.call('GET', `${OB}/contactlists?pageSize=500`)).json.pageSize).toBe(100);
    const bad = await api.call('GET', `${OB}/contactlists?filterType=Like`);
    expect(bad.status).toBe(400);
    expect(bad.json.details[0].fieldName).toBe('filterType');
  });

  it('checks the permission the SDK documents for each operation', async () => {
    api = startApi();
    const list = await createList(api);
    const viewer = await clientToken(api.emu, ['outbound:contactList:view']);
    expect((await api.call('GET', `${OB}/contactlists/${list.id}`, undefined, viewer)).status).toBe(200);
    const denied = await api.call('POST', `${OB}/contactlists`, { ...CALLBACKS, name: 'Other' }, viewer);
    expect(denied.status).toBe(403);
    expect(denied.json.message).toContain('outbound:contactList:add');
    expect((await api.call('DELETE', `${OB}/contactlists/${list.id}`, undefined, viewer)).status).toBe(403);
  });
});
