/**
 * @module
 * `action/unescaped-input-in-json` (warning): `${input.x}` placed inside a JSON string of a
 * request body without an escape. A value holding a quote, a backslash or a newline breaks the
 * body (HELP-VEL, platform.md §3.3 item 2) — e.g. Put Conversation Tag's
 * `"externalTag": "${input.externalTagName}"` (blueprints.md §1.1).
 *
 * Escaped, so not reported: a reference wrapped in `$esc.jsonString(...)` / `$esc.jsonEncode(...)`
 * (they escape `"`, `\` and control characters), and in `$esc.url(...)`, `$esc.urlFormEncode(...)`
 * or `$esc.uriEncode(...)`. The URL escapes are not JSON escapes, but their output cannot break a
 * JSON string either: they percent-encode everything outside letters, digits and `-_.!~*'()`
 * (`+` for a space in the form encodings), so `"` becomes `%22`, `\` becomes `%5C` and every
 * control character a `%XX` — what is left is only characters a JSON string holds as they are
 * (platform.md §3.4: `$esc.url` is an alias of `$esc.urlFormEncode`). `$esc.unurl(...)` decodes
 * and stays reported.
 */
import type { Finding } from '../finding.ts';
import { lintedActions } from '../rule.ts';
import type { Rule } from '../rule.ts';

const REFERENCE = /^\$!?\{?input\.([A-Za-z_]\w*)\}?/;
/** An escaping call opened right before the reference: `$esc.url(`, `$!{esc.jsonString(`… */
const ESCAPED_BEFORE = /\$!?\{?esc\.(jsonString|jsonEncode|url|urlFormEncode|uriEncode)\(\s*$/;

/**
 * The inputs referenced inside JSON string literals of a template, unescaped.
 * @example
 * unescapedInputs('{"tag": "${input.tag}", "n": ${input.n}}') // ['tag']
 */
export function unescapedInputs(template: string): string[] {
  const out: string[] = [];
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"') inString = !inString;
    else if (inString && c === '$') {
      const m = REFERENCE.exec(template.slice(i));
      if (m && !ESCAPED_BEFORE.test(template.slice(Math.max(0, i - 40), i))) out.push(m[1]!);
    }
  }
  return out;
}

/** The rule. */
export const actionUnescapedInput: Rule = {
  id: 'action/unescaped-input-in-json',
  severity: 'warning',
  summary: 'An input is placed inside a JSON string without $esc.jsonString (or a URL escape).',
  check(set) {
    const findings: Finding[] = [];
    for (const { action: a, file, at } of lintedActions(set)) {
      const { requestType, requestTemplate } = a.definition.request;
      if (requestType === 'GET') continue;
      const location =
        a.definition.source === 'terraform' ? '/config_request/request_template' : '/config/request/requestTemplate';
      for (const input of new Set(unescapedInputs(requestTemplate))) {
        findings.push({
          severity: 'warning',
          file,
          location: `${at}${location}`,
          rule: this.id,
          message: `data action "${a.name}": \${input.${input}} sits inside a JSON string unescaped; a value with a quote, backslash or newline breaks the request body`,
          hint: `Write "$esc.jsonString(\${input.${input}})" inside the quotes.`,
        });
      }
    }
    return findings;
  },
};
