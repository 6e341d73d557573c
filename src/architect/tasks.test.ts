// Reusable tasks (Call Task / End Task) in Archy YAML: a task called twice gets fresh Task variables
// and distinct step ids for its data actions, End Task returns to the caller, and the import refuses
// a call to a task the workflow lacks and an End Task outside a task. Task inputs and outputs: task-io.test.ts.
import { describe, expect, it } from 'vitest';
import { importArchyYaml } from './import/archy-yaml.ts';
import { runFlow } from './interpreter.ts';
import type { ActionCallResult } from './run-types.ts';
import { ScriptedTools, ok } from './scripted-tools.test-util.ts';

const YAML = `workflow:
  name: Notify twice
  startUpRef: "/workflow/states/state[main]"
  variables:
    - integerVariable:
        name: Flow.sent
        initialValue:
          lit: 0
        isOutput: true
    - stringVariable:
        name: Flow.log
        initialValue:
          lit: ""
        isOutput: true
  states:
    - state:
        name: Main
        refId: main
        actions:
          - callTask:
              name: First notice
              targetTaskRef: "/workflow/tasks/task[notify]"
          - callTask:
              name: Second notice
              targetTaskRef: "/workflow/tasks/task[notify]"
          - endWorkflow:
              name: Done
              exitReason:
                exp: Flow.log
  tasks:
    - task:
        name: Notify
        refId: notify
        variables:
          - integerVariable:
              name: Task.tries
              initialValue:
                lit: 0
        actions:
          - updateData:
              name: Try
              statements:
                - integer:
                    variable: Task.tries
                    value:
                      exp: Task.tries + 1
          - callData:
              name: Send
              category:
                Cat:
                  dataAction:
                    Send SMS:
                      inputs:
                        n:
                          exp: Flow.sent
                      successOutputs:
                        n:
                          var: Flow.sent
          - decision:
              name: Enough?
              condition:
                exp: Flow.sent >= 2
              outputs:
                yes:
                  actions:
                    - updateData:
                        name: Note end
                        statements:
                          - string:
                              variable: Flow.log
                              value:
                                exp: Append(Flow.log, "end;")
                    - endTask:
                        name: Leave early
          - updateData:
              name: Note tries
              statements:
                - string:
                    variable: Flow.log
                    value:
                      exp: Append(Flow.log, ToString(Task.tries), ";")
`;

const send = (input: Record<string, unknown>): ActionCallResult => ok({ n: (input.n as number) + 1 });

describe('reusable tasks', () => {
  it('runs a task at each Call Task with fresh Task variables; End Task returns to the caller', async () => {
    const tools = new ScriptedTools({ 'Send SMS': send });
    const r = await runFlow(importArchyYaml(YAML), {}, tools);
    expect(r.status).toBe('completed');
    // First call: tries 1, sent 1 → notes "1;". Second call: tries starts again at 1, sent 2 → End Task.
    expect(r.exitReason).toBe('1;end;');
    expect(r.outputs).toMatchObject({ 'Flow.sent': 2 });
    expect(r.path.filter((p) => p.type === 'callTask').map((p) => p.detail?.task)).toEqual(['Notify', 'Notify']);
    expect(r.path.filter((p) => p.type === 'endTask')).toHaveLength(1);
    // Each call's data action has its own step id, so a durable engine memoizes them apart.
    const ids = tools.calls.map((c) => c.stepId);
    expect(new Set(ids).size).toBe(2);
    expect(ids.every((id) => id.startsWith('Main/notify:'))).toBe(true);
  });

  it('a task that calls itself forever ends the run with a flow error, not a crash', async () => {
    const recursive = YAML.replace(
      `          - updateData:
              name: Try`,
      `          - callTask:
              name: Again
              targetTaskRef: "/workflow/tasks/task[notify]"
          - updateData:
              name: Try`,
    );
    const r = await runFlow(importArchyYaml(recursive), {}, new ScriptedTools({ 'Send SMS': send }));
    expect(r).toMatchObject({ status: 'failed', error: { code: 'SB_ARCHITECT_FLOW_INVALID' } });
    expect(r.error?.message).toContain('more than 64 deep');
  });

  it('refuses a Call Task to a task the workflow lacks, and an End Task outside a task', () => {
    expect(() =>
      importArchyYaml(
        YAML.replace('task[notify]"\n          - endWorkflow', 'task[nowhere]"\n          - endWorkflow'),
      ),
    ).toThrow(
      /\[dangling-id\] Call Task targets task "nowhere", which the workflow does not have \(its tasks: notify\)/,
    );
    expect(() =>
      importArchyYaml(
        YAML.replace(
          `          - endWorkflow:
              name: Done`,
          `          - endTask:
              name: Stray
          - endWorkflow:
              name: Done`,
        ),
      ),
    ).toThrow(/\[structure\] End Task is outside a reusable task/);
  });

  it('a task cannot read a State variable, and its variables are named Task.', () => {
    expect(() => importArchyYaml(YAML.replace('name: Task.tries', 'name: State.tries'))).toThrow(
      /variable State\.tries must be named Task\.<name> at this scope/,
    );
  });
});
