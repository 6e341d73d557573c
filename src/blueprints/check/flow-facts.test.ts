// What flowFacts counts as read and written, for every action type of the model, nested in
// branches, and through property access.
import { describe, expect, it } from 'vitest';
import type { Action, Flow, ValueSource, VariableDecl } from '../../architect/index.ts';
import { of, run } from './fixtures.test-util.ts';
import { flowFacts } from './flow-facts.ts';

const exp = (text: string): ValueSource => ({ kind: 'expression', text });
const base = (id: string) => ({ id, name: id });
const decl = (name: string): VariableDecl => ({
  name,
  type: { base: 'String', collection: false },
  isInput: false,
  isOutput: false,
  initial: null,
});

/** One action of every type, each reading `Flow.r<n>` and writing `Flow.w<n>` where it can, nested three deep. */
function everyAction(): Action[] {
  const leaf: Action[] = [
    { ...base('exit'), type: 'exitLoop' },
    { ...base('next'), type: 'nextLoop' },
    { ...base('state'), type: 'changeState', target: 's' },
    { ...base('task'), type: 'callTask', target: 't' },
    { ...base('endTask'), type: 'endTask' },
    { ...base('wait'), type: 'wait', durationMs: 1, trimDurationNearMaxRunningTime: false },
    { ...base('end'), type: 'endWorkflow', exitReason: exp('Flow.r1') },
  ];
  const setData: Action = {
    ...base('set'),
    type: 'setParticipantData',
    conversationId: exp('Flow.r2'),
    participantId: exp('Flow.r3'),
    attributes: [{ name: exp('Flow.r4'), value: exp('Flow.r5') }],
    paths: { success: leaf, failure: [] },
  };
  const getData: Action = {
    ...base('get'),
    type: 'getParticipantData',
    conversationId: exp('Flow.r6'),
    participantId: { kind: 'notSet' },
    attributes: [{ name: exp('Flow.r7'), variable: 'Flow.w1' }],
    paths: { found: [setData], notFound: [] },
  };
  const table: Action = {
    ...base('table'),
    type: 'dataTableLookup',
    table: 'T',
    key: exp('Flow.r8'),
    outputs: [{ column: 'c', variable: 'Flow.w2' }],
    errorType: 'Flow.w3',
    errorMessage: 'Flow.w4',
    found: [],
    notFound: [getData],
    failure: [],
  };
  const lookup: Action = {
    ...base('lookup'),
    type: 'lookup',
    lookup: 'getExternalContact',
    key: exp('Flow.r9'),
    result: 'Flow.w5',
    found: [table],
    notFound: [],
  };
  const schedule: Action = {
    ...base('schedule'),
    type: 'evaluateSchedule',
    target: 'schedule',
    ref: { by: 'id', value: exp('Flow.r10') },
    timeZone: exp('Flow.r11'),
    at: exp('Flow.r12'),
    active: [lookup],
    inactive: [],
  };
  const group: Action = {
    ...base('group'),
    type: 'evaluateScheduleGroup',
    ref: { by: 'name', value: exp('Flow.r13') },
    emergencyGroup: { by: 'name', value: exp('Flow.r14') },
    at: 'now',
    activeSchedules: 'Flow.w6',
    open: [],
    closed: [schedule],
    holiday: [],
    emergency: [],
  };
  const loop: Action = {
    ...base('loop'),
    type: 'loop',
    loopCount: exp('Flow.r15'),
    indexVariable: 'Flow.w7',
    body: [group],
  };
  const sw: Action = {
    ...base('switch'),
    type: 'switch',
    cases: [{ condition: exp('Flow.r16 == "x"'), actions: [loop] }],
    default: [],
  };
  const dec: Action = { ...base('decision'), type: 'decision', condition: exp('IsSet(Flow.r17)'), yes: [], no: [sw] };
  const upd: Action = {
    ...base('update'),
    type: 'updateData',
    statements: [{ variable: 'Flow.w8', value: exp('Flow.r18') }],
  };
  return [
    upd,
    {
      ...base('call'),
      type: 'callData',
      category: 'C',
      dataAction: 'A',
      inputs: { id: exp('Flow.r19') },
      successOutputs: { out: 'Flow.w9' },
      failureOutputs: { 'errorBody.message': 'Flow.w10' },
      success: [],
      failure: [dec],
      timeout: [],
    },
  ];
}

