/**
 * @module
 * Walking a flow's actions: every action with the branches it holds (Call Data Action's paths,
 * Decision, Switch, Loop, the platform actions' paths), in source order. Pure.
 */
import type { Action } from './model.ts';

/** Walk every action of a sequence, depth first, with the number of enclosing loops. */
export function* walkActions(
  actions: readonly Action[],
  loopDepth = 0,
): Generator<{ action: Action; loopDepth: number }> {
  for (const action of actions) {
    yield { action, loopDepth };
    for (const child of childSequences(action))
      yield* walkActions(child.actions, loopDepth + (action.type === 'loop' ? 1 : 0));
  }
}

/** The named branches of an action, in source order. */
export function childSequences(action: Action): Array<{ label: string; actions: readonly Action[] }> {
  switch (action.type) {
    case 'callData':
      return [
        { label: 'success', actions: action.success },
        { label: 'failure', actions: action.failure },
        { label: 'timeout', actions: action.timeout },
      ];
    case 'decision':
      return [
        { label: 'yes', actions: action.yes },
        { label: 'no', actions: action.no },
      ];
    case 'switch':
      return [
        ...action.cases.map((c, i) => ({ label: `case${i}`, actions: c.actions })),
        { label: 'default', actions: action.default },
      ];
    case 'loop':
      return [{ label: 'loop', actions: action.body }];
    case 'lookup':
      return [
        { label: 'found', actions: action.found },
        { label: 'notFound', actions: action.notFound },
      ];
    case 'evaluateSchedule':
      return [
        { label: 'active', actions: action.active },
        { label: 'inactive', actions: action.inactive },
      ];
    case 'evaluateScheduleGroup':
      return [
        { label: 'open', actions: action.open },
        { label: 'closed', actions: action.closed },
        { label: 'holiday', actions: action.holiday },
        { label: 'emergency', actions: action.emergency },
      ];
    case 'dataTableLookup':
      return [
        { label: 'found', actions: action.found },
        { label: 'notFound', actions: action.notFound },
        { label: 'failure', actions: action.failure },
      ];
    case 'getParticipantData':
      return action.paths
        ? [
            { label: 'found', actions: action.paths.found },
            { label: 'notFound', actions: action.paths.notFound },
          ]
        : [];
    case 'setParticipantData':
      return action.paths
        ? [
            { label: 'success', actions: action.paths.success },
            { label: 'failure', actions: action.paths.failure },
          ]
        : [];
    case 'workitem':
      return [
        { label: 'success', actions: action.success },
        { label: 'failure', actions: action.failure },
      ];
    default:
      return [];
  }
}
