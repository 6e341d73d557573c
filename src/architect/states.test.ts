// Next Loop and Change State: a loop that skips iterations, and a workflow of several states whose
// State variables start again on each entry.
import { describe, expect, it } from 'vitest';
import { importArchyYaml } from './import/archy-yaml.ts';
import { importI3WorkFlow } from './import/i3workflow.ts';
import { runFlow } from './interpreter.ts';
import { ScriptedTools } from './scripted-tools.test-util.ts';

const YAML = `workflow:
  name: Rounds
  startUpRef: "/workflow/states/state[count]"
  variables:
    - integerVariable:
        name: Flow.evens
        initialValue:
          lit: 0
        isInput: false
        isOutput: true
    - integerVariable:
        name: Flow.i
        initialValue:
          lit: 0
    - integerVariable:
        name: Flow.rounds
        initialValue:
          lit: 0
        isOutput: true
  states:
    - state:
        name: Count
        refId: count
        actions:
          - loop:
              name: Six times
              loopCount:
                lit: 6
              currentIndex:
                var: Flow.i
              outputs:
                loop:
                  actions:
                    - decision:
                        name: Odd?
                        condition:
                          exp: Flow.i % 2 == 1
                        outputs:
                          yes:
                            actions:
                              - loopNext:
                                  name: Skip odd
                    - updateData:
                        name: Count even
                        statements:
                          - integer:
                              variable: Flow.evens
                              value:
                                exp: Flow.evens + 1
          - changeState:
              name: To report
              targetStateRef: "/workflow/states/state[report]"
    - state:
        name: Report
        refId: report
        variables:
          - integerVariable:
              name: State.visits
              initialValue:
                lit: 0
        actions:
          - updateData:
              name: Visit
              statements:
                - integer:
                    variable: State.visits
                    value:
                      exp: State.visits + 1
                - integer:
                    variable: Flow.rounds
                    value:
                      exp: Flow.rounds + State.visits
          - decision:
              name: Again?
              condition:
                exp: Flow.rounds < 3
              outputs:
                yes:
                  actions:
                    - changeState:
                        name: Back to report
                        targetStateRef: "/workflow/states/state[report]"
          - endWorkflow:
              name: Done
              exitReason:
                exp: Append(ToString(Flow.evens), " evens, ", ToString(Flow.rounds), " rounds")
`;

describe('Next Loop and Change State', () => {
  it('skips the rest of an iteration, moves between states, and starts State variables again on each entry', async () => {
    const r = await runFlow(importArchyYaml(YAML), {}, new ScriptedTools());
    expect(r.status).toBe('completed');
    // 0, 2, 4 are even; State.visits is 1 on every entry, so three entries make three rounds.
    expect(r.exitReason).toBe('3 evens, 3 rounds');
    expect(r.path.filter((p) => p.type === 'nextLoop')).toHaveLength(3);
    expect(r.path.filter((p) => p.type === 'changeState').map((p) => [p.state, p.detail?.target])).toEqual([
      ['Count', 'report'],
      ['Report', 'report'],
      ['Report', 'report'],
    ]);
  });

  it('Change State between two states forever ends at the action limit', async () => {
    const loopForever = YAML.replace('exp: Flow.rounds < 3', 'exp: Flow.rounds > -1');
    const r = await runFlow(importArchyYaml(loopForever), {}, new ScriptedTools(), { maxActions: 200 });
    expect(r).toMatchObject({ status: 'failed', error: { code: 'SB_ARCHITECT_MAX_ACTIONS' } });
  });

  it('refuses a Change State to a state the workflow lacks, and a Next Loop outside a loop', () => {
    expect(() =>
      importArchyYaml(YAML.replace('state[report]"\n    - state:', 'state[nowhere]"\n    - state:')),
    ).toThrow(
      /\[dangling-id\] Change State targets state "nowhere", which the workflow does not have \(its states: count, report\)/,
    );
    expect(() =>
      importArchyYaml(
        YAML.replace(
          `          - changeState:
              name: To report`,
          `          - loopNext:
              name: Stray
          - changeState:
              name: To report`,
        ),
      ),
    ).toThrow(/\[exit-loop-outside-loop\] Next Loop is not inside a Loop/);
  });

  it('reads ChangeStateAction from an .i3WorkFlow export', async () => {
    const emp = { config: { emp: {} }, text: '' };
    const lit = (text: string) => ({
      config: { lit: { pos: 1, text, type: 'str' } },
      text,
      type: 'str',
      uiMetaData: { mode: 1 },
    });
    const doc = {
      name: 'Two states',
      type: 'workflow',
      initialSequence: 's1',
      errorHandling: { handlingType: 'EndWorkflow' },
      variables: [
        {
          id: 'v',
          name: 'Flow.x',
          __type: 'StringVariable',
          isCollection: false,
          isInput: false,
          isOutput: false,
          initialValue: emp,
        },
      ],
      flowSequenceItemList: [
        {
          __type: 'State',
          id: 's1',
          name: 'First',
          startAction: 'a1',
          variables: [],
          actionList: [{ id: 'a1', name: 'Go', __type: 'ChangeStateAction', targetState: 's2' }],
        },
        {
          __type: 'State',
          id: 's2',
          name: 'Second',
          startAction: 'b1',
          variables: [],
          actionList: [
            { id: 'b1', name: 'End', __type: 'EndWorkflowAction', exitReason: lit('reached the second state') },
          ],
        },
      ],
    };
    const text = Buffer.from(encodeURIComponent(JSON.stringify(doc)), 'latin1').toString('base64');
    const r = await runFlow(importI3WorkFlow(text), {}, new ScriptedTools());
    expect(r).toMatchObject({ status: 'completed', exitReason: 'reached the second state' });
  });
});
