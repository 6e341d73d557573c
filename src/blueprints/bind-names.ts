/**
 * @module
 * A flow's data-action calls bound to the actions at hand, as Architect's import asks the user to:
 * a call naming "X - Exported <date> @ <time>" binds to the one action "X" (or the reverse), and a
 * call naming no action binds to the one whose export file is named as the call.
 */
import { matchingActionFile, matchingActionName } from '../actions/index.ts';
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
 * The flow with each call that names no available action bound to the one that is the same but
 * for an export suffix, else (given `files`, action name → export file) to the one whose export
 * file is named as the call; and the bindings made (`{ calledName: actionName }`), those made by
 * file name listed in `byFile` (pure).
 * @example
 * const { flow: bound, bound: names } = bindExportSuffixes(flow, ['Set External Tag']);
 */
export function bindExportSuffixes(
  flow: Flow,
  available: Iterable<string>,
  files?: ReadonlyMap<string, string>,
): { flow: Flow; bound: Record<string, string>; byFile: Record<string, string> } {
  const names = [...available];
  const have = new Set(names);
  const bound: Record<string, string> = {};
  const byFile: Record<string, string> = {};
  for (const n of calledDataActions(flow)) {
    if (have.has(n)) continue;
    const match = matchingActionName(names, n);
    if (match !== undefined) bound[n] = match;
    else {
      const file = files ? matchingActionFile(files, n) : undefined;
      if (file !== undefined) bound[n] = byFile[n] = file;
    }
  }
  return { flow: Object.keys(bound).length > 0 ? rebindDataActions(flow, bound) : flow, bound, byFile };
}
