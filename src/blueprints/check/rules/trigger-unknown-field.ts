/**
 * @module
 * `trigger/unknown-field`: a match criterion on a field the topic's event schema does not have,
 * which never matches (or, with `Exists false` / `NotEqual` / `NotIn`, always does). Paths are
 * followed through object fields; filters, wildcards and deep scans stop the check.
 */
import { topicEntry } from '../../../triggers/index.ts';
import type { FieldType } from '../../../triggers/index.ts';
import type { Finding } from '../finding.ts';
import { nearest } from '../rule.ts';
import type { Rule } from '../rule.ts';

/** The leading plain property names of a Jayway path (`$.a.b`, `a['b']`, `$['a']`). */
export function leadingNames(path: string): string[] {
  let rest = path.trim().replace(/^\$/, '');
  const names: string[] = [];
  for (;;) {
    if (rest.startsWith('..')) return names;
    const m =
      /^\.?([A-Za-z_][\w-]*)/.exec(rest) ?? /^\[\s*'([^']*)'\s*\]/.exec(rest) ?? /^\[\s*"([^"]*)"\s*\]/.exec(rest);
    if (!m) return names;
    names.push(m[1]!);
    rest = rest.slice(m[0].length);
  }
}

function fieldsOf(t: FieldType): Readonly<Record<string, FieldType>> | undefined {
  return typeof t === 'object' && 'object' in t ? t.object : undefined;
}

/** The rule. */
export const triggerUnknownField: Rule = {
  id: 'trigger/unknown-field',
  severity: 'error',
  summary: 'A criterion names a field the topic schema does not have.',
  check(set) {
    const findings: Finding[] = [];
    for (const t of set.triggers) {
      const schema = topicEntry(t.trigger.topicName)?.schema;
      if (!schema) continue;
      (t.trigger.matchCriteria ?? []).forEach((c, i) => {
        let fields: Readonly<Record<string, FieldType>> | undefined = schema.fields;
        const seen: string[] = [];
        for (const name of leadingNames(c.jsonPath)) {
          if (!fields) return;
          const type: FieldType | undefined = fields[name];
          if (type === undefined) {
            const near = nearest(name, Object.keys(fields));
            findings.push({
              severity: 'error',
              file: t.file,
              location: `${t.location}/matchCriteria/${i}`,
              rule: this.id,
              message: `trigger "${t.name}" criterion ${c.jsonPath} ${c.operator}: ${[...seen, name].join('.')} is not a field of the ${t.trigger.topicName} event`,
              hint: near
                ? `Did you mean "${near}"? Field names are case-sensitive.`
                : 'Use a field of the topic schema (see `switchboard trigger test` schema output).',
            });
            return;
          }
          seen.push(name);
          fields = fieldsOf(type);
        }
      });
    }
    return findings;
  },
};
