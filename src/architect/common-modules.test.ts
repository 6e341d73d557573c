// Common modules: an Archy "commonModule:" flow, called from a workflow with Call Common Module,
// runs with its own Common variables from the inputs given, calls data actions under step ids of its
// own, and hands its outputs back; what Architect refuses is refused, and a run without the module
// fails with a coded error.
import { describe, expect, it } from 'vitest';
import { withCommonModules } from './common-modules.ts';
import { importArchyYaml } from './import/archy-yaml.ts';
import { runFlow } from './interpreter.ts';
import { validateFlow } from './validate.ts';
import { ScriptedTools, failed, ok } from './scripted-tools.test-util.ts';

const MODULE = `commonModule:
  name: Resolve Customer
  description: Finds the customer's account by phone number
  variables:
    - stringVariable:
        name: Common.phone
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
    - stringVariable:
        name: Common.accountId
        initialValue:
          noValue: true
        isInput: false
        isOutput: true
    - booleanVariable:
        name: Common.found
        initialValue:
          lit: false
        isInput: false
        isOutput: true
  settingsCommonModule:
    compatibleFlowTypes:
      - flowType: workflow
  startUpTaskActions:
    - callData:
        name: Look up the account
        category:
          CRM:
            dataAction:
              Find Account:
                inputs:
                  phone:
                    exp: Common.phone
                successOutputs:
                  id:
                    var: Common.accountId
        outputs:
          success:
            actions:
              - updateData:
                  name: Found
                  statements:
                    - boolean:
                        variable: Common.found
                        value:
                          lit: true
              - endTask:
                  name: Exit Common Module
    - updateData:
        name: Not reached after End Task
        statements:
          - boolean:
              variable: Common.found
              value:
                lit: false
`;

const WORKFLOW = `workflow:
  name: Greet known callers
  startUpRef: "/workflow/states/state[main]"
  variables:
    - stringVariable:
        name: Flow.ani
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
    - stringVariable:
        name: Flow.account
        initialValue:
          noValue: true
        isInput: false
        isOutput: true
    - stringVariable:
        name: Flow.log
        initialValue:
          lit: ""
        isInput: false
        isOutput: true
  states:
    - state:
        name: Main
        refId: main
        variables:
          - booleanVariable:
              name: State.known
              initialValue:
                lit: false
        actions:
          - callCommonModule:
              name: Resolve the caller
              commonModule:
                Resolve Customer:
                  ver_latestPublished:
                    inputs:
                      Common.phone:
                        exp: Flow.ani
                    outputs:
                      Common.accountId:
                        var: Flow.account
                      Common.found:
                        var: State.known
          - callCommonModule:
              name: Resolve again
              commonModule:
                Resolve Customer:
                  ver_latestPublished:
                    inputs:
                      Common.phone:
                        lit: "+15550000000"
                    outputs:
                      Common.found:
                        var: State.known
          - endWorkflow:
              name: Done
              exitReason:
                exp: If(State.known, "known", "unknown")
`;

const module = importArchyYaml(MODULE);
const workflow = importArchyYaml(WORKFLOW);

describe('common modules', () => {
  it('imports a commonModule: flow with its Common variables and its startup task', () => {
    expect(module).toMatchObject({ name: 'Resolve Customer', type: 'commonModule', startState: 'startUpTask' });
    expect(module.variables.map((v) => [v.name, v.isInput, v.isOutput])).toEqual([
      ['Common.phone', true, false],
      ['Common.accountId', false, true],
      ['Common.found', false, true],
    ]);
    expect(module.states[0]!.actions.map((a) => a.type)).toEqual(['callData', 'updateData']);
  });

  it('runs the module at each call with fresh Common variables, its outputs written back', async () => {
    const tools = new ScriptedTools({
      'Find Account': (input) => (input.phone === '+13175550100' ? ok({ id: 'acct-7' }) : failed()),
    });
    const r = await runFlow(withCommonModules(workflow, [module]), { ani: '+13175550100' }, tools);
    expect(r.status).toBe('completed');
    expect(r.outputs['Flow.account']).toBe('acct-7');
    // The second call starts again from Common.found = false, and its lookup fails: not found.
    expect(r.exitReason).toBe('unknown');
    expect(tools.calls.map((c) => c.input)).toEqual([{ phone: '+13175550100' }, { phone: '+15550000000' }]);
    // Each call's steps have their own ids, so a durable engine memoizes them apart.
    const ids = tools.calls.map((c) => c.stepId);
    expect(ids).toEqual(['Main/module[Resolve Customer]:1/0', 'Main/module[Resolve Customer]:2/0']);
    expect(r.path.filter((p) => p.type === 'callCommonModule').map((p) => p.detail?.module)).toEqual([
      'Resolve Customer',
      'Resolve Customer',
    ]);
    // The module's variables are gone once it returns: they are not outputs of the workflow.
    expect(Object.keys(r.outputs).sort()).toEqual(['Flow.account', 'Flow.log']);
  });

  it('runs on its own, its inputs named with or without Common.', async () => {
    const tools = new ScriptedTools({ 'Find Account': () => ok({ id: 'acct-1' }) });
    const r = await runFlow(module, { phone: '+13175550100' }, tools);
    expect(r).toMatchObject({ status: 'completed', outputs: { 'Common.accountId': 'acct-1', 'Common.found': true } });
  });

  it('a run that reaches a module it was not given fails with a coded error naming it', async () => {
    const r = await runFlow(workflow, { ani: '+1' }, new ScriptedTools({}));
    expect(r).toMatchObject({ status: 'failed', error: { code: 'SB_ARCHITECT_COMMON_MODULE_MISSING' } });
    expect(r.error?.message).toContain('common module "Resolve Customer" is not available');
    expect(validateFlow(workflow, { commonModules: true }).map((i) => i.rule)).toEqual([
      'unavailable-common-module',
      'unavailable-common-module',
    ]);
  });

  it('a module whose compatible flow types leave out workflows cannot be called from one', () => {
    expect(module.compatibleFlowTypes).toEqual(['workflow']);
    const forCalls = importArchyYaml(MODULE.replace('- flowType: workflow', '- flowType: inboundCall'));
    expect(validateFlow(withCommonModules(workflow, [forCalls])).map((i) => i.message)).toEqual([
      'common module "Resolve Customer" is not compatible with workflows (its flow types: inboundcall)',
      'common module "Resolve Customer" is not compatible with workflows (its flow types: inboundcall)',
    ]);
  });

  it("checks the call against the module's own inputs and outputs, and refuses a module calling a module", () => {
    const wrong = importArchyYaml(
      WORKFLOW.replace(
        'Common.phone:\n                        exp: Flow.ani',
        'Common.number:\n                        exp: Flow.ani',
      ).replace(
        'Common.accountId:\n                        var: Flow.account',
        'Common.phone:\n                        var: Flow.account',
      ),
      { validate: false },
    );
    expect(validateFlow(withCommonModules(wrong, [module])).map((i) => i.message)).toEqual([
      'common module "Resolve Customer" has no input variable Common.number',
      'common module "Resolve Customer" has no output variable Common.phone',
    ]);
    const nested = MODULE.replace(
      '  startUpTaskActions:\n',
      '  startUpTaskActions:\n    - callCommonModule:\n        name: Nested\n        commonModule:\n          Other:\n            ver_latestPublished: {}\n',
    );
    expect(() => importArchyYaml(nested)).toThrow(/a common module cannot call another common module/);
    expect(() => importArchyYaml(MODULE.replace('name: Common.phone', 'name: Flow.phone'))).toThrow(
      /variable Flow\.phone must be named Common\.<name>/,
    );
  });
});
