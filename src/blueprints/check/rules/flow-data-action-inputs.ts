/**
 * @module
 * `flow/data-action-input` (warning): what a Call Data Action gives its data action against the
 * action's input contract — a required input the call leaves not set (the request is refused at
 * the input stage, `ACTION.INPUT_VALIDATION`, and the flow takes its Failure path every time), and
 * a collection variable passed to an input that is not an array (Architect passes the collection,
 * which the contract refuses, or a template renders it as a list).
 */
import { matchingActionName } from '../../../actions/index.ts';
import { scopesOf, walkActions } from '../../../architect/index.ts';
import type { Finding } from '../finding.ts';
import { actionLocation, flowFacts } from '../flow-facts.ts';
import { lintedActions } from '../rule.ts';
import type { Rule } from '../rule.ts';

function schemaOf(properties: unknown, name: string): Record<string, unknown> | undefined {
  if (!properties || typeof properties !== 'object') return undefined;
  const p = (properties as Record<string, unknown>)[name];
  return p && typeof p === 'object' ? (p as Record<string, unknown>) : undefined;
}

function acceptsArray(schema: Record<string, unknown> | undefined): boolean {
  if (!schema) return true;
  const type = schema.type;
  if (type === undefined) return true;
  return type === 'array' || (Array.isArray(type) && type.includes('array'));
}

/** The rule. */
export const flowDataActionInput: Rule = {
  id: 'flow/data-action-input',
  severity: 'warning',
  summary:
    'A Call Data Action leaves a required input not set, or passes a collection to an input that is not an array.',
  check(set) {
    // The exports come first, so an export's contract wins over a Terraform action of the same name.
    const byName = new Map(
      lintedActions(set)
        .reverse()
        .map(({ action: a }) => [a.name, a]),
    );
    const findings: Finding[] = [];
    for (const f of set.flows) {
      const facts = flowFacts(f.flow);
      for (const state of scopesOf(f.flow)) {
        for (const { action } of walkActions(state.actions)) {
          if (action.type !== 'callData') continue;
          const target =
            byName.get(action.dataAction) ?? byName.get(matchingActionName(byName.keys(), action.dataAction) ?? '');
          if (!target) continue;
          const schema = target.definition.contract.input;
          const required = Array.isArray(schema.required)
            ? schema.required.filter((r): r is string => typeof r === 'string')
            : [];
          for (const name of required) {
            const given = action.inputs[name];
            if (given !== undefined && given.kind !== 'notSet') continue;
            findings.push({
              severity: 'warning',
              file: f.file,
              location: actionLocation(action),
              rule: this.id,
              message: `flow "${f.name}" calls "${target.name}" without its required input "${name}"; the action refuses the input and the call takes its Failure path every time`,
              hint: `Set "${name}" in the Call Data Action, or make it optional in the action's input contract.`,
            });
          }
          for (const [name, source] of Object.entries(action.inputs)) {
            if (source.kind !== 'expression') continue;
            const variable = /^\s*([A-Za-z_][\w]*\.[A-Za-z_][\w]*)\s*$/.exec(source.text)?.[1];
            const decl = variable === undefined ? undefined : facts.declared.get(variable.toLowerCase());
            if (!decl?.type.collection || acceptsArray(schemaOf(schema.properties, name))) continue;
            findings.push({
              severity: 'warning',
              file: f.file,
              location: actionLocation(action),
              rule: this.id,
              message: `flow "${f.name}" passes the collection ${variable} to input "${name}" of "${target.name}", which is not an array in the action's contract`,
              hint: `Pass one element (${variable}[0], or an element chosen in a Loop), or make "${name}" an array in the contract.`,
            });
          }
        }
      }
    }
    return findings;
  },
};
