/**
 * @module
 * Archy's `{{name}}` placeholders, replaced in the text before parsing, exactly as Terraform's
 * `genesyscloud_flow` `substitutions` do, so they may stand for keys too (`{{data_action_category}}:`).
 */
import { SwitchboardError } from '../../core/index.ts';
import { ArchitectErrors } from '../errors.ts';

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

/**
 * Replace every `{{name}}` placeholder with `params[name]`. Throws `SB_ARCHITECT_PARAM_MISSING`
 * naming every placeholder without a value.
 * @example
 * substitute('name: {{flow_name}}', { flow_name: 'Callback' }); // 'name: Callback'
 */
export function substitute(
  text: string,
  params: Readonly<Record<string, string>> = {},
  file = 'workflow YAML',
): string {
  const missing = new Set<string>();
  const out = text.replace(PLACEHOLDER, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) {
      missing.add(name);
      return whole;
    }
    return v;
  });
  if (missing.size > 0) {
    const names = [...missing];
    throw new SwitchboardError(
      ArchitectErrors.SB_ARCHITECT_PARAM_MISSING,
      `${file}: every {{placeholder}} needs a substitution value; missing ${names.map((n) => `"${n}"`).join(', ')}`,
      {
        details: { file, missing: names },
      },
    );
  }
  return out;
}