describe('flowFacts', () => {
  const flow = (actions: Action[], variables: VariableDecl[]): Flow => ({
    name: 'F',
    type: 'workflow',
    source: 'yaml',
    errorHandling: 'EndWorkflow',
    variables,
    states: [{ id: 's', name: 'S', variables: [], actions }],
    startState: 's',
  });

  it('counts the reads and writes of every action type, in every branch', () => {
    const vars = [
      ...Array.from({ length: 19 }, (_, i) => decl(`Flow.r${i + 1}`)),
      ...Array.from({ length: 10 }, (_, i) => decl(`Flow.w${i + 1}`)),
    ];
    const facts = flowFacts(flow(everyAction(), vars));
    const read = new Set(facts.reads.map((r) => r.variable));
    expect([...read].sort()).toEqual(Array.from({ length: 19 }, (_, i) => `Flow.r${i + 1}`).sort());
    expect([...facts.written].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `flow.w${i + 1}`).sort());
  });

  it('reads a JSON variable through its properties, and a variable under an index and a property', () => {
    const facts = flowFacts(
      flow(
        [
          {
            ...base('u'),
            type: 'updateData',
            statements: [
              { variable: 'Flow.out', value: exp('ToString(Flow.jsonData.webhooksInvocation.body)') },
              { variable: 'Flow.out', value: exp('Flow.list[0].name') },
            ],
          },
        ],
        [decl('Flow.jsonData'), decl('Flow.list'), decl('Flow.out')],
      ),
    );
    expect(facts.reads.map((r) => r.variable)).toEqual(['Flow.jsonData', 'Flow.list']);
  });
});

describe('check on platform actions (Archy YAML)', () => {
  const yaml = `workflow:
  name: Platform
  division: Home
  startUpRef: "/workflow/states/state[S_1]"
  defaultLanguage: en-us
  supportedLanguages:
    en-us:
      none: true
  variables:
    - jsonVariable:
        name: Flow.jsonData
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
    - stringVariable:
        name: Flow.conversationId
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
  settingsErrorHandling:
    errorHandling:
      endWorkflow:
        none: true
  states:
    - state:
        name: S
        refId: S_1
        variables:
          - stringVariable:
              name: State.key
              initialValue:
                noValue: true
              isInput: false
              isOutput: false
          - stringVariable:
              name: State.queueName
              initialValue:
                noValue: true
              isInput: false
              isOutput: false
          - stringVariable:
              name: State.paymentId
              initialValue:
                noValue: true
              isInput: false
              isOutput: false
          - userVariable:
              name: State.user
              initialValue:
                noValue: true
              isInput: false
              isOutput: false
        actions:
          - updateData:
              name: Key
              statements:
                - string:
                    variable: State.key
                    value:
                      exp: ToString(Flow.jsonData.webhooksInvocation.body)
          - dataTableLookup:
              name: Row
              lookupValue:
                exp: State.key
              dataTable:
                Routing:
                  foundOutputs:
                    queueName:
                      var: State.queueName
                  failureOutputs: {}
              outputs:
                found:
                  actions:
                    - getConversationData:
                        name: Read
                        conversationId:
                          exp: Flow.conversationId
                        participantId:
                          noValue: true
                        attributes:
                          - attribute:
                              name:
                                exp: State.queueName
                              variable: State.paymentId
                        outputs:
                          found:
                            actions:
                              - findUserById:
                                  name: Find
                                  userId:
                                    exp: State.paymentId
                                  findResult:
                                    var: State.user
                                  outputs:
                                    found:
                                      actions:
                                        - setConversationData:
                                            name: Write
                                            conversationId:
                                              exp: Flow.conversationId
                                            participantId:
                                              noValue: true
                                            attributes:
                                              - attribute:
                                                  name:
                                                    lit: agent
                                                  value:
                                                    exp: State.user.name
`;

  it('reports no variable as never assigned or never read when platform actions assign and read them', () => {
    const findings = run({ 'f.yaml': yaml });
    expect(of(findings, 'flow/invalid')).toEqual([]);
    expect(of(findings, 'flow/unassigned-variable')).toEqual([]);
    expect(of(findings, 'flow/unused-variable')).toEqual([]);
  });
});
