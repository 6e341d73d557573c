/**
 * @module
 * `flow/unused-variable` (info): a declared variable nothing reads — an unused input such as the
 * callback flow's `Flow.delay` (blueprints.md §4.2), or a State variable only ever written such
 * as `State.systemPresence2` (§2.2). Loop indexes are not reported.
 */
import type { Finding } from '../finding.ts';
import { flowFacts } from '../flow-facts.ts';
import type { Rule } from '../rule.ts';

/** The rule. */
export const flowUnusedVariable: Rule = {
  id: 'flow/unused-variable',
  severity: 'info',
  summary: 'A variable is declared but never read.',
  check(set) {
    const findings: Finding[] = [];
    for (const f of set.flows) {
      const facts = flowFacts(f.flow);
      const read = new Set(facts.reads.map((r) => r.variable.toLowerCase()));
      for (const [key, decl] of facts.declared) {
        if (read.has(key) || decl.isOutput || facts.loopIndexes.has(key)) continue;
        const kind = decl.isInput
          ? 'input'
          : facts.written.has(key)
            ? 'variable (written, never read)'
            : 'variable (never written or read)';
        findings.push({
          severity: 'info',
          file: f.file,
          location: `variable ${decl.name}`,
          rule: this.id,
          message: `flow "${f.name}" declares ${kind} ${decl.name} and never reads it`,
          hint: 'Remove it, or use it; an unused input only receives a value the flow ignores.',
        });
      }
    }
    return findings;
  },
};
