// Reusable task inputs and outputs (Call Task's taskInputs / taskOutputs): each input is evaluated
// in the caller's scope into the task's input variable, each output copied back when the task
// returns; in Archy YAML and in the .i3WorkFlow export, and refused when a name is not the task's.
import { describe, expect, it } from 'vitest';
import { importArchyYaml } from './import/archy-yaml.ts';
import { importI3WorkFlow } from './import/i3workflow.ts';
import { runFlow } from './interpreter.ts';
import { ScriptedTools } from './scripted-tools.test-util.ts';

const YAML = `workflow:
  name: Greet twice
  startUpRef: "/workflow/states/state[main]"
  variables:
    - stringVariable:
        name: Flow.first
        isOutput: true
    - stringVariable:
        name: Flow.second
        initialValue:
          lit: untouched
        isOutput: true
    - decimalVariable:
        name: Flow.size
        isOutput: true
    - integerVariable:
        name: Flow.fact
        isOutput: true
  states:
    - state:
        name: Main
        refId: main
        variables:
          - stringVariable:
              name: State.who
              initialValue:
                lit: Ada
        actions:
          - callTask:
              name: Greet Ada
              targetTaskRef: "/workflow/tasks/task[greet]"
              inputs:
                Task.name:
                  exp: State.who
              outputs:
                Task.greeting:
                  var: Flow.first
                Task.size:
                  var: Flow.size
          - callTask:
              name: Greet Grace
              targetTaskRef: "/workflow/tasks/task[greet]"
              taskInputs:
                name:
                  lit: Grace
                punct:
                  lit: "?"
              taskOutputs:
                greeting:
                  var: Flow.second
          - callTask:
              name: Factorial
              targetTaskRef: "/workflow/tasks/task[fact]"
              inputs:
                Task.n:
                  lit: 5
              outputs:
                Task.result:
                  var: Flow.fact
  tasks:
    - task:
        name: Greet
        refId: greet
        variables:
          - stringVariable:
              name: Task.name
              isInput: true
          - stringVariable:
              name: Task.punct
              initialValue:
                lit: "!"
              isInput: true
          - stringVariable:
              name: Task.greeting
              isOutput: true
          - integerVariable:
              name: Task.size
              isOutput: true
        actions:
          - updateData:
              name: Greet
              statements:
                - string:
                    variable: Task.greeting
                    value:
                      exp: Append("Hello ", Task.name, Task.punct)
                - integer:
                    variable: Task.size
                    value:
                      exp: Length(Task.greeting)
          - endTask:
              name: Done
    - task:
        name: Factorial
        refId: fact
        variables:
          - integerVariable:
              name: Task.n
              isInput: true
          - integerVariable:
              name: Task.result
              initialValue:
                lit: 1
              isOutput: true
          - integerVariable:
              name: Task.sub
        actions:
          - decision:
              name: More?
              condition:
                exp: Task.n > 1
              outputs:
                yes:
                  actions:
                    - callTask:
                        name: Recurse
                        targetTaskRef: "/workflow/tasks/task[fact]"
                        inputs:
                          Task.n:
                            exp: Task.n - 1
                        outputs:
                          Task.result:
                            var: Task.sub
                    - updateData:
                        name: Multiply
                        statements:
                          - integer:
                              variable: Task.result
                              value:
                                exp: Task.n * Task.sub
`;

/** The workflow with one Call Task's lines replaced. */
const edit = (from: string, to: string): string => {
  if (!YAML.includes(from)) throw new Error(`the test flow has no ${from}`);
  return YAML.replace(from, to);
};

