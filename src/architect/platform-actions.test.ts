import { describe, expect, it } from 'vitest';
import { importArchyYaml } from './import/archy-yaml.ts';
import { importI3WorkFlow } from './import/i3workflow.ts';
import { runFlow } from './interpreter.ts';
import type { Flow, LookupKind } from './model.ts';
import { LOOKUPS, platformPermissions } from './platform-actions.ts';
import type { GenesysRequest, GenesysResponse } from './platform-actions.ts';
import { ScriptedTools } from './scripted-tools.test-util.ts';

const encodeI3 = (doc: unknown): string =>
  Buffer.from(encodeURIComponent(JSON.stringify(doc)), 'latin1').toString('base64');

/** Scripted tools with a fake Genesys API: a handler per request, a log of `METHOD path` lines. */
class PlatformTools extends ScriptedTools {
  readonly requests: Array<{ stepId: string; request: GenesysRequest }> = [];
  constructor(private readonly api: (request: GenesysRequest) => GenesysResponse) {
    super();
  }
  async genesys(stepId: string, request: GenesysRequest): Promise<GenesysResponse> {
    this.requests.push({ stepId, request });
    return this.api(request);
  }
}

const USERS = [
  { id: 'u1', name: 'Ann', email: 'ann@example.com' },
  { id: 'u2', name: 'Bob', email: 'bob@example.com' },
];
const QUEUES = [{ id: 'q1', name: 'Sales' }];
const GROUPS = [{ id: 'g1', name: 'Ops' }];
const SKILLS = [
  { id: 's1', name: 'Billing' },
  { id: 's2', name: 'Claims' },
];
const LANGUAGES = [{ id: 'l1', name: 'Spanish' }];
const ORGANIZATIONS = [{ id: 'o1', name: 'Acme', industry: 'Retail' }];
const CONTACTS = [
  { id: 'c1', firstName: 'Cy', lastName: 'Doe', workEmail: 'cy@example.com', externalOrganization: { id: 'o1' } },
];

/** A small directory; lists come one item per page, so paging is exercised. */
function directory(request: GenesysRequest): GenesysResponse {
  const [path, query = ''] = request.path.split('?');
  const page = Number(new URLSearchParams(query).get('pageNumber') ?? '1');
  const list = (items: unknown[]) => ({
    status: 200,
    body: { entities: items.slice(page - 1, page), pageNumber: page, pageCount: items.length },
  });
  const one = (items: Array<{ id: string }>, id: string) => {
    const hit = items.find((i) => i.id === decodeURIComponent(id));
    return hit ? { status: 200, body: hit } : { status: 404, body: { code: 'not.found' } };
  };
  let m: RegExpExecArray | null;
  if (path === '/api/v2/users') return list(USERS);
  if (path === '/api/v2/routing/queues') return list(QUEUES);
  if (path === '/api/v2/groups') return list(GROUPS);
  if (path === '/api/v2/routing/skills') return list(SKILLS);
  if (path === '/api/v2/routing/languages') return list(LANGUAGES);
  if ((m = /^\/api\/v2\/users\/(.+)$/.exec(path!))) return one(USERS, m[1]!);
  if ((m = /^\/api\/v2\/routing\/queues\/(.+)$/.exec(path!))) return one(QUEUES, m[1]!);
  if ((m = /^\/api\/v2\/groups\/(.+)$/.exec(path!))) return one(GROUPS, m[1]!);
  if ((m = /^\/api\/v2\/externalcontacts\/contacts\/(.+)$/.exec(path!))) return one(CONTACTS, m[1]!);
  if ((m = /^\/api\/v2\/externalcontacts\/organizations\/(.+)$/.exec(path!))) return one(ORGANIZATIONS, m[1]!);
  return { status: 404, body: {} };
}

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

const CONVERSATION = {
  id: 'conv-1',
  participants: [
    { id: 'p-agent', purpose: 'agent', attributes: {} },
    { id: 'p-cust', purpose: 'customer', attributes: { tier: 'gold', visits: '3' } },
  ],
};

function participantApi(written: Array<{ path: string; body: unknown }>) {
  return (request: GenesysRequest): GenesysResponse => {
    if (request.method === 'GET' && request.path === '/api/v2/conversations/conv-1')
      return { status: 200, body: CONVERSATION };
    if (request.method === 'PATCH') {
      written.push({ path: request.path, body: request.body });
      return { status: 202, body: null };
    }
    return { status: 404, body: {} };
  };
}

