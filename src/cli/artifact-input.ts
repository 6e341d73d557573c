/**
 * @module
 * The one artifact `trigger test` and `action test` read, from any file it may live in: a JSON
 * file as it is; a `.tf` file (or a Terraform folder) evaluated as Terraform does, the resource
 * picked with `--resource` (or the only one); a Postman collection, the trigger body of its
 * `POST …/processautomation/triggers` request picked with `--request` (or the only one), its
 * `{{variables}}` filled from the collection's variables and `--postman-var`.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SwitchboardError, isPlainObject, tryParseJson } from '../core/index.ts';
import { loadTerraformProjectSync } from '../blueprints/index.ts';
import type { TerraformProject, TfAction, TfTrigger } from '../blueprints/index.ts';
import { parseVars } from './folder-input.ts';

/** The options that pick the artifact inside its file. */
export interface ArtifactInputOptions {
  /** `--resource`: the Terraform resource, by address or name. */
  resource?: string;
  /** `--request`: the Postman request, by name. */
  request?: string;
  /** `--var name=value` for Terraform. */
  var?: string[];
  varFile?: string[];
  /** `--postman-var name=value` for a collection's `{{variables}}`. */
  postmanVar?: string[];
}

const invalid = (message: string, option: string, details: Record<string, unknown> = {}): SwitchboardError =>
  new SwitchboardError('SB_INPUT_INVALID', message, { details: { option, ...details } });

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function pick<T extends { address: string }>(
  all: readonly T[],
  wanted: string | undefined,
  what: string,
  file: string,
): T {
  if (wanted !== undefined) {
    const found = all.filter(
      (r) => r.address === wanted || r.address.endsWith(`.${wanted}`) || r.address.split('.').at(-1) === wanted,
    );
    if (found.length === 1) return found[0]!;
    throw invalid(
      `--resource must name one ${what} of ${file}; "${wanted}" names ${found.length === 0 ? 'none' : found.map((r) => r.address).join(', ')} (there are: ${all.map((r) => r.address).join(', ') || 'none'})`,
      '--resource',
    );
  }
  if (all.length === 1) return all[0]!;
  throw invalid(
    `${file} holds ${all.length === 0 ? `no ${what}` : `${all.length} ${what}s (${all.map((r) => r.address).join(', ')}); name one with --resource`}`,
    '--resource',
  );
}

function terraformText(path: string, kind: 'trigger' | 'action', o: ArtifactInputOptions): string {
  const dir = isDir(path) ? path : dirname(path);
  let project: TerraformProject;
  try {
    project = loadTerraformProjectSync(dir, {
      vars: parseVars(o.var),
      ...(o.varFile ? { varFiles: o.varFile } : {}),
      env: process.env,
    });
  } catch (e) {
    if (e instanceof SwitchboardError) throw e;
    throw invalid(`${path} must be a Terraform file or folder that loads: ${(e as Error).message}`, '<file>');
  }
  const only = isDir(path) ? undefined : resolve(path);
  const inFile = <T extends { file: string }>(all: readonly T[]): T[] =>
    only === undefined ? [...all] : all.filter((r) => resolve(project.dir, r.file) === only);
  const resources: readonly (TfTrigger | TfAction)[] =
    kind === 'trigger' ? inFile(project.triggers) : inFile(project.actions);
  const errors = inFile(project.diagnostics).filter((d) => d.severity === 'error');
  // A resource whose evaluation failed is not in the model: its error says why, not "holds none".
  if (resources.length === 0 && errors.length > 0)
    throw new SwitchboardError(
      'SB_INPUT_INVALID',
      `${path} holds no ${kind === 'trigger' ? 'genesyscloud_processautomation_trigger' : 'genesyscloud_integration_action'} that evaluates:\n${errors
        .slice(0, 8)
        .map((d) => `  - ${d.file}:${d.line}: ${d.message}`)
        .join('\n')}`,
      { details: { file: path, problems: errors.map((d) => d.message) } },
    );
  const chosen = pick(
    resources,
    o.resource,
    kind === 'trigger' ? 'genesyscloud_processautomation_trigger' : 'genesyscloud_integration_action',
    path,
  );
  const blocking = project.diagnostics.filter(
    (d) =>
      d.severity === 'error' && (d.code === 'SB_TERRAFORM_VARIABLE_REQUIRED' || d.construct.includes(chosen.address)),
  );
  const problems = 'problems' in chosen ? (chosen as { problems: readonly string[] }).problems : [];
  if (blocking.length > 0 || problems.length > 0) {
    const lines = [
      ...blocking.map((d) => `${d.file}:${d.line}: ${d.message}`),
      ...problems.map((p) => `${chosen.file}:${chosen.line}: ${p}`),
    ];
    throw new SwitchboardError(
      'SB_INPUT_INVALID',
      `a Terraform ${kind} is tried once every value it needs is known, as terraform plan requires; ${chosen.address}:\n${lines
        .slice(0, 8)
        .map((l) => `  - ${l}`)
        .join('\n')}`,
      {
        details: { option: '--var', resource: chosen.address, problems: lines },
      },
    );
  }
  // The integration the action belongs to decides where its request goes (a Salesforce or Lambda
  // action addresses its own service), as the folder's inference gives it.
  const type = kind === 'action' ? (chosen as TfAction).integrationType : undefined;
  return JSON.stringify(type ? { ...chosen.attributes, integration_type: type } : chosen.attributes);
}

