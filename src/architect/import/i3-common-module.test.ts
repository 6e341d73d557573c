// A common module exported by Architect (.i3CommonModuleFlow): type "commonmodule", one
// CommonModuleTask, Common variables (Booleans written as BoolVariable, as Architect exports them),
// and End Task leaving the module.
import { describe, expect, it } from 'vitest';
import { withCommonModules } from '../common-modules.ts';
import { runFlow } from '../interpreter.ts';
import { ScriptedTools } from '../scripted-tools.test-util.ts';
import { importArchyYaml } from './archy-yaml.ts';
import { importFlowFile } from './by-file-name.ts';

const encode = (doc: unknown): string =>
  Buffer.from(encodeURIComponent(JSON.stringify(doc)), 'latin1').toString('base64');
const emp = { config: { emp: {} }, text: '' };
const lit = (text: string, type: string) => ({
  config: { lit: { pos: 1, text, type } },
  text,
  type,
  uiMetaData: { mode: 1 },
});
const exp = (text: string, type = 'str') => ({ config: {}, text, type, uiMetaData: { mode: 0 } });
const ref = (name: string, id: string, type: string) => ({
  config: { ref: { pos: 1, text: name, type, val: id } },
  text: name,
  type,
  uiMetaData: { mode: 2 },
});
const variable = (
  id: string,
  name: string,
  type: string,
  io: { isInput?: boolean; isOutput?: boolean },
  init: unknown = emp,
) => ({
  id,
  name,
  __type: type,
  isCollection: false,
  isInput: io.isInput === true,
  isOutput: io.isOutput === true,
  initialValue: init,
});

const MODULE = {
  name: 'Is VIP',
  type: 'commonmodule',
  initialSequence: 'task',
  commonModuleFlowSettings: { destinationFlowTypes: ['workflow'] },
  variables: [
    variable('v-ani', 'Common.ani', 'StringVariable', { isInput: true }),
    variable('v-vip', 'Common.vip', 'BoolVariable', { isOutput: true }, lit('false', 'bln')),
  ],
  flowSequenceItemList: [
    {
      __type: 'CommonModuleTask',
      id: 'task',
      name: 'Common Module Task',
      startAction: 'a1',
      variables: [],
      actionList: [
        {
          id: 'a1',
          name: 'Mark',
          __type: 'UpdateVariableAction',
          variables: [
            { variable: ref('Common.vip', 'v-vip', 'bln'), expression: exp('StartsWith(Common.ani, "+1317")', 'bln') },
          ],
          nextAction: 'a2',
        },
        { id: 'a2', name: 'Exit Common Module', __type: 'EndTaskAction' },
      ],
    },
  ],
};

const CALLER = `workflow:
  name: Route VIPs
  startUpRef: "/workflow/states/state[main]"
  variables:
    - stringVariable:
        name: Flow.ani
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
    - booleanVariable:
        name: Flow.vip
        initialValue:
          lit: false
        isInput: false
        isOutput: true
  states:
    - state:
        name: Main
        refId: main
        actions:
          - callCommonModule:
              name: VIP?
              commonModule:
                Is VIP:
                  ver_latestPublished:
                    inputs:
                      Common.ani:
                        exp: Flow.ani
                    outputs:
                      Common.vip:
                        var: Flow.vip
`;

describe('an exported common module (.i3CommonModuleFlow)', () => {
  it('imports as a common module, its BoolVariable a Boolean, and runs when a workflow calls it', async () => {
    const module = importFlowFile('Is VIP.i3CommonModuleFlow', encode(MODULE));
    expect(module).toMatchObject({ type: 'commonModule', name: 'Is VIP', compatibleFlowTypes: ['workflow'] });
    expect(module.variables.map((v) => [v.name, v.type.base])).toEqual([
      ['Common.ani', 'String'],
      ['Common.vip', 'Boolean'],
    ]);
    expect(module.states[0]!.actions.map((a) => a.type)).toEqual(['updateData', 'endTask']);
    const caller = withCommonModules(importArchyYaml(CALLER), [module]);
    const vip = await runFlow(caller, { ani: '+13175550100' }, new ScriptedTools({}));
    expect(vip).toMatchObject({ status: 'completed', outputs: { 'Flow.vip': true } });
    const other = await runFlow(caller, { ani: '+442079460000' }, new ScriptedTools({}));
    expect(other.outputs['Flow.vip']).toBe(false);
  });

  it('reads a variable typed BooleanVariable as a Boolean too', () => {
    const doc = { ...MODULE, variables: [MODULE.variables[0], { ...MODULE.variables[1], __type: 'BooleanVariable' }] };
    expect(importFlowFile('m.i3CommonModuleFlow', encode(doc)).variables[1]!.type.base).toBe('Boolean');
  });
});
