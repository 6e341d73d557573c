// The interpreter on small flows: error handling (EndWorkflow), limits, bindings, control flow.
import { describe, expect, it } from 'vitest';
import { runFlow } from './interpreter.ts';
import type { FlowStepTools } from './run-types.ts';
import { flow, update } from './interpreter-flows.test-util.ts';
import { ScriptedTools, failed, ok } from './scripted-tools.test-util.ts';

describe('flow-level error handling (EndWorkflow)', () => {
  it('a runtime conversion error ends the run, naming flow, action and expression; history says why', async () => {
    const f = flow(update('Flow.n', 'ToInt(Flow.s)') + update('Flow.n', '99'));
    const r = await runFlow(f, { s: 'abc' }, new ScriptedTools());
    expect(r.status).toBe('failed');
    expect(r.error).toEqual({
      code: 'SB_ARCHITECT_VALUE_INVALID',
      message:
        'flow "T", action "Set Flow.n" (0): ToInt: "abc" is not a number in expression `ToInt(Flow.s)` at column 1',
      flow: 'T',
      action: 'Set Flow.n',
      actionId: '0',
      expression: 'ToInt(Flow.s)',
      column: 1,
    });
    expect(r.path).toEqual([
      {
        stepId: 'Main/0',
        state: 'Main',
        actionId: '0',
        actionName: 'Set Flow.n',
        type: 'updateData',
        outcome: 'error',
        detail: { code: 'SB_ARCHITECT_VALUE_INVALID', message: r.error!.message },
      },
    ]);
    expect(r.outputs['Flow.n']).toBe(0);
  });

  it('Integer + String, when validation was skipped, is a runtime type error', async () => {
    const f = flow(update('Flow.n', 'Flow.n + Flow.s'), false);
    const r = await runFlow(f, { s: 'x' }, new ScriptedTools());
    expect(r.error).toMatchObject({ code: 'SB_ARCHITECT_EXPR_TYPE', expression: 'Flow.n + Flow.s', column: 8 });
    expect(r.error!.message).toContain("cannot apply '+' to Integer and String");
  });

  it('NOT_SET in arithmetic and an unparseable expression end the run too', async () => {
    const notSet = await runFlow(flow(update('Flow.n', 'Flow.i + 1')), {}, new ScriptedTools());
    expect(notSet.error).toMatchObject({
      code: 'SB_ARCHITECT_NOT_SET',
      message: expect.stringContaining("the left operand of '+' is NOT_SET"),
    });
    const bad = await runFlow(flow(update('Flow.n', '1 +* 2'), false), {}, new ScriptedTools());
    expect(bad.error).toMatchObject({ code: 'SB_ARCHITECT_EXPR_SYNTAX', column: 4, expression: '1 +* 2' });
  });

  it('a missing data action (the engine reports a SwitchboardError) ends the run with that cause', async () => {
    const f = flow(`          - callData:
              name: Call Missing
              category:
                Cat:
                  dataAction:
                    Not There:
                      inputs:
                        x:
                          lit: "1"
`);
    const r = await runFlow(f, {}, new ScriptedTools({}));
    expect(r.status).toBe('failed');
    expect(r.error).toMatchObject({
      code: 'SB_ARCHITECT_ACTION_FAILED',
      action: 'Call Missing',
      message: 'flow "T", action "Call Missing" (0): data action "Not There" does not exist',
    });
    expect(r.path.at(-1)).toMatchObject({ outcome: 'error', type: 'callData' });
  });

  it('other errors from the engine (e.g. a suspension signal) propagate unchanged', async () => {
    class Suspend extends Error {}
    const tools: FlowStepTools = {
      callAction: () => Promise.reject(new Suspend('parked')),
      sleep: () => Promise.resolve(),
      now: () => 0,
    };
    const f = flow(`          - callData:
              name: C
              category:
                Cat:
                  dataAction:
                    A: {}
`);
    await expect(runFlow(f, {}, tools)).rejects.toBeInstanceOf(Suspend);
  });

  it('a NOT_SET Decision condition is an error, not a silent No', async () => {
    const f = flow(`          - decision:
              name: D
              condition:
                exp: If(Flow.n > 0, true, NOT_SET)
`);
    const r = await runFlow(f, {}, new ScriptedTools());
    expect(r.error).toMatchObject({ code: 'SB_ARCHITECT_NOT_SET', action: 'D' });
  });
});

