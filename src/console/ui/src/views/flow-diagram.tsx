/**
 * @module
 * The run picture: an Architect flow's graph (`GET /api/flows/{name}/model`) laid out by dagre and
 * drawn as SVG, the path the run took highlighted with traversal counts on its edges. Each node is
 * a button that scrolls the timeline to the step of that action.
 */
import { useMemo } from 'preact/hooks';
import { ApiFailure, get } from '../api-client.ts';
import { useLoad } from '../components.tsx';
import { layoutFlow, overlayPath } from '../flow-picture.ts';
import type { PathStep } from '../flow-picture.ts';
import type { FlowGraph } from '../types.ts';

const SHAPE_CLASS: Record<string, string> = {
  decision: 'fd-branch',
  switch: 'fd-branch',
  loop: 'fd-loop',
  callData: 'fd-call',
  wait: 'fd-wait',
  start: 'fd-term',
  end: 'fd-term',
  endWorkflow: 'fd-term',
};

/** Scroll the run timeline to the first step of an action and focus it. */
function focusStep(actionId: string): void {
  const el = document.querySelector<HTMLElement>(`[data-testid="run-step"][data-action-id="${CSS.escape(actionId)}"]`);
  if (!el) return;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  el.focus({ preventScroll: true });
}

/** The diagram of a run's flow; nothing for a code-first workflow (the model answers 404). */
export function FlowDiagram(props: {
  flow: string;
  path: readonly PathStep[];
  ended: boolean;
}): preact.JSX.Element | null {
  const model = useLoad(async () => {
    try {
      return await get<FlowGraph>(`/api/flows/${encodeURIComponent(props.flow)}/model`);
    } catch (e) {
      if (e instanceof ApiFailure && e.body.status === 404) return null;
      throw e;
    }
  }, [props.flow]);
  const graph = model.data;
  const layout = useMemo(() => (graph ? layoutFlow(graph) : undefined), [graph]);
  const overlay = useMemo(
    () => (graph ? overlayPath(graph, props.path, props.ended) : undefined),
    [graph, props.path, props.ended],
  );
  if (model.error)
    return (
      <div class="error small" role="alert">
        The flow diagram could not load: {model.error instanceof Error ? model.error.message : String(model.error)}
      </div>
    );
  if (!layout || !overlay) return null;
  return (
    <figure class="flow-diagram" data-testid="run-diagram" aria-label={`Diagram of flow ${props.flow}`}>
      <svg
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width={layout.width}
        height={layout.height}
        role="group"
        aria-label="flow actions; the path this run took is highlighted"
      >
        <defs>
          <marker id="fd-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto">
            <path d="M0,0 L8,4 L0,8 z" />
          </marker>
        </defs>
        {layout.edges.map((e) => {
          const count = overlay.edgeCounts.get(e.id) ?? 0;
          const mid = e.points[Math.floor(e.points.length / 2)];
          const text = [e.label, e.kind === 'loop' || count > 1 ? `×${count}` : undefined].filter(Boolean).join(' ');
          return (
            <g
              key={e.id}
              class={`fd-edge fd-${e.kind}${count > 0 ? ' fd-taken' : ''}`}
              data-testid="diagram-edge"
              data-kind={e.kind}
              data-count={count}
            >
              <polyline points={e.points.map((p) => `${p.x},${p.y}`).join(' ')} marker-end="url(#fd-arrow)" />
              {text && mid ? (
                <text x={mid.x + 4} y={mid.y - 2}>
                  {text}
                </text>
              ) : null}
            </g>
          );
        })}
        {layout.nodes.map((n) => {
          const visits = overlay.nodeVisits.get(n.id) ?? 0;
          const go = (): void => focusStep(n.id);
          return (
            <g
              key={n.id}
              class={`fd-node ${SHAPE_CLASS[n.type] ?? 'fd-action'}${visits > 0 ? ' fd-visited' : ''}`}
              data-testid="diagram-node"
              data-node-id={n.id}
              data-visits={visits}
              role="button"
              tabindex={0}
              aria-label={`${n.label} (${n.type})${visits > 0 ? `, run went here ${visits} time${visits === 1 ? '' : 's'}` : ', not taken'}`}
              onClick={go}
              onKeyDown={(ev) => {
                if (ev.key === 'Enter' || ev.key === ' ') {
                  ev.preventDefault();
                  go();
                }
              }}
            >
              <rect
                x={n.x - n.width / 2}
                y={n.y - n.height / 2}
                width={n.width}
                height={n.height}
                rx={n.type === 'start' || n.type === 'end' ? 17 : 4}
              />
              <text x={n.x} y={n.y + 4} text-anchor="middle">
                {n.label.length > 26 ? `${n.label.slice(0, 25)}…` : n.label}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
