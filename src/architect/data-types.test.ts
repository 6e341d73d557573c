import { describe, expect, it } from 'vitest';
import { toVariableValue } from './bindings.ts';
import { DATA_TYPES, resolveName, readPath, toOutsideValue, typeOfI3, typeOfYamlKind } from './data-types.ts';
import { importArchyYaml } from './import/archy-yaml.ts';
import { importI3WorkFlow } from './import/i3workflow.ts';
import { runFlow } from './interpreter.ts';
import type { BaseType, Flow } from './model.ts';
import { ScriptedTools } from './scripted-tools.test-util.ts';

const encodeI3 = (doc: unknown): string =>
  Buffer.from(encodeURIComponent(JSON.stringify(doc)), 'latin1').toString('base64');

/** A YAML workflow with the given variables and one Update Data per statement, then End Workflow. */
function yamlFlow(vars: string, statements: string, exitExp = '"done"'): Flow {
  return importArchyYaml(`workflow:
  name: Types
  startUpRef: "/workflow/states/state[S]"
  variables:
${vars}  states:
    - state:
        name: Main
        refId: S
        actions:
${statements}          - endWorkflow:
              name: End
              exitReason:
                exp: ${JSON.stringify(exitExp)}
`);
}
const yamlVar = (kind: string, name: string, init = '          noValue: true', io = 'true') => `    - ${kind}:
        name: ${name}
        initialValue:
${init}
        isInput: ${io}
        isOutput: true
`;
const yamlUpdate = (kind: string, variable: string, exp: string) => `          - updateData:
              name: Set ${variable}
              statements:
                - ${kind}:
                    variable: ${variable}
                    value:
                      exp: ${JSON.stringify(exp)}
`;

async function run(flow: Flow, inputs: Record<string, unknown> = {}) {
  return runFlow(flow, inputs, new ScriptedTools());
}

/** One sample outside value per added type, and the value a variable of the type holds. */
const SAMPLES: ReadonlyArray<[BaseType, unknown, unknown]> = [
  ['DateTime', '2024-05-01T10:00:00+02:00', '2024-05-01T08:00:00.000Z'],
  ['Date', '2024-02-29', '2024-02-29'],
  ['Time', '07:30', '07:30:00'],
  ['Duration', 'PT5M', 300_000],
  ['JSON', { a: [1, 2] }, { $type: 'JSON', value: { a: [1, 2] } }],
  ['Currency', { amount: 9.5, code: 'EUR' }, { $type: 'Currency', amount: 9.5, code: 'EUR' }],
  [
    'User',
    { id: 'u1', name: 'Ann', email: 'ann@example.com', extra: 1 },
    {
      $type: 'User',
      id: 'u1',
      name: 'Ann',
      email: 'ann@example.com',
      username: null,
      title: null,
      department: null,
      state: null,
    },
  ],
  ['Queue', { id: 'q1', name: 'Sales' }, { $type: 'Queue', id: 'q1', name: 'Sales' }],
  ['Group', { id: 'g1', name: 'Ops' }, { $type: 'Group', id: 'g1', name: 'Ops' }],
  ['Skill', { id: 's1', name: 'Billing' }, { $type: 'Skill', id: 's1', name: 'Billing' }],
  ['LanguageSkill', { id: 'l1', name: 'French' }, { $type: 'LanguageSkill', id: 'l1', name: 'French' }],
  ['WrapupCode', { id: 'w1', name: 'Resolved' }, { $type: 'WrapupCode', id: 'w1', name: 'Resolved' }],
  [
    'ExternalOrganization',
    { id: 'o1', name: 'Acme' },
    { $type: 'ExternalOrganization', id: 'o1', name: 'Acme', companyType: null, industry: null },
  ],
  ['Email', ' ann@example.com ', 'ann@example.com'],
  ['PhoneNumber', '+13175550100', '+13175550100'],
];

