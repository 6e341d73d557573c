/**
 * @module
 * `flowGraph(flow)`: an Architect flow as a small graph (nodes = actions, edges = the ways control
 * can move between them) for the console's run picture. Pure: no layout, no I/O; the console lays
 * it out and overlays the path a run took (`StepRecord.actionId` / `outcome`).
 */
import { childSequences, walkActions } from '../architect/index.ts';
import type { Action, ActionType, Flow } from '../architect/index.ts';

/** A node of a {@link FlowGraph}: one action, the flow's start or end, the entry of a state Change State moves to, or of a reusable task. */
export interface FlowGraphNode {
  /** The action id (unique within the flow), `start` / `end`, `state:<state id>` or `task:<task id>`. */
  readonly id: string;
  readonly label: string;
  readonly type: ActionType | 'start' | 'end' | 'state' | 'task';
}

/** An edge of a {@link FlowGraph}. `branch` carries the outcome that takes it (`yes`, `failure`, `case0`…). */
export interface FlowGraphEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  /** `next`: sequence; `branch`: an outcome of a decision/switch/data action/lookup; `loop`: into a loop body; `loopBack`: the body's end back to its loop; `done`: leaving a loop. */
  readonly kind: 'next' | 'branch' | 'loop' | 'loopBack' | 'done';
  readonly label?: string;
}

/** The graph of an Architect flow: its start state, then every other state. */
export interface FlowGraph {
  readonly flow: string;
  readonly nodes: readonly FlowGraphNode[];
  readonly edges: readonly FlowGraphEdge[];
}

interface Pending {
  readonly from: string;
  readonly kind: FlowGraphEdge['kind'];
  readonly label?: string;
}

/**
 * Build the graph of a flow's start state (the only state the interpreter runs).
 * @example
 * const g = flowGraph(importFlowFile('callback.yaml'));
 * g.nodes.map((n) => n.id); // ['start', 'a1', …, 'end']
 */
export function flowGraph(flow: Flow): FlowGraph {
  const nodes: FlowGraphNode[] = [{ id: 'start', label: flow.name, type: 'start' }];
  const edges: FlowGraphEdge[] = [];
  const loopExits: Pending[][] = [];
  const loopNexts: Pending[][] = [];
  const connect = (pending: readonly Pending[], to: string): void => {
    for (const p of pending)
      edges.push({
        id: `e${edges.length}`,
        from: p.from,
        to,
        kind: p.kind,
        ...(p.label === undefined ? {} : { label: p.label }),
      });
  };
  const sequence = (actions: readonly Action[], incoming: readonly Pending[]): Pending[] => {
    let pending: Pending[] = [...incoming];
    for (const action of actions) {
      nodes.push({ id: action.id, label: action.name || action.type, type: action.type });
      connect(pending, action.id);
      pending = outgoing(action);
    }
    return pending;
  };
  const outgoing = (action: Action): Pending[] => {
    switch (action.type) {
      case 'endWorkflow':
        connect([{ from: action.id, kind: 'next' }], 'end');
        return [];
      case 'exitLoop':
        loopExits.at(-1)?.push({ from: action.id, kind: 'done', label: 'exit' });
        return [];
      case 'nextLoop':
        loopNexts.at(-1)?.push({ from: action.id, kind: 'loopBack', label: 'next' });
        return [];
      case 'changeState':
        connect([{ from: action.id, kind: 'next', label: 'change state' }], `state:${action.target}`);
        return [];
      case 'callTask':
        connect([{ from: action.id, kind: 'branch', label: 'calls' }], `task:${action.target}`);
        return [{ from: action.id, kind: 'next' }];
      case 'endTask':
        // Back to the Call Task that called it, which the graph does not know.
        return [];
      case 'loop': {
        loopExits.push([]);
        loopNexts.push([]);
        const bodyEnd = sequence(action.body, [{ from: action.id, kind: 'loop', label: 'loop' }]);
        connect([...bodyEnd.map((p) => ({ ...p, kind: 'loopBack' as const })), ...(loopNexts.pop() ?? [])], action.id);
        const exits = loopExits.pop() ?? [];
        return [{ from: action.id, kind: 'done', label: 'done' }, ...exits];
      }
      default: {
        const children = childSequences(action);
        if (children.length === 0) return [{ from: action.id, kind: 'next' }];
        return children.flatMap((c) => sequence(c.actions, [{ from: action.id, kind: 'branch', label: c.label }]));
      }
    }
  };
  const state = flow.states.find((s) => s.id === flow.startState) ?? flow.states[0];
  const tail = sequence(state?.actions ?? [], [{ from: 'start', kind: 'next' }]);
  nodes.push({ id: 'end', label: 'End', type: 'end' });
  connect(tail, 'end');
  // The other states, each entered through its own node that Change State edges point at; the
  // start state gets one only when a Change State returns to it.
  const targets = new Set(
    flow.states.flatMap((st) =>
      [...walkActions(st.actions)].flatMap(({ action }) => (action.type === 'changeState' ? [action.target] : [])),
    ),
  );
  for (const other of flow.states) {
    if (other === state && !targets.has(other.id)) continue;
    nodes.push({ id: `state:${other.id}`, label: other.name, type: 'state' });
    if (other === state) connect([{ from: `state:${other.id}`, kind: 'next' }], other.actions[0]?.id ?? 'end');
    else connect(sequence(other.actions, [{ from: `state:${other.id}`, kind: 'next' }]), 'end');
  }
  // Each reusable task, entered through its own node; its end returns to whichever Call Task called it.
  for (const task of flow.tasks ?? []) {
    nodes.push({ id: `task:${task.id}`, label: task.name, type: 'task' });
    sequence(task.actions, [{ from: `task:${task.id}`, kind: 'next' }]);
  }
  const known = new Set(nodes.map((n) => n.id));
  return { flow: flow.name, nodes, edges: edges.filter((e) => known.has(e.to)) };
}