describe('reusable task inputs and outputs (Archy YAML)', () => {
  it('passes inputs evaluated in the caller, copies outputs back, and calls a task twice with different inputs', async () => {
    const r = await runFlow(importArchyYaml(YAML), {}, new ScriptedTools());
    expect(r.status).toBe('completed');
    expect(r.outputs).toMatchObject({
      // State.who read in the caller's scope; Task.punct not passed keeps its initial value "!".
      'Flow.first': 'Hello Ada!',
      // The second call starts from fresh Task variables: its own name and punctuation.
      'Flow.second': 'Hello Grace?',
      // An Integer output into a Decimal variable, as Update Data would convert it.
      'Flow.size': 10,
      // A task calling itself: each call's inputs and outputs are its own (5! = 120).
      'Flow.fact': 120,
    });
    const calls = r.path.filter((p) => p.type === 'callTask');
    expect(calls.map((p) => p.actionName)).toEqual([
      'Greet Ada',
      'Greet Grace',
      'Factorial',
      ...Array(4).fill('Recurse'),
    ]);
  });

  it('an input given NOT_SET replaces the initial value, and a NOT_SET output is copied as NOT_SET', async () => {
    const notSetPunct = edit(
      `                punct:
                  lit: "?"`,
      `                punct:
                  noValue: true`,
    ).replace('exp: Length(Task.greeting)', 'exp: If(IsSet(Task.greeting), Length(Task.greeting), 0)');
    const seen = importArchyYaml(
      notSetPunct.replace(
        'exp: Append("Hello ", Task.name, Task.punct)',
        'exp: If(IsSet(Task.punct), "set", "not set")',
      ),
    );
    const r = await runFlow(seen, {}, new ScriptedTools());
    expect(r.outputs).toMatchObject({ 'Flow.first': 'set', 'Flow.second': 'not set' });
    // Grace's greeting is Task.punct, NOT_SET: Flow.second loses its initial "untouched".
    const copied = importArchyYaml(
      notSetPunct.replace(
        'exp: Append("Hello ", Task.name, Task.punct)',
        'exp: If(Task.name == "Grace", Task.punct, "Hi")',
      ),
    );
    const back = await runFlow(copied, {}, new ScriptedTools());
    expect(back.status).toBe('completed');
    expect(back.outputs).toMatchObject({ 'Flow.first': 'Hi', 'Flow.second': null });
  });

  it('refuses an output into a variable of a type Update Data could not assign it to', () => {
    expect(() => importArchyYaml(edit('var: Flow.size', 'var: Flow.first'))).toThrow(
      /action "Greet Ada" \(0\): \[type-mismatch\] task output Task\.size writes Integer to Flow\.first, which is String/,
    );
  });

  it('refuses an input the task does not declare, or declares but not as an input, naming action, task and variable', () => {
    expect(() => importArchyYaml(edit('                Task.name:\n', '                Task.nope:\n'))).toThrow(
      /action "Greet Ada" \(0\): \[undeclared-variable\] Call Task input Task\.nope: task "Greet" \(greet\) does not declare Task\.nope \(its inputs: Task\.name, Task\.punct\)/,
    );
    expect(() =>
      importArchyYaml(
        edit(
          '              taskOutputs:\n                greeting:',
          '              taskOutputs:\n                name:',
        ),
      ),
    ).toThrow(
      /action "Greet Grace" \(1\): \[structure\] Call Task output Task\.name: task "Greet" \(greet\) declares Task\.name but not as an output \(its outputs: Task\.greeting, Task\.size\)/,
    );
  });

  it("refuses a Call Task output path (a task's own branches) instead of dropping its actions", () => {
    const withPath = edit(
      `              outputs:
                Task.greeting:`,
      `              outputs:
                other:
                  actions:
                    - endWorkflow:
                        name: Never
                Task.greeting:`,
    );
    expect(() => importArchyYaml(withPath)).toThrow(/\[unsupported\] Call Task output path "other"/);
  });
});

const encode = (doc: unknown): string =>
  Buffer.from(encodeURIComponent(JSON.stringify(doc)), 'latin1').toString('base64');
const emp = { config: { emp: {} }, text: '' };
const lit = (text: string, type: string) => ({ config: { lit: { pos: 1, text, type } }, text, type });
const exp = (text: string, type: string) => ({ config: {}, text, type });
const ref = (name: string, id: string, type: string) => ({
  config: { ref: { pos: 1, text: name, type, val: id } },
  text: name,
  type,
});
const variable = (id: string, name: string, type: string, io: { isInput?: boolean; isOutput?: boolean } = {}) => ({
  id,
  name,
  __type: type,
  isCollection: false,
  isInput: io.isInput === true,
  isOutput: io.isOutput === true,
  initialValue: emp,
});
const callTask = (id: string, name: string, amount: unknown, next?: string) => ({
  id,
  name,
  __type: 'CallTaskAction',
  taskReference: 'tsk',
  taskName: 'Double',
  inputs: [{ name: 'Task.amount', referenceId: 't-amount', value: amount }],
  outputs: [{ name: 'Task.doubled', referenceId: 't-doubled', value: ref('Flow.total', 'v-total', 'int') }],
  ...(next ? { nextAction: next } : {}),
});

