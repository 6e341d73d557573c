/**
 * @module
 * `trigger/json-without-jsondata`: a trigger with data format `Json` sends the whole event as
 * one input named `jsonData` (platform.md §1.5); a target flow without that input receives
 * nothing.
 */
import { dataFormatOf } from '../../../triggers/index.ts';
import type { Finding } from '../finding.ts';
import { pairs } from '../rule.ts';
import type { Rule } from '../rule.ts';

/** The rule. */
export const triggerJsonWithoutJsonData: Rule = {
  id: 'trigger/json-without-jsondata',
  severity: 'error',
  summary: 'A Json-format trigger targets a flow without a jsonData input.',
  check(set) {
    const findings: Finding[] = [];
    for (const { trigger, flow } of pairs(set)) {
      if (dataFormatOf(trigger.trigger) !== 'Json') continue;
      if (flow.flow.variables.some((v) => v.isInput && v.name === 'Flow.jsonData')) continue;
      findings.push({
        severity: 'error',
        file: trigger.file,
        location: `${trigger.location}/target/workflowTargetSettings/dataFormat`,
        rule: this.id,
        message: `trigger "${trigger.name}" sends its event as Json, but flow "${flow.name}" has no input Flow.jsonData, so it receives nothing`,
        hint: 'Add a JSON input variable named jsonData to the flow, or use the TopLevelPrimitives data format.',
      });
    }
    return findings;
  },
};
