/**
 * @module
 * The data actions a Terraform folder defines (`genesyscloud_integration_action`), evaluated with
 * the command's `--var` / `--var-file`, for a command that takes a folder of data actions.
 */
import { readdirSync } from 'node:fs';
import { compileAction, loadActionText } from '../actions/index.ts';
import type { CompiledAction } from '../actions/index.ts';
import { loadTerraformProjectSync } from '../blueprints/index.ts';
import { SwitchboardError } from '../core/index.ts';
import { parseVars } from './folder-input.ts';

/** Whether a folder holds `.tf` files of its own. */
export function isTerraformFolder(dir: string): boolean {
  try {
    return readdirSync(dir).some((f) => f.endsWith('.tf'));
  } catch {
    return false;
  }
}

/**
 * Every data action of the Terraform project in `dir` whose values are known, by name. An action
 * whose name or request needs a value Terraform cannot know (a variable without a value, another
 * provider's computed attribute) is an error naming it and the value, as `terraform plan` stops.
 * @example
 * const actions = terraformActions('terraform/', { var: ['client_id=abc'] });
 */
export function terraformActions(dir: string, o: { var?: string[]; varFile?: string[] }): Map<string, CompiledAction> {
  const project = loadTerraformProjectSync(dir, {
    vars: parseVars(o.var),
    ...(o.varFile ? { varFiles: o.varFile } : {}),
    env: process.env,
  });
  const out = new Map<string, CompiledAction>();
  const problems: string[] = [];
  for (const a of project.actions) {
    const blocking = project.diagnostics.filter(
      (d) =>
        d.severity === 'error' &&
        (d.code === 'SB_TERRAFORM_VARIABLE_REQUIRED' || d.construct.startsWith(`${a.address}.`)),
    );
    if (blocking.length > 0) {
      problems.push(...blocking.map((d) => `${d.file}:${d.line}: ${d.message}`));
      continue;
    }
    const attributes = a.integrationType ? { ...a.attributes, integration_type: a.integrationType } : a.attributes;
    const compiled = compileAction(loadActionText(JSON.stringify(attributes), `${a.file} ${a.address}`));
    out.set(compiled.definition.name, compiled);
  }
  if (problems.length > 0)
    throw new SwitchboardError(
      'SB_INPUT_INVALID',
      `the data actions of a Terraform folder load once every value they need is known, as terraform plan requires; ${dir}:\n${[
        ...new Set(problems),
      ]
        .slice(0, 8)
        .map((p) => `  - ${p}`)
        .join('\n')}`,
      { details: { option: '--var', folder: dir, problems } },
    );
  return out;
}
