/**
 * @module
 * Process Automation state: the org's triggers, in creation order.
 */
import type { Trigger } from '../../../triggers/index.ts';
import { declareStore } from '../../provider-contract.ts';
import type { OrgState } from '../../provider-contract.ts';

/** The stored triggers of an org. */
export interface ProcessAutomationState {
  triggers: Record<string, Trigger>;
  /** Trigger ids in creation order (the listing's cursor order). */
  order: string[];
}

/** The declared store. */
export const processAutomationStore = declareStore<ProcessAutomationState>('processautomation', () => ({
  triggers: {},
  order: [],
}));

/**
 * Every trigger of an org, in creation order (for the runtime, which evaluates them on events).
 * @example
 * const index = new TriggerIndex();
 * for (const t of listTriggers(emulator.services.org(emulator.orgId))) index.add(t);
 */
export function listTriggers(org: OrgState): Trigger[] {
  const s = org.get(processAutomationStore);
  return s.order.flatMap((id) => (s.triggers[id] ? [structuredClone(s.triggers[id])] : []));
}