describe('limits', () => {
  const loop = (count: number, body: string) => `          - loop:
              name: L
              currentIndex:
                var: Flow.i
              loopCount:
                lit: ${count}
              outputs:
                loop:
                  actions:
${body}`;

  it('stops at maxActions, counting every executed action (platform.md §7.3)', async () => {
    const body = update('Flow.n', 'Flow.n + 1').replace(/^ {10}/gm, '                    ');
    const r = await runFlow(flow(loop(100, body)), {}, new ScriptedTools(), { maxActions: 50 });
    expect(r.error).toMatchObject({
      code: 'SB_ARCHITECT_MAX_ACTIONS',
      message: 'flow "T", action "Set Flow.n" (0.loop.0): the run exceeded 50 actions',
    });
    expect(r.outputs['Flow.n']).toBe(49);
    // docs/architect-semantics.md: the path ends with the failing action's error step.
    expect(r.path.at(-1)).toMatchObject({ outcome: 'error', detail: { code: 'SB_ARCHITECT_MAX_ACTIONS' } });
    expect(r.path.filter((p) => p.outcome === 'error')).toHaveLength(1);
    const full = await runFlow(flow(loop(100, body)), {}, new ScriptedTools());
    expect(full.outputs['Flow.n']).toBe(100);
  });

  it('a Wait past the maximum running time fails unless it may trim; one over 72 h fails', async () => {
    const wait = (trim: boolean, lit: string) => `          - wait:
              name: W
              trimDurationNearMaxRunningTime:
                lit: ${trim}
              duration:
                lit: ${lit}
`;
    const tooLong = await runFlow(flow(wait(false, '{ minutes: 10 }')), {}, new ScriptedTools(), {
      maxRunningMs: 60_000,
    });
    expect(tooLong.error).toMatchObject({
      code: 'SB_ARCHITECT_WAIT_TOO_LONG',
      message: expect.stringContaining('waiting 600000 ms would pass the maximum running time (60000 ms left)'),
    });
    const tools = new ScriptedTools();
    const trimmed = await runFlow(flow(wait(true, '{ minutes: 10 }')), {}, tools, { maxRunningMs: 60_000 });
    expect(trimmed.status).toBe('completed');
    expect(tools.sleeps.map((s) => s.ms)).toEqual([59_000]);
    const days = await runFlow(flow(wait(false, '{ hours: 73 }')), {}, new ScriptedTools());
    expect(days.error).toMatchObject({ code: 'SB_ARCHITECT_WAIT_TOO_LONG' });
  });
});