describe('data types: names in both formats', () => {
  it('every type has an .i3WorkFlow __type and an Archy kind, single and collection', () => {
    for (const [base, info] of Object.entries(DATA_TYPES)) {
      expect(typeOfI3(info.i3, false)).toEqual({ base, collection: false });
      expect(typeOfI3(info.i3, true)).toEqual({ base, collection: true });
      expect(typeOfI3(info.i3.replace(/Variable$/, 'CollectionVariable'), false)).toEqual({ base, collection: true });
      expect(typeOfYamlKind(`${info.yaml}Variable`)).toEqual({ base, collection: false });
      expect(typeOfYamlKind(`${info.yaml}CollectionVariable`)).toEqual({ base, collection: true });
    }
    expect(typeOfYamlKind('jsonVariable')).toEqual({ base: 'JSON', collection: false });
    expect(typeOfYamlKind('dateTimeVariable')).toEqual({ base: 'DateTime', collection: false });
    expect(typeOfYamlKind('userVariable')).toEqual({ base: 'User', collection: false });
    expect(typeOfYamlKind('externalContactVariable')).toEqual({ base: 'ExternalContact', collection: false });
    expect(typeOfYamlKind('audioVariable')).toBeUndefined();
  });

  it('an unknown kind is refused with the supported list in both formats', () => {
    const e = (() => {
      try {
        yamlFlow(yamlVar('audioVariable', 'Flow.a'), '');
      } catch (err) {
        return err as { details: { issues: Array<{ message: string }> } };
      }
      throw new Error('no error');
    })();
    expect(e.details.issues[0]!.message).toMatch(
      /^variable kind "audioVariable" is not supported \(stringVariable, .*jsonVariable.*userVariable.* and their Collection forms are\)$/,
    );
  });
});

describe('data types: values', () => {
  it.each(SAMPLES)('%s converts from its outside form, alone and in a collection', (base, outside, held) => {
    expect(toVariableValue(outside, { base, collection: false })).toEqual({ ok: true, value: held });
    expect(toVariableValue([outside, null], { base, collection: true })).toEqual({ ok: true, value: [held, null] });
    expect(toVariableValue(null, { base, collection: false })).toEqual({ ok: true, value: null });
    expect(toVariableValue(undefined, { base, collection: true })).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['DateTime', 'yesterday'],
    ['Date', '2023-02-29'],
    ['Time', '25:00'],
    ['Duration', 'five minutes'],
    ['Currency', { amount: '9' }],
    ['User', { name: 'no id' }],
    ['Email', 'not-an-email'],
  ] as Array<[BaseType, unknown]>)('%s refuses %j', (base, outside) => {
    const c = toVariableValue(outside, { base, collection: false });
    expect(c.ok).toBe(false);
  });

  it('an External Contact takes its organization id and phone numbers as text', () => {
    const c = toVariableValue(
      {
        id: 'c1',
        workPhone: { display: '+1 317-555-0100', e164: '+13175550100' },
        cellPhone: { display: '555' },
        externalOrganization: { id: 'o1' },
      },
      { base: 'ExternalContact', collection: false },
    );
    expect(c).toMatchObject({
      ok: true,
      value: { workPhone: '+13175550100', cellPhone: '555', externalOrganizationId: 'o1', homePhone: null },
    });
  });

  it('a JSON variable holds an array as one document; outputs unwrap JSON and drop $type', () => {
    expect(toVariableValue([1, 2], { base: 'JSON', collection: false })).toEqual({
      ok: true,
      value: { $type: 'JSON', value: [1, 2] },
    });
    expect(toOutsideValue({ $type: 'JSON', value: [1, 2] })).toEqual([1, 2]);
    expect(toOutsideValue([{ $type: 'Queue', id: 'q', name: 'Q' }])).toEqual([{ id: 'q', name: 'Q' }]);
  });

  it('Flow.x.property resolves through the object types, case-insensitively', () => {
    const types = { 'flow.user': { base: 'User', collection: false } } as const;
    const typeOf = (n: string) => types[n.toLowerCase() as keyof typeof types];
    expect(resolveName('Flow.user.Email', typeOf)).toEqual({
      variable: 'Flow.user',
      path: ['Email'],
      type: { base: 'String', collection: false },
    });
    expect(resolveName('Flow.user.nope', typeOf)).toBeUndefined();
  });

  it("Flow.json.a.b reads a JSON variable's property as JSON, NOT_SET when a step is missing", () => {
    const typeOf = (n: string) =>
      n.toLowerCase() === 'flow.jsondata' ? ({ base: 'JSON', collection: false } as const) : undefined;
    expect(resolveName('Flow.jsonData.conversation.id', typeOf)).toEqual({
      variable: 'Flow.jsonData',
      path: ['conversation', 'id'],
      type: { base: 'JSON', collection: false },
    });
    const doc = { $type: 'JSON', value: { conversationId: 'c1', items: [{ n: 1 }], nested: { Case: true } } } as const;
    expect(readPath(doc, ['conversationId'])).toEqual({ $type: 'JSON', value: 'c1' });
    expect(readPath(doc, ['items', '0', 'n'])).toEqual({ $type: 'JSON', value: 1 });
    expect(readPath(doc, ['nested', 'case'])).toEqual({ $type: 'JSON', value: true });
    expect(readPath(doc, ['missing', 'x'])).toBeNull();
  });
});

