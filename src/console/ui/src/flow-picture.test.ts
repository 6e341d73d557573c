import { describe, expect, it } from 'vitest';
import { flowGraph } from '../../../runtime/index.ts';
import type { Action, Flow } from '../../../architect/index.ts';
import { layoutFlow, overlayPath } from './flow-picture.ts';

const notSet = { kind: 'notSet' } as const;
const flow = (actions: Action[]): Flow => ({
  name: 'F',
  type: 'workflow',
  source: 'yaml',
  errorHandling: 'EndWorkflow',
  variables: [],
  startState: 's',
  states: [{ id: 's', name: 'S', variables: [], actions }],
});
const g = flowGraph(
  flow([
    {
      id: 'lp',
      name: 'Loop',
      type: 'loop',
      loopCount: notSet,
      body: [
        {
          id: 'cda',
          name: 'Call',
          type: 'callData',
          category: 'c',
          dataAction: 'd',
          inputs: {},
          successOutputs: {},
          failureOutputs: {},
          success: [],
          failure: [{ id: 'w', name: 'Wait', type: 'wait', durationMs: 5, trimDurationNearMaxRunningTime: false }],
          timeout: [],
        },
      ],
    },
    { id: 'fin', name: 'End', type: 'endWorkflow', exitReason: notSet },
  ]),
);
const edgeId = (from: string, to: string, label?: string) =>
  g.edges.find((e) => e.from === from && e.to === to && (label === undefined || e.label === label))!.id;

describe('overlayPath', () => {
  it('counts loop iterations on the loop edges and follows the outcome branch', () => {
    const path = [
      { actionId: 'lp' },
      { actionId: 'cda', outcome: 'failure' },
      { actionId: 'w' },
      { actionId: 'cda', outcome: 'success' },
      { actionId: 'cda', outcome: 'success' },
      { actionId: 'fin' },
    ];
    const o = overlayPath(g, path, true);
    expect(o.edgeCounts.get(edgeId('lp', 'cda'))).toBe(3);
    expect(o.edgeCounts.get(edgeId('cda', 'w', 'failure'))).toBe(1);
    expect(o.edgeCounts.get(edgeId('w', 'lp'))).toBe(1);
    expect(o.edgeCounts.get(edgeId('cda', 'lp', 'success'))).toBe(2);
    expect(o.edgeCounts.get(edgeId('cda', 'lp', 'timeout'))).toBeUndefined();
    expect(o.edgeCounts.get(edgeId('lp', 'fin'))).toBe(1);
    expect(o.nodeVisits.get('cda')).toBe(3);
    expect(o.nodeVisits.get('end')).toBe(1);
    expect(o.edgeCounts.get(edgeId('start', 'lp'))).toBe(1);
  });

  it('marks nothing for an empty path and ignores unknown actions', () => {
    const o = overlayPath(g, [{ actionId: 'nope' }], true);
    expect(o.edgeCounts.size).toBe(0);
    expect(o.nodeVisits.size).toBe(0);
  });
});

describe('layoutFlow', () => {
  it('places every node inside the drawing, start above end, and routes every edge', () => {
    const l = layoutFlow(g);
    expect(l.nodes).toHaveLength(g.nodes.length);
    for (const n of l.nodes) {
      expect(n.x).toBeGreaterThan(0);
      expect(n.x).toBeLessThan(l.width);
      expect(n.y).toBeLessThan(l.height);
    }
    const y = (id: string) => l.nodes.find((n) => n.id === id)!.y;
    expect(y('start')).toBeLessThan(y('lp'));
    expect(y('lp')).toBeLessThan(y('end'));
    for (const e of l.edges) expect(e.points.length).toBeGreaterThanOrEqual(2);
  });
});
