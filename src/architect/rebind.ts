/**
 * @module
 * Re-binding data-action names, as Architect asks on import when a flow names an action that the
 * org calls differently (e.g. the presence blueprint's "… (ConversationDirect)" names, blueprints.md §3.1).
 */
import type { Action, Flow, FlowState } from './model.ts';

function rebindActions(actions: readonly Action[], names: Readonly<Record<string, string>>): Action[] {
  return actions.map((a): Action => {
    switch (a.type) {
      case 'callData':
        return {
          ...a,
          dataAction: names[a.dataAction] ?? a.dataAction,
          success: rebindActions(a.success, names),
          failure: rebindActions(a.failure, names),
          timeout: rebindActions(a.timeout, names),
        };
      case 'decision':
        return { ...a, yes: rebindActions(a.yes, names), no: rebindActions(a.no, names) };
      case 'switch':
        return {
          ...a,
          cases: a.cases.map((c) => ({ ...c, actions: rebindActions(c.actions, names) })),
          default: rebindActions(a.default, names),
        };
      case 'loop':
        return { ...a, body: rebindActions(a.body, names) };
      case 'lookup':
        return { ...a, found: rebindActions(a.found, names), notFound: rebindActions(a.notFound, names) };
      case 'evaluateSchedule':
        return { ...a, active: rebindActions(a.active, names), inactive: rebindActions(a.inactive, names) };
      case 'evaluateScheduleGroup':
        return {
          ...a,
          open: rebindActions(a.open, names),
          closed: rebindActions(a.closed, names),
          holiday: rebindActions(a.holiday, names),
          emergency: rebindActions(a.emergency, names),
        };
      case 'dataTableLookup':
        return {
          ...a,
          found: rebindActions(a.found, names),
          notFound: rebindActions(a.notFound, names),
          failure: rebindActions(a.failure, names),
        };
      case 'getParticipantData':
        return a.paths
          ? {
              ...a,
              paths: { found: rebindActions(a.paths.found, names), notFound: rebindActions(a.paths.notFound, names) },
            }
          : a;
      case 'setParticipantData':
        return a.paths
          ? {
              ...a,
              paths: { success: rebindActions(a.paths.success, names), failure: rebindActions(a.paths.failure, names) },
            }
          : a;
      default:
        return a;
    }
  });
}

/**
 * A copy of the flow whose Call Data Actions use the new names (`{ oldName: newName }`).
 * @example
 * rebindDataActions(flow, { 'GetOutboundConversationDetailsForPickUp (ConversationDirect)': 'GetOutboundConversationDetailsForPickUp' });
 */
export function rebindDataActions(flow: Flow, names: Readonly<Record<string, string>>): Flow {
  const rebind = (s: FlowState): FlowState => ({ ...s, actions: rebindActions(s.actions, names) });
  return { ...flow, states: flow.states.map(rebind), ...(flow.tasks ? { tasks: flow.tasks.map(rebind) } : {}) };
}
