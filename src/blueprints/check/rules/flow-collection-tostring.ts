/**
 * @module
 * `flow/collection-tostring-compare` (warning): `ToString(<collection>) == x`. It only works when
 * the collection has exactly one element, because the comparison relies on Architect rendering a
 * one-element collection as its bare element (blueprints.md §1.3 "(inferred)", §3.3); with two
 * matching elements, or none, the test silently fails.
 */
import type { ExprNode } from '../../../architect/index.ts';
import type { Finding } from '../finding.ts';
import { actionLocation, exprNodes, flowFacts } from '../flow-facts.ts';
import type { Rule } from '../rule.ts';

function collectionArg(node: ExprNode, isCollection: (name: string) => boolean): string | undefined {
  if (node.k !== 'call' || node.name.toLowerCase() !== 'tostring' || node.args.length !== 1) return undefined;
  const arg = node.args[0]!;
  return arg.k === 'var' && isCollection(arg.name) ? arg.name : undefined;
}

/** The rule. */
export const flowCollectionToString: Rule = {
  id: 'flow/collection-tostring-compare',
  severity: 'warning',
  summary: 'A collection is compared through ToString, which only works for exactly one element.',
  check(set) {
    const findings: Finding[] = [];
    for (const f of set.flows) {
      const facts = flowFacts(f.flow);
      const isCollection = (name: string) => facts.declared.get(name.toLowerCase())?.type.collection === true;
      for (const e of facts.expressions) {
        for (const n of exprNodes(e.node)) {
          if (n.k !== 'binary' || (n.op !== '==' && n.op !== '!=')) continue;
          const name = collectionArg(n.left, isCollection) ?? collectionArg(n.right, isCollection);
          if (!name) continue;
          findings.push({
            severity: 'warning',
            file: f.file,
            location: actionLocation(e.action),
            rule: this.id,
            message: `flow "${f.name}" compares the collection ${name} through ToString in \`${e.text}\`; this holds only when it has exactly one element`,
            hint: `Test membership instead: Contains(${name}, <value>).`,
          });
        }
      }
    }
    return findings;
  },
};
