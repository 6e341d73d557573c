// The interpreter's determinism (replay from a journal gives the same run) and how errors of the
// step tools become flow errors.
import { describe, expect, it } from 'vitest';
import { SwitchboardError } from '../core/index.ts';
import { runFlow } from './interpreter.ts';
import type { ActionCallResult, FlowResult, FlowStepTools } from './run-types.ts';
import { flow } from './interpreter-flows.test-util.ts';
import { ScriptedTools, ok } from './scripted-tools.test-util.ts';

describe('determinism and replay', () => {
  const text = `          - loop:
              name: L
              currentIndex:
                var: Flow.i
              loopCount:
                lit: 3
              outputs:
                loop:
                  actions:
                    - wait:
                        name: W
                        duration:
                          lit:
                            minutes: 5
                    - callData:
                        name: C
                        category:
                          Cat:
                            dataAction:
                              Bump:
                                inputs:
                                  n:
                                    exp: Flow.n
                                successOutputs:
                                  n:
                                    var: Flow.n
`;
  const bump = (input: Record<string, unknown>): ActionCallResult => ok({ n: (input.n as number) + 1 });

  it('replaying from memoized step results reproduces the run, calling each step once', async () => {
    const straight = await runFlow(flow(text), {}, new ScriptedTools({ Bump: bump }));
    expect(straight.outputs['Flow.n']).toBe(3);

    // A durable engine: completed steps are journaled; an unfinished sleep parks the run, which is
    // then replayed from the start.
    class Park extends Error {}
    const journal = new Map<string, unknown>();
    let executed = 0;
    const tools: FlowStepTools = {
      async callAction(stepId, _name, input) {
        if (!journal.has(stepId)) {
          executed++;
          journal.set(stepId, bump(input));
        }
        return journal.get(stepId) as ActionCallResult;
      },
      async sleep(stepId) {
        if (journal.has(stepId)) return;
        journal.set(stepId, 'slept');
        throw new Park();
      },
      now: () => 0,
    };
    let result: FlowResult | undefined;
    let replays = 0;
    while (!result) {
      try {
        result = await runFlow(flow(text), {}, tools);
      } catch (e) {
        if (!(e instanceof Park)) throw e;
        replays++;
      }
    }
    expect(replays).toBe(3);
    expect(executed).toBe(3);
    expect(result).toEqual(straight);
  });
});

describe('tools errors as flow errors', () => {
  it('a SwitchboardError thrown by sleep ends the run through error handling', async () => {
    const tools: FlowStepTools = {
      callAction: () => Promise.resolve(ok()),
      sleep: () => Promise.reject(new SwitchboardError('SB_ARCHITECT_WAIT_TOO_LONG', 'timer refused')),
      now: () => 0,
    };
    const r = await runFlow(
      flow(`          - wait:
              name: W
              duration:
                lit:
                  seconds: 1
`),
      {},
      tools,
    );
    expect(r.error).toMatchObject({
      code: 'SB_ARCHITECT_WAIT_TOO_LONG',
      action: 'W',
      message: 'flow "T", action "W" (0): timer refused',
    });
  });
});
