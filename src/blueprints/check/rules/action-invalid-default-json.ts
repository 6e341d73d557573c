/**
 * @module
 * `action/invalid-default-json`: a `translationMapDefaults` value is inserted verbatim as JSON
 * text (blueprints.md §0.2 step 5, platform.md §3.3 item 6), so a bare word such as
 * `disconnected` or `Not Found` makes the success template produce invalid JSON and the action
 * fail exactly when the default is needed (§2.1, §3.1, §4.1).
 */
import { tryParseJson } from '../../../core/index.ts';
import type { Finding } from '../finding.ts';
import { lintedActions } from '../rule.ts';
import type { Rule } from '../rule.ts';

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** The rule. */
export const actionInvalidDefaultJson: Rule = {
  id: 'action/invalid-default-json',
  severity: 'error',
  summary: 'A translationMapDefaults value is not valid JSON.',
  check(set) {
    const findings: Finding[] = [];
    for (const { action: a, file, at } of lintedActions(set)) {
      const base =
        a.definition.source === 'terraform'
          ? '/config_response/translation_map_defaults'
          : '/config/response/translationMapDefaults';
      for (const [key, value] of Object.entries(a.definition.response.translationMapDefaults)) {
        if (tryParseJson(value).ok) continue;
        findings.push({
          severity: 'error',
          file,
          location: `${at}${base}/${escape(key)}`,
          rule: this.id,
          message: `data action "${a.name}": the default of ${key} is ${JSON.stringify(value)}, which is not JSON; the success template gets invalid JSON whenever the default applies`,
          hint: `Write the default as JSON text: ${JSON.stringify(JSON.stringify(value))}.`,
        });
      }
    }
    return findings;
  },
};
