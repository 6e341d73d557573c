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

async function dnc(a: ApiFixture, name = 'Opt-outs', contactMethod = 'Phone'): Promise<Json> {
  const r = await a.call('POST', `${OB}/dnclists`, { name, dncSourceType: 'rds', contactMethod });
  expect(r.status).toBe(200);
  return r.json;
}

const size = async (a: ApiFixture, id: string): Promise<number> =>
  (await a.call('GET', `${OB}/dnclists/${id}?includeSize=true`)).json.size;

describe('Outbound: DNC lists', () => {
  it('creates, reads, updates (with its version), lists and deletes an rds DNC list', async () => {
    api = startApi();
    const created = await dnc(api);
    expect(created).toEqual({
      id: created.id,
      name: 'Opt-outs',
      dateCreated: new Date(T0).toISOString(),
      dateModified: new Date(T0).toISOString(),
      version: 1,
      dncSourceType: 'rds',
      contactMethod: 'Phone',
      division: { id: DEMO.divisionId, name: 'Home', selfUri: `/api/v2/authorization/divisions/${DEMO.divisionId}` },
      selfUri: `${OB}/dnclists/${created.id}`,
    });
    const put = await api.call('PUT', `${OB}/dnclists/${created.id}`, {
      ...created,
      name: 'Opt-outs 2',
      contactMethod: 'Any',
    });
    expect(put.json).toMatchObject({ name: 'Opt-outs 2', contactMethod: 'Any', version: 2 });
    expect((await api.call('PUT', `${OB}/dnclists/${created.id}`, created)).status).toBe(409);
    await dnc(api, 'Email opt-outs', 'Email');
    const listed = await api.call('GET', `${OB}/dnclists?name=opt&dncSourceType=rds&includeSize=true`);
    expect(listed.json.entities.map((d: Json) => [d.name, d.size])).toEqual([['Opt-outs 2', 0]]);
    const none = await api.call('GET', `${OB}/dnclists?dncSourceType=gryphon`);
    expect(none.json).toMatchObject({ total: 0, entities: [] });
    expect((await api.call('DELETE', `${OB}/dnclists/${created.id}`)).status).toBe(204);
    expect((await api.call('GET', `${OB}/dnclists/${created.id}`)).status).toBe(404);
  });

  it.each([
    [{ dncSourceType: 'gryphon', contactMethod: 'Phone' }, 'dncSourceType'],
    [{ dncSourceType: 'fax' }, 'dncSourceType'],
    [{ dncSourceType: 'rds' }, 'contactMethod'],
    [{ dncSourceType: 'rds', contactMethod: 'Pigeon' }, 'contactMethod'],
    [{ dncSourceType: 'rds', contactMethod: 'Phone', loginId: 'x' }, 'loginId'],
    [{ contactMethod: 'Phone' }, 'dncSourceType'],
  ])('refuses %j naming %s', async (fields, field) => {
    api = startApi();
    const r = await api.call('POST', `${OB}/dnclists`, { name: 'Bad', ...fields });
    expect(r.status).toBe(400);
    expect(r.json.details.map((d: Json) => d.fieldName)).toContain(field);
  });

  it('adds and removes phone numbers, expires them, and counts them in size', async () => {
    api = startApi();
    const list = await dnc(api);
    const add = await api.call('POST', `${OB}/dnclists/${list.id}/phonenumbers`, ['+1 (317) 555-0100', '3175550101']);
    expect(add.status).toBe(204);
    expect(await size(api, list.id)).toBe(2);
    // The same number in another format is the same entry.
    await api.call('POST', `${OB}/dnclists/${list.id}/phonenumbers`, ['+1-317-555-0100']);
    expect(await size(api, list.id)).toBe(2);
    const removed = await api.call('PATCH', `${OB}/dnclists/${list.id}/phonenumbers`, {
      action: 'Remove',
      phoneNumbers: ['3175550101', '3175550199'],
    });
    expect(removed.status).toBe(204);
    expect(await size(api, list.id)).toBe(1);
    const expiring = await api.call('PATCH', `${OB}/dnclists/${list.id}/phonenumbers`, {
      action: 'Add',
      phoneNumbers: ['3175550102'],
      expirationDateTime: new Date(T0 + 3_600_000).toISOString().slice(0, 16) + 'Z',
    });
    expect(expiring.status).toBe(204);
    await api.call(
      'POST',
      `${OB}/dnclists/${list.id}/phonenumbers?expirationDateTime=${new Date(T0 + 7_200_000).toISOString().slice(0, 16)}Z`,
      ['3175550103'],
    );
    expect(await size(api, list.id)).toBe(3);
    await api.clock.advance(3_600_000);
    expect((await api.call('DELETE', `${OB}/dnclists/${list.id}/phonenumbers?expiredOnly=true`)).status).toBe(204);
    expect(await size(api, list.id)).toBe(2);
    await api.call('DELETE', `${OB}/dnclists/${list.id}/phonenumbers`);
    expect(await size(api, list.id)).toBe(0);
  });

  it('refuses what a list does not take, naming the field', async () => {
    api = startApi();
    const phones = await dnc(api);
    const bad = await api.call('POST', `${OB}/dnclists/${phones.id}/phonenumbers`, ['3175550100', 'call me']);
    expect(bad.json.details).toEqual([{ errorCode: 'invalid.value', fieldName: '1' }]);
    expect(await size(api, phones.id)).toBe(0);
    const email = await api.call('POST', `${OB}/dnclists/${phones.id}/emailaddresses`, ['a@example.com']);
    expect(email.status).toBe(400);
    expect(email.json.details[0].fieldName).toBe('contactMethod');
    const noAction = await api.call('PATCH', `${OB}/dnclists/${phones.id}/phonenumbers`, {
      phoneNumbers: ['3175550100'],
    });
    expect(noAction.json.details[0].fieldName).toBe('action');
    const past = await api.call('PATCH', `${OB}/dnclists/${phones.id}/phonenumbers`, {
      action: 'Add',
      phoneNumbers: ['3175550100'],
      expirationDateTime: '2020-01-01T00:00Z',
    });
    expect(past.json.details[0].fieldName).toBe('expirationDateTime');
    await api.call('POST', `${OB}/dnclists/${phones.id}/phonenumbers`, ['3175550100']);
    const toEmail = await api.call('PUT', `${OB}/dnclists/${phones.id}`, { ...phones, contactMethod: 'Email' });
    expect(toEmail.json.details[0].fieldName).toBe('contactMethod');
  });

  it('keeps email addresses lower-cased on an Email list', async () => {
    api = startApi();
    const list = await dnc(api, 'Email opt-outs', 'Email');
    expect((await api.call('POST', `${OB}/dnclists/${list.id}/emailaddresses`, ['Ada@Example.com'])).status).toBe(204);
    await api.call('PATCH', `${OB}/dnclists/${list.id}/emailaddresses`, {
      action: 'Add',
      emailAddresses: ['ada@example.com', 'bo@example.com'],
    });
    expect(await size(api, list.id)).toBe(2);
    await api.call('PATCH', `${OB}/dnclists/${list.id}/emailaddresses`, {
      action: 'Remove',
      emailAddresses: ['ADA@example.com'],
    });
    expect(await size(api, list.id)).toBe(1);
    const bad = await api.call('POST', `${OB}/dnclists/${list.id}/emailaddresses`, ['not-an-address']);
    expect(bad.json.details[0].fieldName).toBe('0');
    expect((await api.call('POST', `${OB}/dnclists/${list.id}/phonenumbers`, ['3175550100'])).status).toBe(400);
  });

  it('checks the DNC permissions the SDK documents', async () => {
    api = startApi();
    const list = await dnc(api);
    const adder = await clientToken(api.emu, ['outbound:dnc:add']);
    expect((await api.call('POST', `${OB}/dnclists/${list.id}/phonenumbers`, ['3175550100'], adder)).status).toBe(204);
    const patch = await api.call(
      'PATCH',
      `${OB}/dnclists/${list.id}/phonenumbers`,
      { action: 'Remove', phoneNumbers: ['3175550100'] },
      adder,
    );
    expect(patch.status).toBe(403);
    expect(patch.json.message).toContain('outbound:dnc:edit');
    expect((await api.call('GET', `${OB}/dnclists/${list.id}`, undefined, adder)).status).toBe(403);
  });
});