describe('data types in running flows (Archy YAML)', () => {
  it('inputs of every added type arrive typed; NOT_SET ones stay NOT_SET and report IsSet false', async () => {
    const vars =
      SAMPLES.map(([base], i) => yamlVar(`${DATA_TYPES[base].yaml}Variable`, `Flow.v${i}`)).join('') +
      yamlVar('booleanCollectionVariable', 'Flow.set', '          noValue: true', 'false');
    const flow = yamlFlow(
      vars,
      yamlUpdate('booleanCollection', 'Flow.set', `MakeList(${SAMPLES.map((_, i) => `IsSet(Flow.v${i})`).join(', ')})`),
    );
    const inputs = Object.fromEntries(SAMPLES.map(([, outside], i) => [`v${i}`, outside]));
    const full = await run(flow, inputs);
    expect(full.status).toBe('completed');
    SAMPLES.forEach(([, , held], i) => expect(full.outputs[`Flow.v${i}`]).toEqual(held));
    expect(full.outputs['Flow.set']).toEqual(SAMPLES.map(() => true));
    const empty = await run(flow, {});
    expect(empty.outputs['Flow.set']).toEqual(SAMPLES.map(() => false));
  });

  it('reads object properties, and a property of a NOT_SET object is NOT_SET', async () => {
    const vars =
      yamlVar('userVariable', 'Flow.user') +
      yamlVar('stringVariable', 'Flow.mail', '          noValue: true', 'false') +
      yamlVar('currencyVariable', 'Flow.price') +
      yamlVar('decimalVariable', 'Flow.amount', '          noValue: true', 'false');
    const flow = yamlFlow(
      vars,
      yamlUpdate('string', 'Flow.mail', 'If(IsSet(Flow.user.email), Flow.user.email, "none")') +
        yamlUpdate('decimal', 'Flow.amount', 'If(IsSet(Flow.price), Flow.price.amount * 2, 0)'),
      'Flow.user.name',
    );
    const r = await run(flow, {
      user: { id: 'u1', name: 'Ann', email: 'ann@example.com' },
      price: { amount: 2.25, code: 'USD' },
    });
    expect(r).toMatchObject({
      status: 'completed',
      exitReason: 'Ann',
      outputs: { 'Flow.mail': 'ann@example.com', 'Flow.amount': 4.5 },
    });
    const none = await run(flow, {});
    expect(none.outputs).toMatchObject({ 'Flow.mail': 'none', 'Flow.amount': 0 });
    expect(none.exitReason).toBeUndefined();
  });

  it('orders DateTime, Date, Time and Duration values and compares objects by id', async () => {
    const vars =
      yamlVar('dateTimeVariable', 'Flow.a') +
      yamlVar('dateTimeVariable', 'Flow.b') +
      yamlVar('durationVariable', 'Flow.d') +
      yamlVar('queueVariable', 'Flow.q1') +
      yamlVar('queueVariable', 'Flow.q2');
    const flow = yamlFlow(
      vars,
      '',
      'Append(ToString(Flow.a < Flow.b), ",", ToString(Flow.d > ToDuration("PT1M")), ",", ToString(Flow.q1 == Flow.q2), ",", ToString(ToDate(Flow.a)))',
    );
    const r = await run(flow, {
      a: '2024-01-01T00:00:00Z',
      b: '2024-01-02T00:00:00Z',
      d: 'PT2M',
      q1: { id: 'q', name: 'Old name' },
      q2: { id: 'q', name: 'New name' },
    });
    expect(r.exitReason).toBe('true,true,true,2024-01-01');
  });

  it('JSON values work with JsonParse, ToJson, GetJsonProperty and GetJsonPropertyOrDefault', async () => {
    const vars =
      yamlVar('jsonVariable', 'Flow.doc', '          lit: \'{"customer":{"tier":"gold","ids":[7,8]}}\'') +
      yamlVar('jsonVariable', 'Flow.made') +
      yamlVar('stringVariable', 'Flow.out', '          noValue: true', 'false');
    const flow = yamlFlow(
      vars,
      yamlUpdate('json', 'Flow.made', 'ToJson(JsonParse("[1, {\\"x\\": true}]"))') +
        yamlUpdate(
          'string',
          'Flow.out',
          'Append(ToString(GetJsonProperty(Flow.doc, "customer.tier")), "/", ToString(GetJsonProperty(Flow.doc, "customer.ids.1")), "/", ToString(GetJsonPropertyOrDefault(Flow.doc, "customer.nope", JsonParse("0"))), "/", ToString(IsSet(GetJsonProperty(Flow.doc, "x"))))',
        ),
      'ToString(Flow.made)',
    );
    const r = await run(flow);
    expect(r).toMatchObject({
      status: 'completed',
      exitReason: '[1,{"x":true}]',
      outputs: { 'Flow.out': 'gold/8/0/false' },
    });
    const bad = yamlFlow(yamlVar('jsonVariable', 'Flow.made'), yamlUpdate('json', 'Flow.made', 'JsonParse("{oops")'));
    const failed = await run(bad);
    expect(failed.error).toMatchObject({ code: 'SB_ARCHITECT_VALUE_INVALID' });
    expect(failed.error?.message).toContain('JsonParse: the text is not JSON');
  });

  it('validation types the new functions and properties', () => {
    const attempt = () =>
      yamlFlow(
        yamlVar('userVariable', 'Flow.user') + yamlVar('integerVariable', 'Flow.n'),
        yamlUpdate('integer', 'Flow.n', 'Flow.user.email'),
      );
    expect(attempt).toThrow(/the value for Flow.n must be Integer; got String/);
    const badLiteral = () => yamlFlow(yamlVar('dateVariable', 'Flow.d', '          lit: not-a-date'), '');
    expect(badLiteral).toThrow(/the initial value of Flow.d: "not-a-date" is not a Date/);
  });
});

