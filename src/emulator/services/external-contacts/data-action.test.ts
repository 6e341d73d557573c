// A data action of our own, as an automation writes one to find the caller: GET
// /api/v2/externalcontacts/reversewhitepageslookup with the call's ANI URL-encoded into the
// request URL, run by the data-action engine against the emulator with a client that holds only
// `externalContacts:contact:view`.
import { afterEach, describe, expect, it } from 'vitest';
import { compileAction, executeAction, loadAction } from '../../../actions/index.ts';
import type { Fetch } from '../../../core/index.ts';
import { clientFetch, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture } from '../conversations/api.test-support.ts';

const FIND_CALLER = {
  name: 'Find Caller By Number',
  integrationType: 'purecloud-data-actions',
  actionType: 'custom',
  config: {
    request: {
      requestUrlTemplate:
        '/api/v2/externalcontacts/reversewhitepageslookup?lookupVal=$esc.url(${input.ani})&expand=externalOrganization',
      requestType: 'GET',
      headers: {},
      requestTemplate: '${input.rawRequest}',
    },
    response: {
      translationMap: {
        contactId: '$.contacts[0].id',
        firstName: '$.contacts[0].firstName',
        company: '$.contacts[0].externalOrganization.name',
      },
      translationMapDefaults: { contactId: '""', firstName: '""', company: '""' },
      successTemplate: '{"contactId": ${contactId}, "firstName": ${firstName}, "company": ${company}}',
    },
  },
  contract: {
    input: {
      inputSchema: {
        type: 'object',
        properties: { ani: { type: 'string' } },
        required: ['ani'],
        additionalProperties: true,
      },
    },
    output: {
      successSchema: {
        type: 'object',
        properties: { contactId: { type: 'string' }, firstName: { type: 'string' }, company: { type: 'string' } },
        additionalProperties: true,
      },
    },
  },
  secure: false,
};

let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

async function run(fetch: Fetch, ani: string) {
  return executeAction(
    compileAction(loadAction(structuredClone(FIND_CALLER), 'find-caller')),
    { ani },
    {
      fetch,
      clock: api!.clock,
    },
  );
}

describe('a data action finding the caller by number', () => {
  it('finds the contact whose cell phone is the ANI, with its organization', async () => {
    api = startApi();
    const acme = (await api.call('POST', '/api/v2/externalcontacts/organizations', { name: 'Acme' })).json;
    const ada = (
      await api.call('POST', '/api/v2/externalcontacts/contacts', {
        firstName: 'Ada',
        cellPhone: { display: '(317) 555-0199' },
        externalOrganization: { id: acme.id },
      })
    ).json;
    const result = await run(await clientFetch(api, ['externalContacts:contact:view']), 'tel:+13175550199');
    expect(result.status).toBe('success');
    expect(result.outputs).toEqual({ contactId: ada.id, firstName: 'Ada', company: 'Acme' });
  });

  it('answers the defaults when no contact has the number', async () => {
    api = startApi();
    const result = await run(await clientFetch(api, ['externalContacts:contact:view']), '+13175550000');
    expect(result.status).toBe('success');
    expect(result.outputs).toEqual({ contactId: '', firstName: '', company: '' });
  });

  it('fails with 403 when the integration lacks externalContacts:contact:view', async () => {
    api = startApi();
    const result = await run(await clientFetch(api, ['externalContacts:contact:add']), '+13175550199');
    expect(result.status).toBe('failure');
    expect(result.trace.response?.status).toBe(403);
  });
});
