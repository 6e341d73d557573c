import { afterEach, describe, expect, it } from 'vitest';
import { clientToken, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';

const ORGS = '/api/v2/externalcontacts/organizations';

let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

async function organization(body: Record<string, unknown>): Promise<Json> {
  const res = await api!.call('POST', ORGS, body);
  expect(res.status).toBe(200);
  return res.json;
}

describe('external organizations: search, PUT, DELETE', () => {
  it('searches by words of name, type or industry, sorts and pages in Genesys listing shape', async () => {
    api = startApi();
    await organization({ name: 'Acme Retail', industry: 'Retail' });
    await organization({ name: 'Bolt Motors', industry: 'Automotive', companyType: 'Vendor' });
    await organization({ name: 'Corner Shop', industry: 'Retail' });
    const names = async (query: string): Promise<string[]> =>
      (await api!.call('GET', `${ORGS}?${query}`)).json.entities.map((o: { name: string }) => o.name);
    expect(await names('q=retail')).toEqual(['Acme Retail', 'Corner Shop']);
    expect(await names('q=vendor%20bolt')).toEqual(['Bolt Motors']);
    expect(await names('sortOrder=name:desc')).toEqual(['Corner Shop', 'Bolt Motors', 'Acme Retail']);
    const page = await api.call('GET', `${ORGS}?pageSize=2&pageNumber=2`);
    expect(page.json).toMatchObject({ pageSize: 2, pageNumber: 2, total: 3, pageCount: 2 });
    expect(page.json.entities.map((o: { name: string }) => o.name)).toEqual(['Corner Shop']);
    expect(page.json.previousUri).toBe(`${ORGS}?pageSize=2&pageNumber=1`);
    const badSort = await api.call('GET', `${ORGS}?sortOrder=revenue:asc`);
    expect(badSort.status).toBe(400);
    expect(badSort.json.details).toEqual([{ errorCode: 'invalid.value', fieldName: 'sortOrder' }]);
    expect((await api.call('GET', `${ORGS}?pageSize=101`)).json.details[0].fieldName).toBe('pageSize');
  });

  it('replaces an organization; 400 names name or id; 404 for an unknown id', async () => {
    api = startApi();
    const acme = await organization({ name: 'Acme', industry: 'Retail', companyType: 'Customer' });
    const put = await api.call('PUT', `${ORGS}/${acme.id}`, { name: 'Acme Inc', industry: 'Wholesale' });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({
      id: acme.id,
      name: 'Acme Inc',
      industry: 'Wholesale',
      createDate: acme.createDate,
    });
    expect(put.json.companyType).toBeUndefined();
    expect((await api.call('GET', `${ORGS}/${acme.id}`)).json).toEqual(put.json);
    const noName = await api.call('PUT', `${ORGS}/${acme.id}`, { name: ' ' });
    expect(noName.json.details).toEqual([{ errorCode: 'invalid.value', fieldName: 'name' }]);
    const otherId = await api.call('PUT', `${ORGS}/${acme.id}`, { id: 'x', name: 'Acme' });
    expect(otherId.json.details).toEqual([{ errorCode: 'invalid.value', fieldName: 'id' }]);
    expect((await api.call('PUT', `${ORGS}/nope`, { name: 'Acme' })).status).toBe(404);
  });

  it('deletes an organization, takes it off its contacts, and checks permissions', async () => {
    api = startApi();
    const acme = await organization({ name: 'Acme' });
    const cy = (
      await api.call('POST', '/api/v2/externalcontacts/contacts', {
        firstName: 'Cy',
        externalOrganization: { id: acme.id },
      })
    ).json;
    const viewer = await clientToken(api.emu, ['externalContacts:externalOrganization:view']);
    const denied = await api.call('DELETE', `${ORGS}/${acme.id}`, undefined, viewer);
    expect(denied.status).toBe(403);
    expect(denied.json.code).toBe('missing.permissions');
    expect((await api.call('PUT', `${ORGS}/${acme.id}`, { name: 'X' }, viewer)).status).toBe(403);
    expect((await api.call('GET', ORGS, undefined, viewer)).status).toBe(200);
    expect((await api.call('DELETE', `${ORGS}/${acme.id}`)).status).toBe(200);
    expect((await api.call('GET', `${ORGS}/${acme.id}`)).status).toBe(404);
    const after = (await api.call('GET', `/api/v2/externalcontacts/contacts/${cy.id}`)).json;
    expect(after.externalOrganization).toBeUndefined();
    expect((await api.call('DELETE', `${ORGS}/${acme.id}`)).status).toBe(404);
  });
});