describe('data types in running flows (.i3WorkFlow)', () => {
  const emp = { config: { emp: {} }, text: '' };
  const lit = (text: string, type: string) => ({
    config: { lit: { pos: 1, text, type } },
    text,
    type,
    uiMetaData: { mode: 1 },
  });
  const exp = (text: string, type = 'str') => ({ config: {}, text, type, uiMetaData: { mode: 0 } });
  const variable = (id: string, name: string, type: string, initialValue: unknown = emp, isCollection = false) => ({
    id,
    name,
    __type: type,
    isCollection,
    isInput: true,
    isOutput: true,
    initialValue,
  });

  it('declares every added type and runs expressions over them', async () => {
    const variables = [
      ...SAMPLES.map(([base], i) => variable(`v${i}`, `Flow.v${i}`, DATA_TYPES[base].i3)),
      variable('dt', 'Flow.when', 'DateTimeVariable', lit('2024-03-01T12:00:00Z', 'dt')),
      variable('js', 'Flow.cfg', 'JsonVariable', lit('{"on":true}', 'json')),
      variable('uc', 'Flow.users', 'UserVariable', emp, true),
    ];
    const doc = {
      name: 'Types i3',
      type: 'workflow',
      initialSequence: 'st',
      errorHandling: { handlingType: 'EndWorkflow' },
      variables,
      flowSequenceItemList: [
        {
          __type: 'State',
          id: 'st',
          name: 'Main',
          startAction: 'a1',
          variables: [],
          actionList: [
            {
              id: 'a1',
              name: 'End',
              __type: 'EndWorkflowAction',
              exitReason: exp(
                'Append(ToString(Flow.when), " ", ToString(GetJsonProperty(Flow.cfg, "on")), " ", ToString(Count(Flow.users)), " ", Flow.v6.name)',
              ),
            },
          ],
        },
      ],
    };
    const flow = importI3WorkFlow(encodeI3(doc));
    const r = await run(flow, Object.fromEntries(SAMPLES.map(([, outside], i) => [`v${i}`, outside])));
    expect(r).toMatchObject({ status: 'completed', exitReason: '2024-03-01T12:00:00.000Z true 0 Ann' });
    SAMPLES.forEach(([, , held], i) => expect(r.outputs[`Flow.v${i}`]).toEqual(held));
  });
});
