/**
 * @module
 * `trigger/no-criteria` (warning): a trigger without match criteria fires on every event of its
 * topic — like the presence blueprints' Postman body "Agent joins conversation" (blueprints.md
 * §2.3), which would start the workflow for ACD calls too.
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
      .filter((t) => (t.trigger.matchCriteria ?? []).length === 0)
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