/** A workflow whose state calls the task "Double" twice, adding each output to Flow.sum. */
function i3Doc(secondInput = 'Task.amount'): Record<string, unknown> {
  const second = callTask('a3', 'Double seven', lit('7', 'int'), 'a4');
  second.inputs[0]!.name = secondInput;
  return {
    name: 'Double it',
    type: 'workflow',
    initialSequence: 'st',
    errorHandling: { handlingType: 'EndWorkflow' },
    variables: [
      variable('v-total', 'Flow.total', 'IntegerVariable', { isOutput: true }),
      variable('v-sum', 'Flow.sum', 'IntegerVariable', { isInput: true, isOutput: true }),
    ],
    flowSequenceItemList: [
      {
        __type: 'State',
        id: 'st',
        name: 'Main',
        startAction: 'a1',
        variables: [],
        actionList: [
          callTask('a1', 'Double the sum', exp('Flow.sum', 'int'), 'a2'),
          {
            id: 'a2',
            name: 'Keep',
            __type: 'UpdateVariableAction',
            variables: [{ variable: ref('Flow.sum', 'v-sum', 'int'), expression: exp('Flow.total', 'int') }],
            nextAction: 'a3',
          },
          second,
          {
            id: 'a4',
            name: 'Add',
            __type: 'UpdateVariableAction',
            variables: [{ variable: ref('Flow.sum', 'v-sum', 'int'), expression: exp('Flow.sum + Flow.total', 'int') }],
          },
        ],
      },
      {
        __type: 'Task',
        id: 'tsk',
        name: 'Double',
        startAction: 't1',
        variables: [
          variable('t-amount', 'Task.amount', 'IntegerVariable', { isInput: true }),
          variable('t-doubled', 'Task.doubled', 'IntegerVariable', { isOutput: true }),
        ],
        actionList: [
          {
            id: 't1',
            name: 'Double',
            __type: 'UpdateVariableAction',
            variables: [
              { variable: ref('Task.doubled', 't-doubled', 'int'), expression: exp('Task.amount * 2', 'int') },
            ],
            nextAction: 't2',
          },
          { id: 't2', name: 'Return', __type: 'EndTaskAction' },
        ],
      },
    ],
  };
}

describe('reusable task inputs and outputs (.i3WorkFlow)', () => {
  it('reads CallTaskAction inputs and outputs as data pairs named after the task variables', async () => {
    const r = await runFlow(importI3WorkFlow(encode(i3Doc())), { sum: 3 }, new ScriptedTools());
    expect(r.status).toBe('completed');
    // First call: 3 doubled → 6, kept in Flow.sum; second call: 7 doubled → 14, added: 20.
    expect(r.outputs).toMatchObject({ 'Flow.total': 14, 'Flow.sum': 20 });
  });

  it("refuses a CallTaskAction with output paths (a task's own branches) instead of dropping them", () => {
    const doc = i3Doc();
    const [state] = doc.flowSequenceItemList as Array<{ actionList: Array<Record<string, unknown>> }>;
    state!.actionList[0]!.paths = [{ outputId: 'other', nextActionId: 'a2' }];
    delete state!.actionList[0]!.nextAction;
    expect(() => importI3WorkFlow(encode(doc))).toThrow(/\[unsupported\] Call Task output paths/);
  });

  it('refuses a data pair naming a variable the task does not declare as an input', () => {
    expect(() => importI3WorkFlow(encode(i3Doc('Task.doubled')))).toThrow(
      /action "Double seven" \(a3\): \[structure\] Call Task input Task\.doubled: task "Double" \(tsk\) declares Task\.doubled but not as an input \(its inputs: Task\.amount\)/,
    );
  });
});
