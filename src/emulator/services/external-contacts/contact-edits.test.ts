import { afterEach, describe, expect, it } from 'vitest';
import { clientToken, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';

const EC = '/api/v2/externalcontacts';

let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

async function contact(body: Record<string, unknown>): Promise<Json> {
  const res = await api!.call('POST', `${EC}/contacts`, body);
  expect(res.status).toBe(200);
  return res.json;
}

describe('PUT and DELETE of an external contact', () => {
  it('replaces the contact, keeping id, createDate and type', async () => {
    api = startApi();
    const made = await contact({ firstName: 'Cy', lastName: 'Doe', title: 'CTO', type: 'Ephemeral' });
    await api.clock.advance(60_000);
    const put = await api.call('PUT', `${EC}/contacts/${made.id}`, {
      id: made.id,
      firstName: 'Cyrus',
      lastName: 'Doe',
      cellPhone: { display: '+1 317-555-0100' },
      createDate: '2000-01-01T00:00:00.000Z',
    });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ id: made.id, firstName: 'Cyrus', type: 'Ephemeral', createDate: made.createDate });
    expect(put.json.title).toBeUndefined();
    expect(put.json.modifyDate > made.modifyDate).toBe(true);
    expect((await api.call('GET', `${EC}/contacts/${made.id}`)).json).toEqual(put.json);
  });

  it('400 names the field: another id, no name, a phone without display; 404 for an unknown id', async () => {
    api = startApi();
    const made = await contact({ firstName: 'Cy' });
    const other = await api.call('PUT', `${EC}/contacts/${made.id}`, { id: 'someone-else', firstName: 'Cy' });
    expect(other.status).toBe(400);
    expect(other.json.details).toEqual([{ errorCode: 'invalid.value', fieldName: 'id' }]);
    const noName = await api.call('PUT', `${EC}/contacts/${made.id}`, { title: 'x' });
    expect(noName.json.details[0].fieldName).toBe('firstName');
    const badPhone = await api.call('PUT', `${EC}/contacts/${made.id}`, { firstName: 'Cy', workPhone: { e164: 1 } });
    expect(badPhone.status).toBe(400);
    expect(badPhone.json.details[0].fieldName).toBe('workPhone.display');
    expect((await api.call('PUT', `${EC}/contacts/nope`, { firstName: 'Cy' })).status).toBe(404);
  });

  it('deletes a contact (then 404) and checks edit/delete permissions', async () => {
    api = startApi();
    const made = await contact({ firstName: 'Cy' });
    const viewer = await clientToken(api.emu, ['externalContacts:contact:view']);
    const denied = await api.call('DELETE', `${EC}/contacts/${made.id}`, undefined, viewer);
    expect(denied.status).toBe(403);
    expect(denied.json.code).toBe('missing.permissions');
    expect((await api.call('PUT', `${EC}/contacts/${made.id}`, { firstName: 'X' }, viewer)).status).toBe(403);
    expect((await api.call('DELETE', `${EC}/contacts/${made.id}`)).status).toBe(200);
    expect((await api.call('GET', `${EC}/contacts/${made.id}`)).status).toBe(404);
    expect((await api.call('DELETE', `${EC}/contacts/${made.id}`)).status).toBe(404);
  });
});

describe('reverse whitepages lookup', () => {
  const lookup = async (val: string, expand = ''): Promise<Json> =>
    api!.call('GET', `${EC}/reversewhitepageslookup?lookupVal=${encodeURIComponent(val)}${expand}`);

  it('finds contacts by a phone number in any phone field, normalised to E.164, or by an email', async () => {
    api = startApi();
    const acme = (await api.call('POST', `${EC}/organizations`, { name: 'Acme' })).json;
    const ada = await contact({
      firstName: 'Ada',
      homePhone: { display: '(317) 555-0199' },
      personalEmail: 'Ada@Example.com',
      externalOrganization: { id: acme.id },
    });
    const bo = await contact({ firstName: 'Bo', otherPhone: { display: '+1 317 555 0199' } });
    await contact({ firstName: 'Cy', workPhone: { display: '+44 317 555 0199' } });
    const ids = async (val: string): Promise<string[]> =>
      (await lookup(val)).json.contacts.map((x: { id: string }) => x.id).sort();
    expect(await ids('+13175550199')).toEqual([ada.id, bo.id].sort());
    expect(await ids('tel:+1-317-555-0199')).toEqual([ada.id, bo.id].sort());
    expect(await ids('ada@example.COM')).toEqual([ada.id]);
    expect(await ids('+13175550000')).toEqual([]);
    const expanded = await lookup('ada@example.com', '&expand=externalOrganization');
    expect(expanded.json.contacts[0].externalOrganization).toMatchObject({ id: acme.id, name: 'Acme' });
    expect((await lookup('ada@example.com')).json.contacts[0].externalOrganization).toEqual({ id: acme.id });
  });

  it('400 names lookupVal when it is missing or neither a number nor an email; 403 without view', async () => {
    api = startApi();
    const missing = await api.call('GET', `${EC}/reversewhitepageslookup`);
    expect(missing.status).toBe(400);
    expect(missing.json.details).toEqual([{ errorCode: 'invalid.value', fieldName: 'lookupVal' }]);
    expect((await lookup('abc')).json.details[0].fieldName).toBe('lookupVal');
    const nobody = await clientToken(api.emu, ['externalContacts:contact:add']);
    const denied = await api.call('GET', `${EC}/reversewhitepageslookup?lookupVal=a@b.c`, undefined, nobody);
    expect(denied.status).toBe(403);
  });
});
