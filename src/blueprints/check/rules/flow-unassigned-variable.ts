/**
 * @module
 * `flow/unassigned-variable`: a variable is read but nothing ever assigns it — not an input, no
 * initial value, no Update Data, no data-action output, no loop index. It is always NOT_SET,
 * like `State.callbackConversationId` in the published callback flow (blueprints.md §4.2).
 */
import type { Finding } from '../finding.ts';
import { actionLocation, flowFacts } from '../flow-facts.ts';
import type { Rule } from '../rule.ts';

/** The rule. */
export const flowUnassignedVariable: Rule = {
  id: 'flow/unassigned-variable',
  severity: 'error',
  summary: 'A variable is read but never assigned.',
  check(set) {
    const findings: Finding[] = [];
    for (const f of set.flows) {
      const facts = flowFacts(f.flow);
      const reported = new Set<string>();
      for (const read of facts.reads) {
        const key = read.variable.toLowerCase();
        const decl = facts.declared.get(key);
        if (!decl || decl.isInput || facts.written.has(key) || reported.has(key)) continue;
        if (decl.initial !== null && !(Array.isArray(decl.initial) && decl.initial.length === 0)) continue;
        reported.add(key);
        findings.push({
          severity: 'error',
          file: f.file,
          location: actionLocation(read.action),
          rule: this.id,
          message: `flow "${f.name}" reads ${decl.name} (in \`${read.expression}\`) but nothing assigns it, so it is always NOT_SET`,
          hint: `Assign ${decl.name} before it is read (Update Data from an input such as Flow.conversationId), or make it an input the trigger sends.`,
        });
      }
    }
    return findings;
  },
};
