/**
 * @module
 * Common modules in the flows that call them. Architect snapshots a common module into each flow
 * that calls it when that flow publishes (Genesys help, "Work with common module flows"), so a
 * loaded workflow carries the modules it calls, by name, and a run replays with the modules it
 * started with.
 */
import { scopesOf, walkActions } from './model.ts';
import type { Flow } from './model.ts';

/**
 * The names of the common modules a flow calls (Call Common Module), each once, in order.
 * @example
 * calledModules(flow); // ['Resolve Contact']
 */
function calledModules(flow: Flow): string[] {
  const names = new Set<string>();
  for (const scope of scopesOf(flow))
    for (const { action } of walkActions(scope.actions))
      if (action.type === 'callCommonModule') names.add(action.module);
  return [...names];
}

/**
 * The flow with a snapshot of each common module it calls that `modules` holds (matched by name,
 * without case, as Architect names are). A module not found is left out: validation with
 * `commonModules: true` names it, and a run that reaches the call fails with
 * `SB_ARCHITECT_COMMON_MODULE_MISSING`. A flow that calls none is returned as it is.
 * @example
 * const runnable = withCommonModules(workflow, [resolveContact]);
 */
export function withCommonModules(flow: Flow, modules: Iterable<Flow>): Flow {
  const called = calledModules(flow);
  if (called.length === 0) return flow;
  const byName = new Map<string, Flow>();
  for (const m of modules) if (m.type === 'commonModule') byName.set(m.name.toLowerCase(), m);
  const snapshots: Record<string, Flow> = {};
  for (const name of called) {
    const m = byName.get(name.toLowerCase());
    if (m) snapshots[name] = m;
  }
  return Object.keys(snapshots).length === 0 ? flow : { ...flow, commonModules: snapshots };
}

/**
 * A common module's compatible flow types, lower case, from what its file lists (Archy's
 * `settingsCommonModule.compatibleFlowTypes[].flowType`, an export's `destinationFlowTypes`):
 * none when the file says nothing, and then any flow may call it.
 */
export function compatibility(listed: unknown): { compatibleFlowTypes?: string[] } {
  if (!Array.isArray(listed)) return {};
  return { compatibleFlowTypes: listed.flatMap((t) => (typeof t === 'string' ? [t.toLowerCase()] : [])) };
}
