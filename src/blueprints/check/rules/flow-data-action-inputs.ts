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
import type { ValueSource } from '../../../architect/index.ts';
import type { ActionArtifact } from '../../artifacts.ts';
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

/** Where a call is, for a finding. */
interface CallSite {
  readonly file: string;
  /** How the message names the flow: `flow "X"`, `inbound call flow "X"`. */
  readonly flow: string;
  readonly location: string;
}

/** A finding for each input the action's contract requires that the call leaves not set. */
function unsetRequired(target: ActionArtifact, inputs: Readonly<Record<string, ValueSource>>, at: CallSite): Finding[] {
  const schema = target.definition.contract.input;
  const required = Array.isArray(schema.required)
    ? schema.required.filter((r): r is string => typeof r === 'string')
    : [];
  return required
    .filter((name) => inputs[name] === undefined || inputs[name].kind === 'notSet')
    .map((name) => ({
      severity: 'warning',
      file: at.file,
      location: at.location,
      rule: flowDataActionInput.id,
      message: `${at.flow} calls "${target.name}" without its required input "${name}"; the action refuses the input and the call takes its Failure path every time`,
      hint: `Set "${name}" in the Call Data Action, or make it optional in the action's input contract.`,
    }));
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
    const target = (name: string): ActionArtifact | undefined =>
      byName.get(name) ?? byName.get(matchingActionName(byName.keys(), name) ?? '');
    const findings: Finding[] = [];
    // A flow of a type Switchboard does not run: only what its calls set is known (no variable types).
    for (const f of set.otherFlows ?? [])
      for (const call of f.dataActions) {
        const action = target(call.dataAction);
        const at = { file: f.file, flow: `${f.label} flow "${f.name}"`, location: call.location };
        if (action) findings.push(...unsetRequired(action, call.inputs, at));
      }
    for (const f of set.flows) {
      const facts = flowFacts(f.flow);
      for (const state of scopesOf(f.flow)) {
        for (const { action } of walkActions(state.actions)) {
          if (action.type !== 'callData') continue;
          const called = target(action.dataAction);
          if (!called) continue;
          const schema = called.definition.contract.input;
          findings.push(
            ...unsetRequired(called, action.inputs, {
              file: f.file,
              flow: `flow "${f.name}"`,
              location: actionLocation(action),
            }),
          );
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
              message: `flow "${f.name}" passes the collection ${variable} to input "${name}" of "${called.name}", which is not an array in the action's contract`,
              hint: `Pass one element (${variable}[0], or an element chosen in a Loop), or make "${name}" an array in the contract.`,
            });
          }
        }
      }
    }
    return findings;
  },
};
