// Architect's Data Table Lookup on the durable engine against the emulator's data tables: Found
// writes the row's columns to variables, a missing key takes Not Found, a missing table or a client
// without the permission takes Failure with its error type.
import { afterEach, describe, expect, it } from 'vitest';
import { importArchyYaml, platformPermissions, validateFlow } from '../architect/index.ts';
import type { Fetch } from '../core/index.ts';
import { clientFetch, startApi } from '../emulator/services/conversations/api.test-support.ts';
import type { ApiFixture } from '../emulator/services/conversations/api.test-support.ts';
import { runArchitectOnce } from './architect-runs.test-util.ts';

const variable = (kind: string, name: string, input: boolean) => `    - ${kind}Variable:
        name: ${name}
        initialValue:
          noValue: true
        isInput: ${input}
        isOutput: ${!input}
`;

const flow = (table: string) => `workflow:
  name: Route By Table
  startUpRef: "/workflow/states/state[S]"
  variables:
${variable('string', 'Flow.key', true)}${variable('string', 'Flow.queueName', false)}${variable('integer', 'Flow.priority', false)}${variable('boolean', 'Flow.vip', false)}${variable('string', 'Flow.errorType', false)}  states:
    - state:
        name: Main
        refId: S
        actions:
          - dataTableLookup:
              name: Read the routing row
              lookupValue:
                exp: Flow.key
              dataTable:
                ${table}:
                  foundOutputs:
                    queueName:
                      var: Flow.queueName
                    priority:
                      var: Flow.priority
                    vip:
                      var: Flow.vip
                  failureOutputs:
                    errorType:
                      var: Flow.errorType
              outputs:
                found:
                  actions:
                    - endWorkflow:
                        name: Found
                        exitReason:
                          exp: Append(Flow.queueName, "|", ToString(Flow.priority), "|", ToString(Flow.vip))
                notFound:
                  actions:
                    - endWorkflow:
                        name: No row
                        exitReason:
                          lit: no row
                failure:
                  actions:
                    - endWorkflow:
                        name: Failed
                        exitReason:
                          exp: Append("failure ", Flow.errorType)
`;

let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

async function run(genesys: Fetch, table: string, key: string) {
  return (await runArchitectOnce(flow(table), { key }, genesys)).done;
}

async function seedTable(fixture: ApiFixture): Promise<void> {
  const table = await fixture.call('POST', '/api/v2/flows/datatables', {
    name: 'Routing Table',
    schema: {
      properties: {
        key: { type: 'string' },
        queueName: { type: 'string', title: 'queueName' },
        priority: { type: 'integer', default: 1 },
        vip: { type: 'boolean', default: false },
      },
    },
  });
  expect(table.status).toBe(200);
  expect(
    (
      await fixture.call('POST', `/api/v2/flows/datatables/${table.json.id}/rows`, {
        key: 'gold',
        queueName: 'Premium',
        priority: 5,
        vip: true,
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await fixture.call('POST', `/api/v2/flows/datatables/${table.json.id}/rows`, {
        key: 'basic',
        queueName: 'General',
      })
    ).status,
  ).toBe(200);
  // A row must fit the column types.
  const bad = await fixture.call('POST', `/api/v2/flows/datatables/${table.json.id}/rows`, {
    key: 'x',
    priority: 'high',
  });
  expect(bad.status).toBe(400);
  expect(bad.json.message).toContain('"priority" must be integer');
}

describe('Data Table Lookup against the emulator', () => {
  it('imports, validates and asks for architect:datatable:view', () => {
    const parsed = importArchyYaml(flow('Routing Table'));
    expect(validateFlow(parsed, { dataActions: [] })).toEqual([]);
    expect(platformPermissions(parsed)).toEqual(['architect:datatable:view']);
    expect(() => importArchyYaml(flow('Routing Table').replace('var: Flow.vip', 'var: Flow.nope'))).toThrow(
      /Data Table Lookup writes column "vip" to undeclared variable 'Flow.nope'/,
    );
  });

  it('Found writes the columns (defaults for the ones a row leaves out); a missing key takes Not Found', async () => {
    api = startApi();
    await seedTable(api);
    const genesys = await clientFetch(api, ['architect:datatable:view']);
    const gold = await run(genesys, 'Routing Table', 'gold');
    expect(gold).toMatchObject({ status: 'completed', exitReason: 'Premium|5|true' });
    expect(await run(genesys, 'routing table', 'basic')).toMatchObject({
      status: 'completed',
      exitReason: 'General|1|false',
    });
    expect(await run(genesys, 'Routing Table', 'nobody')).toMatchObject({ status: 'completed', exitReason: 'no row' });
  });

  it('a missing table or a client without the permission takes Failure with its error type', async () => {
    api = startApi();
    await seedTable(api);
    expect(await run(await clientFetch(api, ['architect:datatable:view']), 'No Such Table', 'gold')).toMatchObject({
      status: 'completed',
      exitReason: 'failure DataTableNotFound',
    });
    expect(await run(await clientFetch(api, ['directory:user:view']), 'Routing Table', 'gold')).toMatchObject({
      status: 'completed',
      exitReason: 'failure PermissionDenied',
    });
  });
});
