/**
 * @module
 * `flow/missing-data-action`: a Call Data Action names a data action the bundle or folder does
 * not hold — e.g. the main "Set GC User to Busy" calling "… (ConversationDirect)" names its own
 * exports lack (blueprints.md §3.1). Architect refuses to publish such a flow until re-bound.
 */
import { matchingActionName } from '../../../actions/index.ts';
import { scopesOf, walkActions } from '../../../architect/index.ts';
import type { Finding } from '../finding.ts';
import { actionLocation } from '../flow-facts.ts';
import { nearest } from '../rule.ts';
import type { Rule } from '../rule.ts';

/** The rule. */
export const flowMissingDataAction: Rule = {
  id: 'flow/missing-data-action',
  severity: 'error',
  summary: 'A flow calls a data action that is not present.',
  check(set) {
    const available = new Set([...set.actions.map((a) => a.name), ...set.terraformActions.map((a) => a.name)]);
    const findings: Finding[] = [];
    for (const f of set.flows) {
      for (const state of scopesOf(f.flow)) {
        for (const { action } of walkActions(state.actions)) {
          if (action.type !== 'callData' || available.has(action.dataAction)) continue;
          const bySuffix = matchingActionName(available, action.dataAction);
          if (bySuffix !== undefined) {
            findings.push({
              severity: 'warning',
              file: f.file,
              location: actionLocation(action),
              rule: this.id,
              message: `flow "${f.name}" calls data action "${action.dataAction}", present as "${bySuffix}" (the same name but for the suffix Genesys adds on export); Switchboard binds the call to it`,
              hint: `Architect's import asks to re-bind this call: rename the action or the call so the names match, or re-bind it to "${bySuffix}".`,
            });
            continue;
          }
          const near = nearest(action.dataAction, available);
          findings.push({
            severity: 'error',
            file: f.file,
            location: actionLocation(action),
            rule: this.id,
            message: `flow "${f.name}" calls data action "${action.dataAction}", which is not present${near ? `; the closest present action is "${near}"` : ''}`,
            hint: near
              ? `Re-bind the call to "${near}" (a bundle's workflow "rebind", or re-select the action in Architect).`
              : 'Add the data action (its .custom.json) or fix the name the flow calls.',
          });
        }
      }
    }
    return findings;
  },
};
