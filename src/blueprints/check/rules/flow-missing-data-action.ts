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
    const calls = [
      ...set.flows.flatMap((f) =>
        scopesOf(f.flow).flatMap((state) =>
          [...walkActions(state.actions)].flatMap(({ action }) =>
            action.type === 'callData'
              ? [
                  {
                    file: f.file,
                    flow: `flow "${f.name}"`,
                    location: actionLocation(action),
                    name: action.dataAction,
                    runs: true,
                  },
                ]
              : [],
          ),
        ),
      ),
      // The flows of types Switchboard does not run call data actions the same way.
      ...(set.otherFlows ?? []).flatMap((f) =>
        f.dataActions.map((c) => ({
          file: f.file,
          flow: `${f.label} flow "${f.name}"`,
          location: c.location,
          name: c.dataAction,
          runs: false,
        })),
      ),
    ];
    const findings: Finding[] = [];
    for (const call of calls) {
      if (available.has(call.name)) continue;
      const at = { file: call.file, location: call.location, rule: this.id };
      const bySuffix = matchingActionName(available, call.name);
      if (bySuffix !== undefined) {
        findings.push({
          severity: 'warning',
          ...at,
          message: `${call.flow} calls data action "${call.name}", present as "${bySuffix}" (the same name but for the suffix Genesys adds on export)${call.runs ? '; Switchboard binds the call to it' : ''}`,
          hint: `Architect's import asks to re-bind this call: rename the action or the call so the names match, or re-bind it to "${bySuffix}".`,
        });
        continue;
      }
      const near = nearest(call.name, available);
      findings.push({
        severity: 'error',
        ...at,
        message: `${call.flow} calls data action "${call.name}", which is not present${near ? `; the closest present action is "${near}"` : ''}`,
        hint: near
          ? `Re-bind the call to "${near}" (a bundle's workflow "rebind", or re-select the action in Architect).`
          : 'Add the data action (its .custom.json) or fix the name the flow calls.',
      });
    }
    return findings;
  },
};
