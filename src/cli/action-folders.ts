/**
 * @module
 * The data actions of a folder a command is given (`flow run --actions`): a bundle
 * (`switchboard.json`), a Terraform project (its `genesyscloud_integration_action`s, evaluated with
 * `--var` / `--var-file`), a folder of exports, or a whole repository, walked.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileAction, isDataActionDocument, loadActionText } from '../actions/index.ts';
import type { CompiledAction } from '../actions/index.ts';
import { discoverFolder, loadBundle, loadTerraformProjectSync } from '../blueprints/index.ts';
import { SwitchboardError, tryParseJson } from '../core/index.ts';
import { parseVars } from './folder-input.ts';

/** What picks and evaluates a folder's data actions. */
interface FolderActionOptions {
  /** A custom auth action beside the actions: the integration's, not one a flow calls. */
  readonly authAction?: string;
  readonly var?: string[];
  readonly varFile?: string[];
}

/** A folder's data actions by name, and the export file each came from (when it came from one). */
interface FolderActions {
  readonly actions: Map<string, CompiledAction>;
  /** Action name → its export file (path within the folder): a flow's call may name the file. */
  readonly files: Map<string, string>;
}

/**
 * The data actions of `dir` by name (none without a folder): the exports at the top of the
 * folder, else a bundle's, a Terraform project's, or every export found walking it.
 * @example
 * const { actions } = folderActions('blueprint/', { var: ['client_id=abc'] });
 */
export function folderActions(dir: string | undefined, o: FolderActionOptions): FolderActions {
  if (!dir) return { actions: new Map(), files: new Map() };
  // The exports beside each other come first: a bundle's, with the command's own credentials.
  const top = exportedActions(dir, o.authAction);
  if (top.actions.size > 0) return top;
  if (['switchboard.json', 'bundle.json'].some((f) => existsSync(join(dir, f))))
    return { actions: new Map(loadBundle(dir).actions.map((a) => [a.name, a.action])), files: new Map() };
  if (isTerraformFolder(dir)) return { actions: terraformActions(dir, o), files: new Map() };
  // A whole repository: its exports wherever they are (exports/, data-actions/…).
  const { set, findings } = discoverFolder(dir);
  const broken = findings.filter((f) => f.severity === 'error' && f.rule.startsWith('action/'));
  if (broken.length > 0)
    throw new SwitchboardError(
      'SB_INPUT_INVALID',
      `the data actions of --actions must load; ${dir}:\n${broken
        .slice(0, 8)
        .map((f) => `  - ${f.file}${f.location ? ` ${f.location}` : ''}: ${f.message}`)
        .join('\n')}`,
      { details: { option: '--actions', problems: broken.map((f) => f.message) } },
    );
  const loaded = set.actions.flatMap((a) => (a.compiled ? [a] : []));
  return {
    actions: new Map(loaded.map((a) => [a.name, a.compiled!] as const)),
    files: new Map(loaded.map((a) => [a.name, a.file.split(' ')[0]!] as const)),
  };
}
/**
 * The data actions of a folder: every `.custom.json`, and every other `.json` that is a data action
 * by its shape (a plain export or an integrations-API body); other JSON files (triggers, Postman
 * collections) are left alone.
 */
function exportedActions(dir: string, authAction?: string): FolderActions {
  const out = new Map<string, CompiledAction>();
  const fileOf = new Map<string, string>();
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch (e) {
    throw new SwitchboardError(
      'SB_INPUT_INVALID',
      `--actions must be a readable folder of data actions (.custom.json or .json exports); ${dir}: ${(e as Error).message}`,
      { details: { option: '--actions' } },
    );
  }
  // The custom auth action may sit beside the actions; it is the integration's, not one the flow calls.
  const skip = authAction === undefined ? undefined : resolve(authAction);
  for (const f of files) {
    if (resolve(dir, f) === skip) continue;
    const text = readFileSync(join(dir, f), 'utf8');
    if (!f.endsWith('.custom.json')) {
      const parsed = tryParseJson(text);
      if (!parsed.ok || !isDataActionDocument(parsed.value)) continue;
    }
    const compiled = compileAction(loadActionText(text, f));
    out.set(compiled.definition.name, compiled);
    fileOf.set(compiled.definition.name, f);
  }
  return { actions: out, files: fileOf };
}

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
function terraformActions(dir: string, o: { var?: string[]; varFile?: string[] }): Map<string, CompiledAction> {
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
