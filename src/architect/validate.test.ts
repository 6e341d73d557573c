// Import-time rules, on small hand-written broken flows in both formats.
import { describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../core/index.ts';
import type { SwitchboardError } from '../core/index.ts';
import { supportedKinds } from './data-types.ts';
import { SUPPORTED_YAML_ACTIONS, importArchyYaml } from './import/archy-yaml.ts';
import { importFlowFile } from './import/by-file-name.ts';
import { decodeI3WorkFlow, importI3WorkFlow } from './import/i3workflow.ts';
import type { FlowIssue } from './issues.ts';

function thrown(fn: () => unknown): SwitchboardError {
  try {
    fn();
  } catch (e) {
    if (isSwitchboardError(e)) return e;
    throw e;
  }
  throw new Error('expected an error');
}
const issuesOf = (fn: () => unknown) => {
  const e = thrown(fn);
  expect(e.code).toBe('SB_ARCHITECT_FLOW_INVALID');
  return e.details.issues as FlowIssue[];
};

/** A one-state Archy workflow around the given actions (YAML, indented for `actions:`). */
function yamlFlow(actions: string, extraVars = ''): string {
  return `workflow:
  name: Broken
  startUpRef: "/workflow/states/state[S_1]"
  variables:
    - stringVariable:
        name: Flow.s
        initialValue:
          lit: hello
        isInput: true
        isOutput: false
    - integerVariable:
        name: Flow.n
        initialValue:
          noValue: true
        isInput: true
        isOutput: true
${extraVars}  settingsErrorHandling:
    errorHandling:
      endWorkflow:
        none: true
  states:
    - state:
        name: Initial State
        refId: S_1
        actions:
${actions}`;
}

/** Encode a document the way Architect exports it. */
export function encodeI3(doc: unknown): string {
  return Buffer.from(encodeURIComponent(JSON.stringify(doc)), 'latin1').toString('base64');
}
const lit = (text: string, type: string) => ({
  config: { lit: { pos: 1, text, type } },
  text,
  type,
  uiMetaData: { mode: 1 },
});
const exp = (text: string, type = 'bln') => ({ config: {}, text, type, uiMetaData: { mode: 0 } });
const ref = (name: string, id: string, type = 'str') => ({
  config: { ref: { pos: 1, text: name, type, val: id } },
  text: name,
  type,
  uiMetaData: { mode: 2 },
});
function i3Doc(actions: unknown[], start = 'a1'): Record<string, unknown> {
  return {
    name: 'Tiny',
    type: 'workflow',
    initialSequence: 'st',
    errorHandling: { handlingType: 'EndWorkflow' },
    variables: [
      {
        id: 'v-s',
        name: 'Flow.s',
        __type: 'StringVariable',
        isCollection: false,
        isInput: true,
        isOutput: false,
        initialValue: { config: { emp: {} }, text: '' },
      },
    ],
    flowSequenceItemList: [
      { __type: 'State', id: 'st', name: 'Initial State', startAction: start, variables: [], actionList: actions },
    ],
  };
}

describe('Archy YAML validation', () => {
  it('reports every broken rule at once, each naming the flow, the action and the rule', () => {
    const text = yamlFlow(`          - updateData:
              name: Sum
              statements:
                - integer:
                    variable: Flow.n
                    value:
                      exp: Flow.n + Flow.s
          - decision:
              name: Check
              condition:
                exp: Flow.missing == "x"
          - transferToAcd:
              name: Transfer
          - callData:
              name: Call It
              category:
                Cat:
                  dataAction:
                    check conversation for pstn leg:
                      inputs:
                        id:
                          exp: Append(Flow.s,
                      failureOutputs:
                        errorKode:
                          var: Flow.s
          - loopExit:
              name: Stray Exit
          - wait:
              name: Pause
              duration:
                lit:
                  fortnights: 1
`);
    const issues = issuesOf(() => importArchyYaml(text, { dataActions: ['Check Conversation For PSTN Leg'] }));
    expect(issues.map((i) => [i.rule, i.action, i.message])).toEqual([
      [
        'unknown-action-type',
        '"Transfer" (2)',
        `action type "transferToAcd" is not supported (${SUPPORTED_YAML_ACTIONS.join(', ')} are)`,
      ],
      ['unsupported', '"Pause" (5)', 'the Wait duration must be a literal such as { lit: { seconds: 5 } }'],
      ['type-mismatch', '"Sum" (0)', "the value for Flow.n: cannot apply '+' to Integer and String"],
      ['undeclared-variable', '"Check" (1)', "the condition: undeclared variable 'Flow.missing'"],
      [
        'unavailable-data-action',
        '"Call It" (3)',
        'data action "check conversation for pstn leg" is not available (did you mean "Check Conversation For PSTN Leg"?)',
      ],
      ['expression-syntax', '"Call It" (3)', 'input id: unexpected end of expression at column 15'],
      ['structure', '"Call It" (3)', expect.stringContaining('failure output "errorKode" does not exist')],
      ['exit-loop-outside-loop', '"Stray Exit" (4)', 'Exit Loop is not inside a Loop'],
    ]);
    expect(issues.every((i) => i.flow === 'Broken')).toBe(true);
    expect(issues[2]).toMatchObject({ expression: 'Flow.n + Flow.s', column: 8 });
    expect(thrown(() => importArchyYaml(text)).message).toContain(
      `flow "Broken", action "Sum" (0): [type-mismatch] the value for Flow.n: cannot apply '+' to Integer and String in expression \`Flow.n + Flow.s\` at column 8`,
    );
  });

  it('checks types at every slot: decision conditions, loop counts, index variables, exit reasons, output targets', () => {
    const text = yamlFlow(`          - decision:
              name: D
              condition:
                exp: Flow.s
          - loop:
              name: L
              loopCount:
                exp: Flow.s
              currentIndex:
                var: Flow.s
          - endWorkflow:
              name: E
              exitReason:
                exp: Flow.n
          - callData:
              name: C
              category:
                Cat:
                  dataAction:
                    A:
                      successOutputs:
                        out:
                          var: Flow.nope
                      failureOutputs:
                        status:
                          var: Flow.s
`);
    expect(issuesOf(() => importArchyYaml(text)).map((i) => `${i.action} ${i.message}`)).toEqual([
      '"D" (0) the condition must be Boolean; got String',
      '"L" (1) the loop count must be Integer; got String',
      '"L" (1) the loop index writes Integer to Flow.s, which is String',
      '"E" (2) the exit reason must be String; got Integer',
      '"C" (3) success output out writes to undeclared variable \'Flow.nope\'',
      '"C" (3) failure output status writes Integer to Flow.s, which is String',
    ]);
  });

  it('rejects duplicate variables, a bad startUpRef and unsupported variable kinds', () => {
    const text = yamlFlow(
      '          []\n',
      `    - stringVariable:
        name: Flow.S
        initialValue:
          noValue: true
    - audioVariable:
        name: Flow.j
`,
    ).replace('state[S_1]', 'state[Nope]');
    expect(issuesOf(() => importArchyYaml(text)).map((i) => [i.rule, i.message])).toEqual([
      [
        'unsupported',
        `variable kind "audioVariable" is not supported (${supportedKinds('yaml')} and their Collection forms are)`,
      ],
      ['dangling-id', 'startUpRef "/workflow/states/state[Nope]" names no state refId'],
      ['duplicate-variable', 'variable Flow.S is declared twice'],
    ]);
  });

  it('malformed YAML and a document without workflow: are clear errors', () => {
    expect(thrown(() => importArchyYaml('workflow: [unclosed', { file: 'x.yaml' }))).toMatchObject({
      code: 'SB_ARCHITECT_YAML_INVALID',
    });
    expect(thrown(() => importArchyYaml('inboundCall:\n  name: x\n', { file: 'x.yaml' }))).toMatchObject({
      code: 'SB_ARCHITECT_FLOW_TYPE_UNSUPPORTED',
      message:
        'x.yaml: an Archy inboundCall flow; Switchboard runs workflows ("workflow:"), workitem flows ("workitem:") and common modules ("commonModule:")',
    });
    expect(thrown(() => importArchyYaml('notes:\n  name: x\n', { file: 'x.yaml' })).message).toBe(
      'x.yaml: an Archy workflow starts with a "workflow:" mapping; found "notes:"',
    );
  });
});

describe('.i3WorkFlow decoding and validation', () => {
  const valid = [{ id: 'a1', name: 'End', __type: 'EndWorkflowAction', exitReason: lit('done', 'str') }];

  it('round-trips an encoded document, keeping "+" (unquote, not unquote_plus)', () => {
    const doc = i3Doc([{ id: 'a1', name: 'End', __type: 'EndWorkflowAction', exitReason: lit('a+b c', 'str') }]);
    expect(decodeI3WorkFlow(encodeI3(doc))).toEqual(doc);
    const flow = importI3WorkFlow(encodeI3(doc));
    expect(flow.states[0]!.actions[0]).toMatchObject({
      type: 'endWorkflow',
      exitReason: { kind: 'literal', value: 'a+b c' },
    });
  });

  it.each([
    ['', 'the file is empty'],
    ['not base64!', 'the content is not base64'],
    [Buffer.from('%E0%A4%A').toString('base64'), 'the decoded text is not valid URI encoding'],
    [Buffer.from('%7B%22a%22').toString('base64'), 'the decoded text is not JSON'],
    [
      Buffer.from(encodeURIComponent('{"name":"x"}')).toString('base64'),
      'the JSON has no flowSequenceItemList, so it is not an Architect flow',
    ],
  ])('a corrupt export (%j) says why: %s', (text, why) => {
    const e = thrown(() => importI3WorkFlow(text, { file: 'Bad.i3WorkFlow' }));
    expect(e.code).toBe('SB_ARCHITECT_EXPORT_CORRUPT');
    expect(e.message).toContain(`Bad.i3WorkFlow: an .i3WorkFlow export is base64 of URI-encoded JSON; ${why}`);
  });

  it('reports dangling and reused ids, unknown action types and dangling variable references', () => {
    const doc = i3Doc([
      {
        id: 'a1',
        name: 'First',
        __type: 'DecisionAction',
        expression: exp('IsSet(Flow.s)'),
        nextAction: 'ghost',
        paths: [
          { outputId: '__YES__', nextActionId: 'a2' },
          { outputId: '__NO__', nextActionId: 'a2' },
        ],
      },
      {
        id: 'a2',
        name: 'Shared',
        __type: 'UpdateVariableAction',
        variables: [{ variable: ref('Flow.gone', 'v-gone'), expression: lit('x', 'str') }],
      },
      { id: 'a3', name: 'Unreached', __type: 'TransferToAcdAction' },
    ]);
    doc.initialSequence = 'st';
    const issues = issuesOf(() => importI3WorkFlow(encodeI3(doc)));
    expect(issues.map((i) => [i.rule, i.action, i.message])).toEqual([
      ['dangling-id', '"Shared" (a2)', 'Flow.gone points at variable id "v-gone", which is not declared'],
      ['duplicate-reference', '"First" (a1)', 'action id "a2" is reached from two places; a flow must be a tree'],
      ['dangling-id', '"First" (a1)', 'refers to action id "ghost", which does not exist'],
      ['undeclared-variable', '"Shared" (a2)', "Update Data writes to undeclared variable 'Flow.gone'"],
    ]);
    const withUnknown = i3Doc([{ id: 'a1', name: 'Transfer', __type: 'TransferToAcdAction' }]);
    expect(issuesOf(() => importI3WorkFlow(encodeI3(withUnknown)))[0]).toMatchObject({
      rule: 'unknown-action-type',
      flow: 'Tiny',
      action: '"Transfer" (a1)',
    });
  });

  it('importFlowFile picks the format from the extension', () => {
    const doc = i3Doc(valid);
    expect(importFlowFile('a.i3WorkFlow', encodeI3(doc)).source).toBe('i3WorkFlow');
    expect(importFlowFile('b.yml', yamlFlow('          []\n')).source).toBe('yaml');
    expect(thrown(() => importFlowFile('c.json', '{}')).message).toBe(
      'c.json: a flow file must end in .i3WorkFlow, .yaml, .yml or .tftpl',
    );
  });

  it('rejects non-workflow flows and other error handling', () => {
    const doc = {
      ...i3Doc(valid),
      type: 'inboundcall',
      errorHandling: { handlingType: 'Disconnect' },
      initialSequence: 'nowhere',
    };
    expect(issuesOf(() => importI3WorkFlow(encodeI3(doc))).map((i) => i.message)).toEqual([
      'only workflows, workitem flows and common modules can run; this flow has type "inboundcall"',
      'flow-level error handling "Disconnect" is not supported; only EndWorkflow is',
      'initialSequence "nowhere" names no State',
    ]);
  });
});
