import { describe, expect, it } from 'vitest';
import { importArchyYaml } from './import/archy-yaml.ts';
import { runFlow } from './interpreter.ts';
import type { Flow, LookupKind } from './model.ts';
import { LOOKUPS, platformPermissions } from './platform-actions.ts';
import { ScriptedTools } from './scripted-tools.test-util.ts';
import { PlatformTools, directory } from './platform-directory.test-util.ts';

const CASES: ReadonlyArray<[LookupKind, string, string, string, string]> = [
  // kind, variable kind, key that exists, the property shown, its value
  ['findUser', 'user', 'BOB@example.com', 'name', 'Bob'],
  ['findUserById', 'user', 'u1', 'email', 'ann@example.com'],
  ['findQueue', 'queue', 'sales', 'id', 'q1'],
  ['findQueueById', 'queue', 'q1', 'name', 'Sales'],
  ['findGroup', 'group', 'Ops', 'id', 'g1'],
  ['findGroupById', 'group', 'g1', 'name', 'Ops'],
  ['findSkill', 'skill', 'claims', 'id', 's2'],
  ['findLanguageSkill', 'languageSkill', 'SPANISH', 'id', 'l1'],
  ['getExternalContact', 'externalContact', 'c1', 'externalOrganizationId', 'o1'],
  ['getExternalOrganization', 'externalOrganization', 'o1', 'industry', 'Retail'],
];

function yamlLookup(kind: LookupKind, varKind: string, prop: string): Flow {
  const spec = LOOKUPS[kind];
  return importArchyYaml(`workflow:
  name: Lookups
  startUpRef: "/workflow/states/state[S]"
  variables:
    - stringVariable:
        name: Flow.key
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
    - ${varKind}Variable:
        name: Flow.found
        initialValue:
          noValue: true
        isInput: false
        isOutput: true
  states:
    - state:
        name: Main
        refId: S
        actions:
          - ${kind}:
              name: Look up
              ${spec.keys[0]}:
                exp: Flow.key
              ${spec.resultKeys[0]}:
                var: Flow.found
              outputs:
                found:
                  actions:
                    - endWorkflow:
                        name: Found
                        exitReason:
                          exp: Flow.found.${prop}
                notFound:
                  actions:
                    - endWorkflow:
                        name: Missing
                        exitReason:
                          lit: not found
`);
}

describe('platform lookups (Archy YAML)', () => {
  it.each(CASES)('%s takes Found with the object, Not Found otherwise', async (kind, varKind, key, prop, value) => {
    const flow = yamlLookup(kind, varKind, prop);
    const tools = new PlatformTools(directory);
    const found = await runFlow(flow, { key }, tools);
    expect(found).toMatchObject({ status: 'completed', exitReason: value });
    expect(found.path[0]).toMatchObject({ type: 'lookup', outcome: 'found', detail: { lookup: kind } });
    expect(tools.requests.every((r) => r.request.method === 'GET')).toBe(true);
    const missing = await runFlow(flow, { key: 'nobody' }, new PlatformTools(directory));
    expect(missing).toMatchObject({ status: 'completed', exitReason: 'not found' });
    const notSet = new PlatformTools(directory);
    expect(await runFlow(flow, {}, notSet)).toMatchObject({ exitReason: 'not found' });
    expect(notSet.requests).toEqual([]);
  });

  it('names the permission each lookup needs', () => {
    for (const [kind, varKind] of CASES)
      expect(platformPermissions(yamlLookup(kind, varKind, 'id'))).toEqual([LOOKUPS[kind].permission]);
  });

  it('pages through a list with distinct step ids', async () => {
    const tools = new PlatformTools(directory);
    await runFlow(yamlLookup('findUser', 'user', 'name'), { key: 'bob@example.com' }, tools);
    expect(tools.requests.map((r) => r.stepId)).toEqual(['Main/0', 'Main/0@page2']);
  });

  it('a refused request ends the flow naming the permission; no client is a coded error too', async () => {
    const flow = yamlLookup('findQueueById', 'queue', 'name');
    const refused = await runFlow(flow, { key: 'q1' }, new PlatformTools(() => ({ status: 403, body: {} })));
    expect(refused.error).toMatchObject({ code: 'SB_ARCHITECT_ACTION_FAILED', action: 'Look up' });
    expect(refused.error?.message).toContain(
      "Find Queue by Id: GET /api/v2/routing/queues/q1 answered 403; the workflow's client needs the permission routing:queue:view",
    );
    const noClient = await runFlow(flow, { key: 'q1' }, new ScriptedTools());
    expect(noClient.error?.message).toContain(
      'Find Queue by Id calls Genesys Cloud, and this run has no Genesys Cloud client',
    );
  });

  it('validation checks the key and the result variable type', () => {
    const text = `workflow:
  name: Bad
  startUpRef: "/workflow/states/state[S]"
  variables:
    - queueVariable:
        name: Flow.q
        initialValue:
          noValue: true
  states:
    - state:
        name: Main
        refId: S
        actions:
          - findUserById:
              name: Find
              userId:
                exp: ToInt("5")
              findResult:
                var: Flow.q
`;
    expect(() => importArchyYaml(text)).toThrow(
      /the userId must be String; got Integer[\s\S]*the result of Find User by Id writes User to Flow.q, which is Queue/,
    );
  });
});
