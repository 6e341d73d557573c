import { afterEach, describe, expect, it } from 'vitest';
import { clientToken, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture } from '../conversations/api.test-support.ts';

let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

describe('identifier lookup and merge', () => {
  it('finds a contact by phone (any format), email (any case) or external id; 404 when none, 400 for an unknown type', async () => {
    api = startApi();
    const made = await api.call('POST', '/api/v2/externalcontacts/contacts', {
      firstName: 'Ada',
      workEmail: 'Ada@Example.com',
      cellPhone: { display: '+1 (317) 555-0188' },
      externalIds: [{ externalSource: { id: 'crm' }, value: 'crm-42' }],
    });
    for (const body of [
      { type: 'Phone', value: '+13175550188' },
      { type: 'email', value: 'ada@example.COM' },
      { type: 'ExternalId', value: 'crm-42' },
    ]) {
      const found = await api.call('POST', '/api/v2/externalcontacts/identifierlookup/contacts', body);
      expect(found.status, JSON.stringify(body)).toBe(200);
      expect(found.json.id).toBe(made.json.id);
    }
    expect(
      (await api.call('POST', '/api/v2/externalcontacts/identifierlookup', { type: 'Phone', value: '+13175550000' }))
        .status,
    ).toBe(404);
    const bad = await api.call('POST', '/api/v2/externalcontacts/identifierlookup', { type: 'Cookie', value: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('Phone, Email, ExternalId');
  });

  it('merges an ephemeral contact into a curated one: a new contact with both, the two gone; two curated ones are refused', async () => {
    api = startApi();
    const curated = await api.call('POST', '/api/v2/externalcontacts/contacts', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      workEmail: 'ada@example.com',
    });
    const ephemeral = await api.call('POST', '/api/v2/externalcontacts/contacts', {
      firstName: 'Guest',
      type: 'Ephemeral',
      cellPhone: { display: '+13175550177' },
    });
    const merged = await api.call('POST', '/api/v2/externalcontacts/merge/contacts', {
      sourceContactId: ephemeral.json.id,
      targetContactId: curated.json.id,
    });
    expect(merged.status).toBe(200);
    expect(merged.json).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      workEmail: 'ada@example.com',
      cellPhone: { display: '+13175550177' },
      type: 'Curated',
    });
    expect(merged.json.id).not.toBe(curated.json.id);
    expect((await api.call('GET', `/api/v2/externalcontacts/contacts/${curated.json.id}`)).status).toBe(404);
    expect((await api.call('GET', `/api/v2/externalcontacts/contacts/${merged.json.id}`)).status).toBe(200);

    const other = await api.call('POST', '/api/v2/externalcontacts/contacts', { firstName: 'Bob' });
    const refused = await api.call('POST', '/api/v2/externalcontacts/merge/contacts', {
      sourceContactId: other.json.id,
      targetContactId: merged.json.id,
    });
    expect(refused.status).toBe(400);
    expect(refused.json.message).toBe('Two curated contacts cannot be merged');
    expect(
      (
        await api.call('POST', '/api/v2/externalcontacts/merge/contacts', {
          sourceContactId: 'nope',
          targetContactId: merged.json.id,
        })
      ).status,
    ).toBe(404);
    const viewer = await clientToken(api.emu, ['externalContacts:contact:view']);
    expect(
      (
        await api.call(
          'POST',
          '/api/v2/externalcontacts/merge/contacts',
          { sourceContactId: other.json.id, targetContactId: merged.json.id },
          viewer,
        )
      ).status,
    ).toBe(403);
  });
});