describe('bindings, inputs and outputs', () => {
  const call = `          - callData:
              name: C
              timeout:
                lit:
                  seconds: 30
              category:
                Cat:
                  dataAction:
                    A:
                      inputs:
                        text:
                          exp: Append(Flow.s, "!")
                        unset:
                          exp: Flow.err
                        count:
                          exp: Flow.n * 2
                      successOutputs:
                        result.value:
                          var: Flow.s
                        items:
                          var: Flow.codes
                      failureOutputs:
                        errorCode:
                          var: Flow.err
                        status:
                          var: Flow.n
                        details.errorCode:
                          var: Flow.codes
`;
  it('evaluates inputs (leaving NOT_SET out) and binds flattened success outputs', async () => {
    const tools = new ScriptedTools({ A: [ok({ result: { value: 'deep' }, items: ['a', 'b'], ignored: 1 })] });
    const r = await runFlow(flow(call), { 'Flow.s': 'hi', n: 4, unknownField: true }, tools);
    expect(tools.calls[0]).toMatchObject({ input: { text: 'hi!', count: 8 }, timeoutMs: 30_000, stepId: 'Main/0' });
    expect(r.outputs).toEqual({ 'Flow.s': 'deep', 'Flow.n': 4, 'Flow.err': null, 'Flow.codes': ['a', 'b'] });
  });

  it('binds the standard failure outputs on the Failure path', async () => {
    const tools = new ScriptedTools({
      A: [failed({ errorCode: 'bad.request', status: 400, details: [{ errorCode: 'x.1' }, { errorCode: 'x.2' }] })],
    });
    const r = await runFlow(flow(call), { s: 'hi' }, tools);
    expect(r.outputs).toMatchObject({ 'Flow.err': 'bad.request', 'Flow.n': 400, 'Flow.codes': ['x.1', 'x.2'] });
    expect(r.path[0]).toMatchObject({ outcome: 'failure' });
  });

  it('an output that does not fit its variable ends the run with a type error', async () => {
    const r = await runFlow(flow(call), { s: 'hi' }, new ScriptedTools({ A: [failed({ status: 'oops' })] }));
    expect(r.error).toMatchObject({
      code: 'SB_ARCHITECT_EXPR_TYPE',
      message: expect.stringContaining('output status of "A" cannot be stored in Flow.n: "oops" is not an Integer'),
    });
  });

  it('an input of the wrong type is rejected before anything runs', async () => {
    const r = await runFlow(flow(update('Flow.n', '1')), { n: 'five' }, new ScriptedTools());
    expect(r.error).toEqual({
      code: 'SB_ARCHITECT_INPUT_INVALID',
      message: 'flow "T": input Flow.n: "five" is not an Integer',
      flow: 'T',
    });
    expect(r.path).toEqual([]);
  });
});

describe('control flow', () => {
  it('Switch runs the first true case, or the default', async () => {
    const f = flow(`          - switch:
              name: Sw
              evaluate:
                firstTrue:
                  possibilities:
                    - case:
                        value:
                          exp: Flow.n > 10
                        actions:
                          - endWorkflow:
                              name: Big
                              exitReason:
                                lit: big
                    - case:
                        value:
                          exp: Flow.n > 5
                        actions:
                          - endWorkflow:
                              name: Medium
                              exitReason:
                                exp: Append("medium ", ToString(Flow.n))
                  default:
                    actions:
                      - endWorkflow:
                          name: Small
                          exitReason:
                            noValue: true
`);
    const reasons = await Promise.all(
      [20, 7, 1].map(async (n) => (await runFlow(f, { n }, new ScriptedTools())).exitReason),
    );
    expect(reasons).toEqual(['big', 'medium 7', undefined]);
  });

  it('nested loops give each step a unique id with the loop iteration path; Exit Loop leaves the inner loop only', async () => {
    const f = flow(`          - loop:
              name: Outer
              currentIndex:
                var: Flow.i
              loopCount:
                lit: 2
              outputs:
                loop:
                  actions:
                    - loop:
                        name: Inner
                        currentIndex:
                          var: Flow.j
                        loopCount:
                          lit: 3
                        outputs:
                          loop:
                            actions:
                              - wait:
                                  name: W
                                  duration:
                                    lit:
                                      seconds: 1
                              - decision:
                                  name: D
                                  condition:
                                    exp: Flow.j == 1
                                  outputs:
                                    "yes":
                                      actions:
                                        - loopExit:
                                            name: X
`);
    const tools = new ScriptedTools();
    const r = await runFlow(f, {}, tools);
    expect(r.status).toBe('completed');
    expect(tools.sleeps.map((s) => s.stepId)).toEqual([
      'Main/0.loop.0.loop.0#0.0',
      'Main/0.loop.0.loop.0#0.1',
      'Main/0.loop.0.loop.0#1.0',
      'Main/0.loop.0.loop.0#1.1',
    ]);
  });
});
