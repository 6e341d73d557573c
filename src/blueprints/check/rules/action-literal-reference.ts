/**
 * @module
 * `action/literal-reference` (warning): a Velocity reference in a data action's template that
 * names nothing the template's context holds. Velocity renders such a reference as its own text
 * (`${INPUT.id}` stays `${INPUT.id}` in the URL), so the request goes out wrong without an error
 * (HELP-VEL; Velocity names are case-sensitive). The context (platform.md §3.3): every template
 * has `input` and the tools (`esc`, `math`, `date`, `successTemplateUtils`, `urlTool`,
 * `encoding`); a web services action also `credentials` and `authResponse`; the success template
 * also `rawResult` and the translation map's variables. `#set` and `#foreach` define more.
 * A quiet reference (`$!{x}`) renders as nothing, not as text, and is not reported; neither is an
 * `input` property when the input contract leaves properties open (no `properties`, or
 * `additionalProperties` not false).
 */
import type { ActionArtifact } from '../../artifacts.ts';
import type { Finding } from '../finding.ts';
import { lintedActions, nearest } from '../rule.ts';
import type { Rule } from '../rule.ts';

const TOOLS = ['esc', 'math', 'date', 'successTemplateUtils', 'urlTool', 'encoding'];
const WEB_SERVICES = ['credentials', 'authResponse'];

/** One reference of a template: its root name, the first property, and whether it is quiet. */
interface Reference {
  readonly text: string;
  readonly root: string;
  readonly property: string | undefined;
  readonly quiet: boolean;
}

/**
 * The references of a Velocity template (escaped `\$` skipped), and the names `#set` and
 * `#foreach` define.
 * @example
 * velocityReferences('${input.id} $!{x} \\$y').refs.map((r) => r.root) // ['input', 'x']
 */
function velocityReferences(template: string): { refs: Reference[]; defined: Set<string> } {
  const refs: Reference[] = [];
  const defined = new Set<string>(['velocityCount', 'foreach', 'velocityHasNext']);
  for (const m of template.matchAll(/#(?:set|foreach)\s*\(\s*\$!?\{?([A-Za-z_][\w-]*)/g)) defined.add(m[1]!);
  for (const m of template.matchAll(/#macro\s*\(\s*[A-Za-z_][\w-]*((?:\s+\$[A-Za-z_][\w-]*)*)/g)) {
    for (const p of m[1]!.matchAll(/\$([A-Za-z_][\w-]*)/g)) defined.add(p[1]!);
  }
  const re = /(\\*)\$(!?)(\{?)([A-Za-z_][\w-]*)((?:\.[A-Za-z_]\w*)*)(\}?)/g;
  for (const m of template.matchAll(re)) {
    if (m[1]!.length % 2 === 1) continue;
    const braced = m[3] === '{';
    const text = `$${m[2]}${m[3]}${m[4]}${m[5]}${braced ? m[6] : ''}`;
    refs.push({ text, root: m[4]!, property: m[5] ? m[5].slice(1).split('.')[0] : undefined, quiet: m[2] === '!' });
  }
  return { refs, defined };
}

function inputProperties(a: ActionArtifact): Set<string> | undefined {
  const schema = a.definition.contract.input;
  const props = schema.properties;
  if (!props || typeof props !== 'object' || schema.additionalProperties !== false) return undefined;
  return new Set([...Object.keys(props), 'rawRequest']);
}

function templates(a: ActionArtifact): { where: string; text: string; success: boolean }[] {
  const d = a.definition;
  const tf = d.source === 'terraform';
  const out = [
    {
      where: tf ? '/config_request/request_url_template' : '/config/request/requestUrlTemplate',
      text: d.request.requestUrlTemplate,
      success: false,
    },
    ...Object.entries(d.request.headers).map(([h, text]) => ({
      where: `${tf ? '/config_request/headers' : '/config/request/headers'}/${h}`,
      text,
      success: false,
    })),
    {
      where: tf ? '/config_response/success_template' : '/config/response/successTemplate',
      text: d.response.successTemplate,
      success: true,
    },
  ];
  if (d.request.requestType !== 'GET' && d.request.requestType !== 'DELETE') {
    out.push({
      where: tf ? '/config_request/request_template' : '/config/request/requestTemplate',
      text: d.request.requestTemplate,
      success: false,
    });
  }
  return out;
}

/** The rule. */
export const actionLiteralReference: Rule = {
  id: 'action/literal-reference',
  severity: 'warning',
  summary: 'A Velocity reference names nothing its template has, so it renders as its own text.',
  check(set) {
    const findings: Finding[] = [];
    for (const { action: a, file, at } of lintedActions(set)) {
      const web = a.definition.integrationType !== 'purecloud-data-actions';
      const inputs = inputProperties(a);
      for (const t of templates(a)) {
        const { refs, defined } = velocityReferences(t.text);
        const known = new Set([
          ...TOOLS,
          'input',
          ...(web ? WEB_SERVICES : []),
          ...(a.definition.integrationType === 'salesforce-datadip' ? ['salesforce'] : []),
          ...defined,
          ...(t.success ? ['rawResult', ...Object.keys(a.definition.response.translationMap)] : []),
        ]);
        const seen = new Set<string>();
        for (const r of refs) {
          if (r.quiet || seen.has(r.text)) continue;
          seen.add(r.text);
          let why: string | undefined;
          let hint: string | undefined;
          if (!known.has(r.root)) {
            const near = nearest(r.root, known);
            why = `"${r.root}" is not in the template's context`;
            const listed = [...known]
              .filter((k) => !['velocityCount', 'foreach', 'velocityHasNext'].includes(k))
              .sort();
            hint = near
              ? `Did you mean $${near}? Velocity names are case-sensitive.`
              : `The template has ${listed.join(', ')}.`;
          } else if (r.root === 'input' && r.property !== undefined && inputs && !inputs.has(r.property)) {
            const near = nearest(r.property, inputs);
            why = `the input contract has no property "${r.property}"`;
            hint = near
              ? `Did you mean \${input.${near}}? Names are case-sensitive.`
              : 'Add the property to the input contract, or fix the name.';
          }
          if (why === undefined) continue;
          findings.push({
            severity: 'warning',
            file,
            location: `${at}${t.where}`,
            rule: this.id,
            message: `data action "${a.name}": ${r.text} will be sent as the text "${r.text}" — ${why}`,
            hint: hint!,
          });
        }
      }
    }
    return findings;
  },
};
