/**
 * @module
 * `trigger/input-never-sent`: a flow input the trigger's event never delivers. Under
 * TopLevelPrimitives only the topic's top-level strings, numbers and booleans arrive, as
 * `Flow.<field>` (platform.md §1.5); under Json only `jsonData`. An input read with no initial
 * value is always NOT_SET (error: the callback flow's `Flow.phone` gate, blueprints.md §4.2); one
 * with an initial value keeps it (warning); one never read is left to `flow/unused-variable`.
 */
import { dataFormatOf, topicEntry } from '../../../triggers/index.ts';
import type { FieldType } from '../../../triggers/index.ts';
import type { Finding, Severity } from '../finding.ts';
import { actionLocation, flowFacts } from '../flow-facts.ts';
import { pairs } from '../rule.ts';
import type { Rule } from '../rule.ts';

const isPrimitive = (t: FieldType): boolean => typeof t === 'string' || 'enum' in t;

/** The rule. */
export const triggerInputNeverSent: Rule = {
  id: 'trigger/input-never-sent',
  severity: 'error',
  summary: "A flow input the trigger's topic never sends.",
  check(set) {
    const findings: Finding[] = [];
    for (const { trigger, flow } of pairs(set)) {
      const format = dataFormatOf(trigger.trigger);
      const schema = topicEntry(trigger.trigger.topicName)?.schema;
      if (format === 'TopLevelPrimitives' && !schema) continue;
      const facts = flowFacts(flow.flow);
      for (const decl of flow.flow.variables) {
        if (!decl.isInput) continue;
        const field = decl.name.replace(/^flow\./i, '');
        let why: string | undefined;
        if (format === 'Json') {
          if (field !== 'jsonData') why = `a Json-format trigger sends only jsonData`;
        } else {
          const type = schema!.fields[field];
          if (type === undefined) why = `the ${trigger.trigger.topicName} event has no top-level field "${field}"`;
          else if (!isPrimitive(type))
            why = `"${field}" is not a top-level primitive of ${trigger.trigger.topicName}, and TopLevelPrimitives drops arrays and objects`;
        }
        if (!why) continue;
        const read = facts.reads.find((r) => r.variable.toLowerCase() === decl.name.toLowerCase());
        if (!read) continue;
        const hasInitial = decl.initial !== null && !(Array.isArray(decl.initial) && decl.initial.length === 0);
        const severity: Severity = hasInitial ? 'warning' : 'error';
        const effect = hasInitial
          ? `it always keeps its initial value ${JSON.stringify(decl.initial)}`
          : 'it is always NOT_SET where the flow reads it';
        findings.push({
          severity,
          file: flow.file,
          location: actionLocation(read.action),
          rule: this.id,
          message: `flow "${flow.name}" input ${decl.name} is never sent by trigger "${trigger.name}": ${why}; ${effect}`,
          hint: 'Feed the logic from a field the event does send (e.g. Flow.conversationId), or drop the input and what depends on it.',
        });
      }
    }
    return findings;
  },
};