describe('Get/Set Conversation Data (the workflow toolbox names, Archy YAML)', () => {
  it('is Get/Set Participant Data under the workflow names, with the customer as the default participant', async () => {
    const flow = importArchyYaml(`workflow:
  name: Conversation data
  startUpRef: "/workflow/states/state[S]"
  variables:
    - stringVariable:
        name: Flow.conversationId
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
    - stringVariable:
        name: Flow.tier
        initialValue:
          noValue: true
        isInput: false
        isOutput: true
  states:
    - state:
        name: Main
        refId: S
        actions:
          - getConversationData:
              name: Read
              conversationId:
                exp: Flow.conversationId
              attributes:
                - attribute:
                    name:
                      lit: tier
                    variable: Flow.tier
          - setConversationData:
              name: Write
              conversationId:
                exp: Flow.conversationId
              participantId:
                noValue: true
              attributes:
                - attribute:
                    name:
                      lit: notified
                    value:
                      lit: "true"
`);
    const written: Array<{ path: string; body: unknown }> = [];
    const r = await runFlow(flow, { conversationId: 'conv-1' }, new PlatformTools(participantApi(written)));
    expect(r).toMatchObject({ status: 'completed', outputs: { 'Flow.tier': 'gold' } });
    expect(written).toEqual([
      {
        path: '/api/v2/conversations/conv-1/participants/p-cust/attributes',
        body: { attributes: { notified: 'true' } },
      },
    ]);
  });
});

describe('Get/Set Participant Data (Archy YAML)', () => {
  const flow = importArchyYaml(`workflow:
  name: Attrs
  startUpRef: "/workflow/states/state[S]"
  variables:
    - stringVariable:
        name: Flow.conversationId
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
    - stringVariable:
        name: Flow.tier
        initialValue:
          noValue: true
        isInput: false
        isOutput: true
    - integerVariable:
        name: Flow.visits
        initialValue:
          noValue: true
        isInput: false
        isOutput: true
    - stringVariable:
        name: Flow.missing
        initialValue:
          lit: preset
        isInput: false
        isOutput: true
  states:
    - state:
        name: Main
        refId: S
        actions:
          - getParticipantData:
              name: Read
              conversationId:
                exp: Flow.conversationId
              attributes:
                - attribute:
                    name:
                      lit: tier
                    variable: Flow.tier
                - attribute:
                    name:
                      lit: visits
                    variable: Flow.visits
                - attribute:
                    name:
                      lit: nope
                    variable: Flow.missing
          - setParticipantData:
              name: Write
              conversationId:
                exp: Flow.conversationId
              participantId:
                lit: p-cust
              attributes:
                - attribute:
                    name:
                      lit: visits
                    value:
                      exp: ToString(Flow.visits + 1)
                - attribute:
                    name:
                      lit: cleared
                    value:
                      noValue: true
`);

  it('reads the customer participant attributes into typed variables and writes them back', async () => {
    const written: Array<{ path: string; body: unknown }> = [];
    const tools = new PlatformTools(participantApi(written));
    const r = await runFlow(flow, { conversationId: 'conv-1' }, tools);
    expect(r).toMatchObject({
      status: 'completed',
      outputs: { 'Flow.tier': 'gold', 'Flow.visits': 3, 'Flow.missing': null },
    });
    expect(written).toEqual([
      {
        path: '/api/v2/conversations/conv-1/participants/p-cust/attributes',
        body: { attributes: { visits: '4', cleared: '' } },
      },
    ]);
    // The named participant needs no conversation read.
    expect(tools.requests.map((q) => `${q.stepId} ${q.request.method}`)).toEqual([
      'Main/0@conversation GET',
      'Main/1 PATCH',
    ]);
  });

  it('needs the conversation view permission', () => {
    expect(platformPermissions(flow)).toEqual(['conversation:communication:view']);
  });

  it('an unknown conversation ends the flow; a NOT_SET conversation id is NOT_SET', async () => {
    const r = await runFlow(flow, { conversationId: 'other' }, new PlatformTools(participantApi([])));
    expect(r.error).toMatchObject({ code: 'SB_ARCHITECT_ACTION_FAILED', action: 'Read' });
    expect(r.error?.message).toContain('Get Participant Data: GET /api/v2/conversations/other answered 404');
    const unset = await runFlow(flow, {}, new PlatformTools(participantApi([])));
    expect(unset.error).toMatchObject({ code: 'SB_ARCHITECT_NOT_SET' });
  });
});

