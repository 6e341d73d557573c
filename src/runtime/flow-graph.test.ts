import { describe, expect, it } from 'vitest';
import type { Action, Flow } from '../architect/index.ts';
import { flowGraph } from './flow-graph.ts';

const notSet = { kind: 'notSet' } as const;
const flowOf = (actions: Action[]): Flow => ({
  name: 'Callback',
  type: 'workflow',
  source: 'yaml',
  errorHandling: 'EndWorkflow',
  variables: [],
  startState: 's1',
  states: [{ id: 's1', name: 'Initial', variables: [], actions }],
});
const edge = (g: ReturnType<typeof flowGraph>, from: string, to: string) =>
  g.edges.filter((e) => e.from === from && e.to === to);

describe('flowGraph', () => {
  it('draws a data action with its three outcomes, a decision and the end', () => {
    const g = flowGraph(
      flowOf([
        {
          id: 'cda',
          name: 'Get customer',
          type: 'callData',
          category: 'c',
          dataAction: 'd',
          inputs: {},
          successOutputs: {},
          failureOutputs: {},
          success: [
            {
              id: 'dec',
              name: 'VIP?',
              type: 'decision',
              condition: notSet,
              yes: [{ id: 'w', name: 'Wait', type: 'wait', durationMs: 1000, trimDurationNearMaxRunningTime: false }],
              no: [],
            },
          ],
          failure: [{ id: 'fin', name: 'Stop', type: 'endWorkflow', exitReason: notSet }],
          timeout: [],
        },
      ]),
    );
    expect(g.nodes.map((n) => n.id)).toEqual(['start', 'cda', 'dec', 'w', 'fin', 'end']);
    expect(edge(g, 'start', 'cda')).toHaveLength(1);
    expect(edge(g, 'cda', 'dec')[0]).toMatchObject({ kind: 'branch', label: 'success' });
    expect(edge(g, 'cda', 'fin')[0]).toMatchObject({ kind: 'branch', label: 'failure' });
    expect(edge(g, 'cda', 'end')[0]).toMatchObject({ kind: 'branch', label: 'timeout' });
    expect(edge(g, 'dec', 'w')[0]).toMatchObject({ label: 'yes' });
    expect(edge(g, 'dec', 'end')[0]).toMatchObject({ label: 'no' });
    expect(edge(g, 'w', 'end')[0]).toMatchObject({ kind: 'next' });
    expect(edge(g, 'fin', 'end')).toHaveLength(1);
    expect(new Set(g.edges.map((e) => e.id)).size).toBe(g.edges.length);
  });

  it('draws a loop with its body, the way back, the exit and switch cases', () => {
    const g = flowGraph(
      flowOf([
        {
          id: 'lp',
          name: 'Retry',
          type: 'loop',
          loopCount: notSet,
          body: [
            {
              id: 'sw',
              name: 'Which',
              type: 'switch',
              cases: [{ condition: notSet, actions: [{ id: 'x', name: 'Out', type: 'exitLoop' }] }],
              default: [{ id: 'u', name: 'Count', type: 'updateData', statements: [] }],
            },
          ],
        },
        { id: 'after', name: 'After', type: 'updateData', statements: [] },
      ]),
    );
    expect(edge(g, 'lp', 'sw')[0]).toMatchObject({ kind: 'loop' });
    expect(edge(g, 'sw', 'x')[0]).toMatchObject({ label: 'case0' });
    expect(edge(g, 'u', 'lp')[0]).toMatchObject({ kind: 'loopBack' });
    expect(edge(g, 'lp', 'after')[0]).toMatchObject({ kind: 'done' });
    expect(edge(g, 'x', 'after')[0]).toMatchObject({ kind: 'done', label: 'exit' });
    expect(edge(g, 'after', 'end')).toHaveLength(1);
  });

  it('an empty flow goes from start to end', () => {
    const g = flowGraph(flowOf([]));
    expect(g.edges).toEqual([{ id: 'e0', from: 'start', to: 'end', kind: 'next' }]);
  });

  it("draws every state: a Change State edge into the target state's node, Next Loop back to its loop", () => {
    const g = flowGraph({
      ...flowOf([]),
      states: [
        {
          id: 's1',
          name: 'Initial',
          variables: [],
          actions: [
            {
              id: 'lp',
              name: 'Each',
              type: 'loop',
              loopCount: notSet,
              body: [
                {
                  id: 'skip',
                  name: 'Skip',
                  type: 'decision',
                  condition: notSet,
                  yes: [{ id: 'nx', name: 'Next', type: 'nextLoop' }],
                  no: [],
                },
              ],
            },
            { id: 'go', name: 'To report', type: 'changeState', target: 's2' },
          ],
        },
        {
          id: 's2',
          name: 'Report',
          variables: [],
          actions: [{ id: 'again', name: 'Again', type: 'changeState', target: 's1' }],
        },
      ],
    });
    expect(edge(g, 'nx', 'lp')[0]).toMatchObject({ kind: 'loopBack', label: 'next' });
    expect(edge(g, 'go', 'state:s2')[0]).toMatchObject({ kind: 'next', label: 'change state' });
    expect(g.nodes.find((n) => n.id === 'state:s2')).toEqual({ id: 'state:s2', label: 'Report', type: 'state' });
    expect(edge(g, 'state:s2', 'again')).toHaveLength(1);
    // The start state gets a node because a Change State returns to it; it leads to its first action.
    expect(edge(g, 'again', 'state:s1')).toHaveLength(1);
    expect(edge(g, 'state:s1', 'lp')).toHaveLength(1);
    expect(edge(g, 'go', 'end')).toHaveLength(0);
  });

  it('draws each reusable task from its own node, with a "calls" edge from every Call Task', () => {
    const g = flowGraph({
      ...flowOf([
        { id: 'c1', name: 'First', type: 'callTask', target: 't' },
        { id: 'c2', name: 'Second', type: 'callTask', target: 't' },
      ]),
      tasks: [
        {
          id: 't',
          name: 'Notify',
          variables: [],
          actions: [
            { id: 'task[t].0', name: 'Leave', type: 'endTask' },
            { id: 'task[t].1', name: 'Never', type: 'wait', durationMs: 0, trimDurationNearMaxRunningTime: false },
          ],
        },
      ],
    });
    expect(g.nodes.find((n) => n.id === 'task:t')).toEqual({ id: 'task:t', label: 'Notify', type: 'task' });
    expect(edge(g, 'c1', 'task:t')[0]).toMatchObject({ kind: 'branch', label: 'calls' });
    expect(edge(g, 'c2', 'task:t')).toHaveLength(1);
    expect(edge(g, 'c1', 'c2')).toHaveLength(1);
    expect(edge(g, 'c2', 'end')).toHaveLength(1);
    expect(edge(g, 'task:t', 'task[t].0')).toHaveLength(1);
    // End Task returns to its caller: no edge to the next action of the task, nor to the flow's end.
    expect(edge(g, 'task[t].0', 'task[t].1')).toHaveLength(0);
    expect(edge(g, 'task[t].0', 'end')).toHaveLength(0);
  });
});
