/**
 * @module
 * The run picture's pure logic: which edges of a flow graph a run's path took (and how often), and
 * the layout of the graph. Layout is dagre (@dagrejs/dagre): synchronous, pure JavaScript, small in
 * the bundle and with no worker or install-time download, which suits a graph of tens of actions
 * drawn on each open of a run (elkjs offers more layout options at several times the bundle size).
 */
import dagre from '@dagrejs/dagre';
import type { FlowGraph, FlowGraphEdge, FlowGraphNode } from './types.ts';

/** One step of the path an Architect run took (the run output's `path`). */
export interface PathStep {
  readonly actionId: string;
  readonly outcome?: string;
}

/** How a run went through a graph: visits per node and traversals per edge. */
export interface PathOverlay {
  readonly nodeVisits: ReadonlyMap<string, number>;
  readonly edgeCounts: ReadonlyMap<string, number>;
}

/**
 * Overlay a run's path on a graph (pure): start → first action, each consecutive pair of steps
 * (the edge whose branch label is the earlier step's outcome when several lead there; a loop body's
 * way back then into the body again for a new iteration), and the last step → end when `ended`.
 */
export function overlayPath(graph: FlowGraph, path: readonly PathStep[], ended: boolean): PathOverlay {
  const nodeVisits = new Map<string, number>();
  const edgeCounts = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string): void => {
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  const out = new Map<string, FlowGraphEdge[]>();
  for (const e of graph.edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  const direct = (from: string, to: string, outcome?: string): FlowGraphEdge | undefined => {
    const candidates = (out.get(from) ?? []).filter((e) => e.to === to);
    return candidates.find((e) => e.label !== undefined && e.label === outcome) ?? candidates[0];
  };
  const step = (from: string, to: string, outcome?: string): void => {
    const e = direct(from, to, outcome);
    if (e) {
      bump(edgeCounts, e.id);
      return;
    }
    // Through a loop: the body's end goes back to the loop, which enters the body (or leaves) again.
    const backs = (out.get(from) ?? [])
      .filter((x) => x.kind === 'loopBack')
      .sort((a, b) => Number(b.label === outcome) - Number(a.label === outcome));
    for (const back of backs) {
      const again = direct(back.to, to);
      if (again) {
        bump(edgeCounts, back.id);
        bump(edgeCounts, again.id);
        return;
      }
    }
  };
  const ids = new Set(graph.nodes.map((n) => n.id));
  const steps = path.filter((p) => ids.has(p.actionId));
  if (steps.length > 0) {
    bump(nodeVisits, 'start');
    step('start', steps[0]!.actionId);
  }
  steps.forEach((p, i) => {
    bump(nodeVisits, p.actionId);
    const next = steps[i + 1];
    if (next) step(p.actionId, next.actionId, p.outcome);
  });
  const last = steps.at(-1);
  if (ended && last) {
    step(last.actionId, 'end', last.outcome);
    if ((out.get(last.actionId) ?? []).some((e) => edgeCounts.has(e.id) && e.to === 'end')) bump(nodeVisits, 'end');
  }
  return { nodeVisits, edgeCounts };
}

/** A laid-out node: its centre and size. */
interface PlacedNode extends FlowGraphNode {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A laid-out edge: its polyline and label position. */
interface PlacedEdge extends FlowGraphEdge {
  readonly points: ReadonlyArray<{ readonly x: number; readonly y: number }>;
}

/** The laid-out graph. */
export interface FlowLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
}

/** Lay a flow graph out top to bottom (dagre). */
export function layoutFlow(graph: FlowGraph): FlowLayout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 36, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { width: Math.min(200, 40 + n.label.length * 7), height: 34 });
  for (const e of graph.edges)
    g.setEdge(
      e.from,
      e.to,
      { label: e.label ?? '', width: e.label ? e.label.length * 6 : 0, height: e.label ? 14 : 0 },
      e.id,
    );
  dagre.layout(g);
  const nodes = graph.nodes.map((n) => {
    const p = g.node(n.id);
    return { ...n, x: p.x, y: p.y, width: p.width, height: p.height };
  });
  const edges = graph.edges.map((e) => ({
    ...e,
    points: (g.edge(e.from, e.to, e.id) as { points?: { x: number; y: number }[] }).points ?? [],
  }));
  const size = g.graph();
  return { width: size.width ?? 0, height: size.height ?? 0, nodes, edges };
}
