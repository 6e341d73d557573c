/**
 * @module
 * `trigger/no-criteria` (warning): a trigger without match criteria fires on every event of its
 * topic — like the presence blueprints' Postman body "Agent joins conversation" (blueprints.md
 * §2.3), which would start the workflow for ACD calls too. A Terraform trigger whose
 * `match_criteria` exists but could not be known (it depends on a data source) has criteria:
 * its `terraform/invalid` / `trigger/invalid` finding says so, and this rule stays silent.
 */
import type { Finding } from '../finding.ts';
import type { Rule } from '../rule.ts';

/** The rule. */
export const triggerNoCriteria: Rule = {
  id: 'trigger/no-criteria',
  severity: 'warning',
  summary: 'A trigger has no match criteria and fires on every event of its topic.',
  check(set) {
    return set.triggers
      .filter(
        (t) =>
          (t.trigger.matchCriteria ?? []).length === 0 &&
          !(t.unresolved ?? []).some((arg) => /^match_criteria\b/.test(arg)),
      )
      .map((t): Finding => ({
        severity: 'warning',
        file: t.file,
        location: `${t.location}/matchCriteria`,
        rule: this.id,
        message: `trigger "${t.name}" has no match criteria, so it fires on every ${t.trigger.topicName} event`,
        hint: 'Add the criteria the solution needs, e.g. {"jsonPath":"queueId","operator":"Exists","value":false} for non-ACD calls.',
      }));
  },
};
