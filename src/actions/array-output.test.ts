// A data action whose success schema is an array (Genesys's Salesforce search actions: the
// translation map takes `$.searchRecords`, the success template is `${contact}`): the rendered
// array is validated against the schema, and Architect sees its first item's properties.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileAction } from './compile.ts';
import { loadActionText } from './load.ts';
import { standInApi } from './execute.test-util.ts';

const api = standInApi();
const { routes, run } = api;
beforeAll(() => api.start());
afterAll(() => api.stop());

const search = (itemRequired: string[] = ['Id']) =>
  compileAction(
    loadActionText(
      JSON.stringify({
        name: 'Find Contact',
        integrationType: 'purecloud-data-actions',
        actionType: 'custom',
        config: {
          request: { requestUrlTemplate: '/api/v2/search/${input.phone}', requestType: 'GET', headers: {} },
          response: {
            translationMap: { contact: '$.searchRecords' },
            translationMapDefaults: {},
            successTemplate: '${contact}',
          },
        },
        contract: {
          input: { inputSchema: { type: 'object', properties: { phone: { type: 'string' } } } },
          output: {
            successSchema: {
              type: 'array',
              items: {
                type: 'object',
                required: itemRequired,
                properties: { Id: { type: 'string' }, LastName: { type: 'string' } },
              },
            },
          },
        },
        secure: false,
      }),
      'find-contact.custom.json',
    ),
  );

describe('a success schema that is an array', () => {
  it('validates the rendered array; the outputs are its first item', async () => {
    routes['GET /api/v2/search/+13175550100'] = () => ({
      status: 200,
      body: JSON.stringify({ searchRecords: [{ Id: '003A', LastName: 'Lovelace' }, { Id: '003B' }] }),
    });
    const r = await run(search(), { phone: '+13175550100' });
    expect(r.status, JSON.stringify(r.trace.failure)).toBe('success');
    expect(r.outputs).toEqual({ Id: '003A', LastName: 'Lovelace' });
    expect(r.trace.renderedSuccess).toBe('[{"Id":"003A","LastName":"Lovelace"},{"Id":"003B"}]');
  });

  it('an empty array: success with no outputs (the flow sees them NOT_SET)', async () => {
    routes['GET /api/v2/search/none'] = () => ({ status: 200, body: JSON.stringify({ searchRecords: [] }) });
    const r = await run(search(), { phone: 'none' });
    expect(r.status).toBe('success');
    expect(r.outputs).toEqual({});
  });

  it('an item breaking the schema fails validation, naming it by pointer', async () => {
    routes['GET /api/v2/search/bad'] = () => ({
      status: 200,
      body: JSON.stringify({ searchRecords: [{ Id: '003A' }, { LastName: 'no id' }] }),
    });
    const r = await run(search(), { phone: 'bad' });
    expect(r.status).toBe('failure');
    expect(r.trace.outputErrors).toEqual([{ pointer: '/1', message: "must have required property 'Id'" }]);
  });
});