interface PostmanRequest {
  readonly name: string;
  readonly raw: string;
}

function postmanRequests(items: unknown, out: PostmanRequest[], prefix = ''): void {
  if (!Array.isArray(items)) return;
  for (const item of items) {
    if (!isPlainObject(item)) continue;
    const name = `${prefix}${typeof item.name === 'string' ? item.name : ''}`;
    if (Array.isArray(item.item)) postmanRequests(item.item, out, `${name} / `);
    const req = isPlainObject(item.request) ? item.request : undefined;
    const url = req ? (isPlainObject(req.url) ? req.url.raw : req.url) : undefined;
    const raw = req && isPlainObject(req.body) && typeof req.body.raw === 'string' ? req.body.raw : undefined;
    if (req?.method === 'POST' && raw !== undefined && /processautomation\/triggers\/?$/i.test(String(url ?? '')))
      out.push({ name, raw });
  }
}

function postmanText(path: string, doc: Record<string, unknown>, o: ArtifactInputOptions): string {
  const requests: PostmanRequest[] = [];
  postmanRequests(doc.item, requests);
  let chosen: PostmanRequest;
  if (o.request !== undefined) {
    const found = requests.filter((r) => r.name === o.request || r.name.endsWith(` / ${o.request}`));
    if (found.length !== 1)
      throw invalid(
        `--request must name one trigger request of ${path}; "${o.request}" names ${found.length === 0 ? 'none' : found.length} (there are: ${requests.map((r) => `"${r.name}"`).join(', ') || 'none'})`,
        '--request',
      );
    chosen = found[0]!;
  } else if (requests.length === 1) chosen = requests[0]!;
  else
    throw invalid(
      `${path} holds ${requests.length === 0 ? 'no POST …/processautomation/triggers request' : `${requests.length} trigger requests (${requests.map((r) => `"${r.name}"`).join(', ')}); name one with --request`}`,
      '--request',
    );
  const vars = new Map<string, string>();
  for (const v of Array.isArray(doc.variable) ? doc.variable : [])
    if (isPlainObject(v) && typeof v.key === 'string' && v.value !== undefined) vars.set(v.key, String(v.value));
  for (const [k, v] of Object.entries(parseVars(o.postmanVar))) vars.set(k, v);
  const missing = new Set<string>();
  const text = chosen.raw.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (m, name: string) => {
    const value = vars.get(name);
    if (value === undefined) {
      missing.add(name);
      return m;
    }
    return value;
  });
  if (missing.size > 0)
    throw invalid(
      `the trigger body of request "${chosen.name}" in ${path} uses Postman variables with no value: ${[...missing].join(', ')}; give them with --postman-var name=value`,
      '--postman-var',
      { missing: [...missing] },
    );
  return text;
}

/**
 * The JSON text of the trigger or data action `path` names, for the commands' existing loaders.
 * @example
 * const text = artifactText('terraform/main.tf', 'trigger', { resource: 'no_queue' });
 */
export function artifactText(
  path: string,
  kind: 'trigger' | 'action',
  o: ArtifactInputOptions,
  read: (file: string) => string = (f) => readFileSync(f, 'utf8'),
): string {
  if (isDir(path) || /\.tf$/i.test(path)) return terraformText(path, kind, o);
  const text = read(path);
  if (kind === 'trigger') {
    const doc = tryParseJson(text);
    if (
      doc.ok &&
      isPlainObject(doc.value) &&
      (/\.postman_collection\.json$/i.test(path) || (isPlainObject(doc.value.info) && Array.isArray(doc.value.item)))
    )
      return postmanText(path, doc.value, o);
  }
  if (o.resource !== undefined)
    throw invalid('--resource picks a resource of a .tf file or a Terraform folder', '--resource');
  if (o.request !== undefined) throw invalid('--request picks a request of a Postman collection', '--request');
  return text;
}
