/**
 * @module
 * `terraform/action-name-mismatch` (warning): Terraform creates a data action under a name that
 * is close to, but not, the exported action's name — "Check Conversation for PTSN Leg" against
 * "Check Conversation For PSTN Leg" (blueprints.md §1.5). A flow exported from one setup then
 * does not bind to the action created by the other.
 */
import type { Finding } from '../finding.ts';
import { nearest } from '../rule.ts';
import type { Rule } from '../rule.ts';

/** The rule. */
export const terraformActionNameMismatch: Rule = {
  id: 'terraform/action-name-mismatch',
  severity: 'warning',
  summary: 'Terraform names a data action differently from its export.',
  check(set) {
    const exported = set.actions.map((a) => a.name);
    const findings: Finding[] = [];
    for (const tf of set.terraformActions) {
      if (exported.includes(tf.name)) continue;
      const near = nearest(tf.name, exported);
      if (!near) continue;
      findings.push({
        severity: 'warning',
        file: tf.file,
        location: tf.location,
        rule: this.id,
        message: `Terraform creates data action "${tf.name}", but the export is named "${near}"; flows exported from one setup do not bind to the other's action`,
        hint: `Use one name for both: rename the Terraform action to "${near}".`,
      });
    }
    return findings;
  },
};
