// Data actions of our own, as automations write them: "add the caller to the callback campaign's
// contact list" (POST /api/v2/outbound/contactlists/{id}/contacts with a Velocity array template)
// and "opt out: add the number to the DNC list" (POST /api/v2/outbound/dnclists/{id}/phonenumbers,
// no response body), run by the data-action engine against the emulator with a client that holds
// only the permission each needs.
import { afterEach, describe, expect, it } from 'vitest';
import { compileAction, executeAction, loadAction } from '../../../actions/index.ts';
import { clientFetch, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture } from '../conversations/api.test-support.ts';

const OB = '/api/v2/outbound';

const ADD_TO_CONTACT_LIST = {
  name: 'Add Caller To Callback List',
  integrationType: 'purecloud-data-actions',
  actionType: 'custom',
  config: {
    request: {
      requestUrlTemplate: '/api/v2/outbound/contactlists/${input.contactListId}/contacts?priority=true',
      requestType: 'POST',
      headers: { 'Content-Type': 'application/json' },
      requestTemplate:
        '[{"contactListId": "${input.contactListId}", "callable": true, "data": ' +
        '{"Name": "$esc.jsonString(${input.name})", "Phone": "$esc.jsonString(${input.phone})", "Reason": "$esc.jsonString(${input.reason})"}}]',
    },
    response: {
      translationMap: { contactId: '$[0].id', phone: '$[0].data.Phone', callable: '$[0].callable' },
      translationMapDefaults: {},
      successTemplate: '{"contactId": ${contactId}, "phone": ${phone}, "callable": ${callable}}',
    },
  },
  contract: {
    input: {
      inputSchema: {
        type: 'object',
        properties: {
          contactListId: { type: 'string' },
          name: { type: 'string' },
          phone: { type: 'string' },
          reason: { type: 'string' },
        },
        required: ['contactListId', 'name', 'phone', 'reason'],
        additionalProperties: true,
      },
    },
    output: {
      successSchema: {
        type: 'object',
        properties: { contactId: { type: 'string' }, phone: { type: 'string' }, callable: { type: 'boolean' } },
        additionalProperties: true,
      },
    },
  },
  secure: false,
};

const OPT_OUT = {
  name: 'Opt Out Number',
  integrationType: 'purecloud-data-actions',
  actionType: 'custom',
  config: {
    request: {
      requestUrlTemplate: '/api/v2/outbound/dnclists/${input.dncListId}/phonenumbers',
      requestType: 'POST',
      headers: { 'Content-Type': 'application/json' },
      requestTemplate: '["$esc.jsonString(${input.phone})"]',
    },
    response: { translationMap: {}, translationMapDefaults: {}, successTemplate: '{}' },
  },
  contract: {
    input: {
      inputSchema: {
        type: 'object',
        properties: { dncListId: { type: 'string' }, phone: { type: 'string' } },
        required: ['dncListId', 'phone'],
        additionalProperties: true,
      },
    },
    output: { successSchema: { type: 'object', properties: {}, additionalProperties: true } },
  },
  secure: false,
};

let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

async function callbackList(a: ApiFixture): Promise<string> {
  const r = await a.call('POST', `${OB}/contactlists`, {
    name: 'Callback campaign',
    columnNames: ['Name', 'Phone', 'Reason'],
    phoneColumns: [{ columnName: 'Phone', type: 'cell' }],
  });
  return r.json.id;
}

describe('data actions writing outbound lists', () => {
  it('adds the caller to a contact list; the contact is stored and its id comes back', async () => {
    api = startApi();
    const contactListId = await callbackList(api);
    const fetch = await clientFetch(api, ['outbound:contact:add']);
    const action = compileAction(loadAction(structuredClone(ADD_TO_CONTACT_LIST), 'add-to-callback-list'));
    const result = await executeAction(
      action,
      { contactListId, name: 'Ada "A" Lovelace', phone: '+13175550111', reason: 'billing\nquestion' },
      { fetch, clock: api.clock },
    );
    expect(result.status).toBe('success');
    expect(result.outputs).toEqual({ contactId: expect.any(String), phone: '+13175550111', callable: true });
    const stored = await api.call(
      'GET',
      `${OB}/contactlists/${contactListId}/contacts/${result.outputs.contactId as string}`,
    );
    expect(stored.json).toMatchObject({
      contactListId,
      data: { Name: 'Ada "A" Lovelace', Phone: '+13175550111', Reason: 'billing\nquestion' },
      phoneNumberStatus: { Phone: { callable: true } },
      configurationOverrides: { priority: true },
    });
  });

  it('fails with the 400 naming the column when the list has no such column', async () => {
    api = startApi();
    const r = await api.call('POST', `${OB}/contactlists`, { name: 'No reason', columnNames: ['Name', 'Phone'] });
    const fetch = await clientFetch(api, ['outbound:contact:add']);
    const action = compileAction(loadAction(structuredClone(ADD_TO_CONTACT_LIST), 'add-to-callback-list'));
    const result = await executeAction(
      action,
      { contactListId: r.json.id, name: 'Ada', phone: '+13175550111', reason: 'x' },
      { fetch, clock: api.clock },
    );
    expect(result.status).toBe('failure');
    expect(result.trace.response?.status).toBe(400);
    expect(JSON.parse(result.trace.response!.body)).toMatchObject({
      code: 'bad.request',
      details: [{ errorCode: 'invalid.value', fieldName: '0.data.Reason' }],
    });
  });

  it('opts a number out on a DNC list', async () => {
    api = startApi();
    const list = await api.call('POST', `${OB}/dnclists`, {
      name: 'Opt-outs',
      dncSourceType: 'rds',
      contactMethod: 'Phone',
    });
    const fetch = await clientFetch(api, ['outbound:dnc:add']);
    const action = compileAction(loadAction(structuredClone(OPT_OUT), 'opt-out'));
    const result = await executeAction(
      action,
      { dncListId: list.json.id, phone: '+1 317 555 0111' },
      { fetch, clock: api.clock },
    );
    expect(result.status).toBe('success');
    expect(result.trace.response?.status).toBe(204);
    expect((await api.call('GET', `${OB}/dnclists/${list.json.id as string}?includeSize=true`)).json.size).toBe(1);
  });
});