describe('platform actions (.i3WorkFlow)', () => {
  const emp = { config: { emp: {} }, text: '' };
  const lit = (text: string) => ({
    config: { lit: { pos: 1, text, type: 'str' } },
    text,
    type: 'str',
    uiMetaData: { mode: 1 },
  });
  const exp = (text: string) => ({ config: {}, text, type: 'str', uiMetaData: { mode: 0 } });
  const ref = (name: string, id: string) => ({
    config: { ref: { pos: 1, text: name, type: 'str', val: id } },
    text: name,
    type: 'str',
    uiMetaData: { mode: 2 },
  });
  const variable = (id: string, name: string, type: string, isInput = false) => ({
    id,
    name,
    __type: type,
    isCollection: false,
    isInput,
    isOutput: true,
    initialValue: emp,
  });

  function doc(actions: unknown[]): string {
    return encodeI3({
      name: 'Platform i3',
      type: 'workflow',
      initialSequence: 'st',
      errorHandling: { handlingType: 'EndWorkflow' },
      variables: [
        variable('v-key', 'Flow.key', 'StringVariable', true),
        variable('v-user', 'Flow.user', 'UserVariable'),
        variable('v-tier', 'Flow.tier', 'StringVariable'),
      ],
      flowSequenceItemList: [
        { __type: 'State', id: 'st', name: 'Main', startAction: 'a1', variables: [], actionList: actions },
      ],
    });
  }

  it('Find User by Id has Found and Not Found paths', async () => {
    const flow = importI3WorkFlow(
      doc([
        {
          id: 'a1',
          name: 'Find',
          __type: 'FindUserByIdAction',
          userId: exp('Flow.key'),
          findResult: ref('Flow.user', 'v-user'),
          paths: [
            { outputId: '__FOUND__', nextActionId: 'a2' },
            { outputId: '__NOT_FOUND__', nextActionId: 'a3' },
          ],
        },
        { id: 'a2', name: 'Yes', __type: 'EndWorkflowAction', exitReason: exp('Flow.user.name') },
        { id: 'a3', name: 'No', __type: 'EndWorkflowAction', exitReason: lit('none') },
      ]),
    );
    expect((await runFlow(flow, { key: 'u2' }, new PlatformTools(directory))).exitReason).toBe('Bob');
    expect((await runFlow(flow, { key: 'zz' }, new PlatformTools(directory))).exitReason).toBe('none');
  });

  it('Find User by Id reads its id from findId, as Architect exports it', async () => {
    const flow = importI3WorkFlow(
      doc([
        {
          id: 'a1',
          name: 'Find',
          __type: 'FindUserByIdAction',
          findId: exp('Flow.key'),
          findResult: ref('Flow.user', 'v-user'),
          paths: [
            { outputId: '__FOUND__', nextActionId: 'a2' },
            { outputId: '__NOT_FOUND__', nextActionId: 'a3' },
          ],
        },
        { id: 'a2', name: 'Yes', __type: 'EndWorkflowAction', exitReason: exp('Flow.user.name') },
        { id: 'a3', name: 'No', __type: 'EndWorkflowAction', exitReason: lit('none') },
      ]),
    );
    expect((await runFlow(flow, { key: 'u2' }, new PlatformTools(directory))).exitReason).toBe('Bob');
  });

  it('Get and Set Participant Data read and write attributes', async () => {
    const flow = importI3WorkFlow(
      doc([
        {
          id: 'a1',
          name: 'Read',
          __type: 'GetParticipantDataAction',
          conversationId: exp('Flow.key'),
          attributes: [{ name: lit('tier'), variable: ref('Flow.tier', 'v-tier') }],
          nextAction: 'a2',
        },
        {
          id: 'a2',
          name: 'Write',
          __type: 'SetParticipantDataAction',
          conversationId: exp('Flow.key'),
          attributes: [{ name: lit('seen'), value: exp('Append(Flow.tier, "!")') }],
        },
      ]),
    );
    const written: Array<{ path: string; body: unknown }> = [];
    const r = await runFlow(flow, { key: 'conv-1' }, new PlatformTools(participantApi(written)));
    expect(r.outputs['Flow.tier']).toBe('gold');
    expect(written).toEqual([
      { path: '/api/v2/conversations/conv-1/participants/p-cust/attributes', body: { attributes: { seen: 'gold!' } } },
    ]);
  });

  it('an unsupported action still names itself and the supported list', () => {
    expect(() => importI3WorkFlow(doc([{ id: 'a1', name: 'Prompt', __type: 'FindUserPromptAction' }]))).toThrow(
      /action type "FindUserPromptAction" is not supported \(Call Data Action, .*Get External Contact\/Organization, Evaluate Schedule \(Group\), Next Loop and Change State are\)/,
    );
  });
});
