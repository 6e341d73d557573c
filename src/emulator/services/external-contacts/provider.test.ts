import { afterEach, describe, expect, it } from 'vitest';
import { clientToken, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture } from '../conversations/api.test-support.ts';

let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

describe('External Contacts API', () => {
  it('creates a contact and reads it by id; an unknown id is 404', async () => {
    api = startApi();
    const created = await api.call('POST', '/api/v2/externalcontacts/contacts', {
      firstName: 'Cy',
      lastName: 'Doe',
      workPhone: { display: '+1 317-555-0100' },
      externalOrganization: { id: 'org-1' },
    });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({
      firstName: 'Cy',
      lastName: 'Doe',
      workPhone: { display: '+1 317-555-0100' },
      selfUri: `/api/v2/externalcontacts/contacts/${created.json.id}`,
    });
    const read = await api.call('GET', `/api/v2/externalcontacts/contacts/${created.json.id}`);
    expect(read.json).toEqual(created.json);
    expect((await api.call('GET', '/api/v2/externalcontacts/contacts/nope')).status).toBe(404);
  });

  it('creates an organization and reads it by id', async () => {
    api = startApi();
    const created = await api.call('POST', '/api/v2/externalcontacts/organizations', {
      name: 'Acme',
      industry: 'Retail',
    });
    expect(created.status).toBe(200);
    const read = await api.call('GET', `/api/v2/externalcontacts/organizations/${created.json.id}`);
    expect(read.json).toMatchObject({ id: created.json.id, name: 'Acme', industry: 'Retail' });
    expect((await api.call('POST', '/api/v2/externalcontacts/organizations', {})).status).toBe(400);
    expect((await api.call('GET', '/api/v2/externalcontacts/organizations/nope')).status).toBe(404);
  });

  it('requires a name and the view/add permissions', async () => {
    api = startApi();
    expect((await api.call('POST', '/api/v2/externalcontacts/contacts', { title: 'No name' })).status).toBe(400);
    const viewer = await clientToken(api.emu, ['externalContacts:contact:view']);
    expect((await api.call('POST', '/api/v2/externalcontacts/contacts', { firstName: 'X' }, viewer)).status).toBe(403);
    const nobody = await clientToken(api.emu, ['directory:user:view']);
    expect((await api.call('GET', '/api/v2/externalcontacts/contacts/any', undefined, nobody)).status).toBe(403);
  });

  it('searches contacts by keywords and by phone number in any format', async () => {
    api = startApi();
    await api.call('POST', '/api/v2/externalcontacts/contacts', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      workEmail: 'ada@example.com',
      cellPhone: { display: '+1 (317) 555-0199' },
    });
    await api.call('POST', '/api/v2/externalcontacts/contacts', {
      firstName: 'Alan',
      lastName: 'Turing',
      workPhone: { display: '+44 20 7946 0018' },
    });
    const names = async (q: string): Promise<string[]> =>
      (await api!.call('GET', `/api/v2/externalcontacts/contacts?q=${encodeURIComponent(q)}`)).json.entities.map(
        (c: { lastName: string }) => c.lastName,
      );
    expect(await names('ada lovelace')).toEqual(['Lovelace']);
    expect(await names('3175550199')).toEqual(['Lovelace']);
    expect(await names('tel:+13175550199')).toEqual(['Lovelace']);
    expect(await names('+442079460018')).toEqual(['Turing']);
    expect(await names('grace')).toEqual([]);
    expect((await api.call('GET', '/api/v2/externalcontacts/contacts')).json.total).toBe(2);
  });
});
