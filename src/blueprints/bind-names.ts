/**
 * @module
 * A flow's data-action calls bound to the actions at hand, as Architect's import asks the user to:
 * a call naming "X - Exported <date> @ <time>" binds to the one action "X" (or the reverse).
 */
import { matchingActionName } from '../actions/index.ts';
import { rebindDataActions, scopesOf, walkActions } from '../architect/index.ts';
import type { Flow } from '../architect/index.ts';

/**
 * The data actions a flow calls, in order of first call, those of the common modules it carries
 * included (pure).
 * @example
 * calledDataActions(flow); // ['Get Sentiment', 'Set External Tag']
 */
export function calledDataActions(flow: Flow): string[] {
  const names = new Set<string>();
  for (const f of [flow, ...Object.values(flow.commonModules ?? {})])
    for (const state of scopesOf(f))
      for (const { action } of walkActions(state.actions)) if (action.type === 'callData') names.add(action.dataAction);
  return [...names];
}

/**
 * The flow with each call that names no available action but for an export suffix bound to that
 * action, and the bindings made (`{ calledName: actionName }`; empty when none) (pure).
 * @example
 * const { flow: bound, bound: names } = bindExportSuffixes(flow, ['Set External Tag']);
 */
export function bindExportSuffixes(
  flow: Flow,
  available: Iterable<string>,
): { flow: Flow; bound: Record<string, string> } {
  const names = [...available];
  const have = new Set(names);
  const bound = Object.fromEntries(
    calledDataActions(flow)
      .filter((n) => !have.has(n))
      .flatMap((n) => {
        const match = matchingActionName(names, n);
        return match === undefined ? [] : [[n, match] as const];
      }),
  );
  return { flow: Object.keys(bound).length > 0 ? rebindDataActions(flow, bound) : flow, bound };
}
