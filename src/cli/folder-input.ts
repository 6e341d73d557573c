/**
 * @module
 * The folder a command runs or deploys: a bundle (`switchboard.json`), a Terraform project or a
 * whole blueprint repository, with Terraform's `--var name=value` and `--var-file` options. A
 * folder without a manifest has its bundle inferred, and what was found and left out is printed.
 */
import type { Command } from 'commander';
import { SwitchboardError } from '../core/index.ts';
import {
  dataRequestsOfFolder,
  formatInferred,
  genesysDataResolver,
  loadFolder,
  writeInferredManifest,
} from '../blueprints/index.ts';
import type { DataRequest, GenesysFetch, InferredBundle, LoadedBundle } from '../blueprints/index.ts';

/** The options {@link withFolderOptions} adds. */
export interface FolderInputOptions {
  var?: string[];
  varFile?: string[];
  pair?: string[];
  writeManifest?: boolean;
  /** `--credential name=value` (`up`): fields of the folder's own web services integration. */
  credential?: string[];
}

/** A repeatable option's values, in order (commander's option parser). */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** Add `--var` and `--var-file` (repeatable) to a command. */
export function withFolderOptions(cmd: Command): Command {
  return cmd
    .option(
      '--var <name=value>',
      'a Terraform variable of a Terraform folder (repeatable), as terraform plan -var',
      collect,
    )
    .option('--var-file <file>', 'a Terraform .tfvars file (repeatable), as terraform plan -var-file', collect)
    .option(
      '--pair <trigger=workflow>',
      'the workflow a trigger starts, when the folder cannot tell (a placeholder target id); repeatable',
      collect,
    )
    .option(
      '--write-manifest',
      'save the inferred bundle as switchboard.json in the folder (only when it loads back to the same bundle)',
    );
}

/** `--pair trigger=workflow` values: trigger name → workflow name, split at the first "=" (names may hold spaces). */
export function parsePairs(raw: readonly string[] | undefined): Record<string, string> | undefined {
  if (!raw || raw.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const v of raw) {
    const i = v.indexOf('=');
    if (i <= 0 || i === v.length - 1)
      throw new SwitchboardError('SB_INPUT_INVALID', `--pair must be <trigger name>=<workflow name>; got "${v}"`, {
        details: { option: '--pair' },
      });
    out[v.slice(0, i).trim()] = v.slice(i + 1).trim();
  }
  return out;
}

/** `--var name=value` (or another option's `name=value`) values, later ones winning. */
export function parseVars(raw: readonly string[] | undefined, option = '--var'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of raw ?? []) {
    const i = v.indexOf('=');
    if (i <= 0)
      throw new SwitchboardError('SB_INPUT_INVALID', `${option} must be name=value; got "${v}"`, {
        details: { option },
      });
    out[v.slice(0, i).trim()] = v.slice(i + 1);
  }
  return out;
}

function saveIfAsked(
  dir: string,
  o: FolderInputOptions,
  bundle: LoadedBundle,
  inferred: InferredBundle | undefined,
  print: (text: string) => void,
): void {
  if (!o.writeManifest) return;
  if (!inferred) {
    print(`note: ${dir} has a switchboard.json already; --write-manifest wrote nothing\n`);
    return;
  }
  print(`wrote ${writeInferredManifest(dir, bundle, inferred)}\n`);
}

/**
 * Load the folder of a command; without a manifest, print the inferred bundle on stderr.
 * @example
 * const bundle = loadCommandFolder('examples/terraform', { var: ['oauth_credential_id=x'] });
 */
export function loadCommandFolder(
  dir: string,
  o: FolderInputOptions,
  print: (text: string) => void = (t) => void process.stderr.write(t),
): LoadedBundle {
  const vars = parseVars(o.var);
  const pair = parsePairs(o.pair);
  const { bundle, inferred } = loadFolder(dir, {
    vars,
    ...(o.varFile ? { varFiles: o.varFile } : {}),
    ...(pair ? { pair } : {}),
    ...(o.credential ? { credentials: parseVars(o.credential, '--credential') } : {}),
    env: process.env,
  });
  if (inferred) print(formatInferred(inferred, dir));
  saveIfAsked(dir, o, bundle, inferred, print);
  return bundle;
}

/** Where a folder's `data "genesyscloud_*"` sources are looked up. */
export interface DataTarget {
  /** The target's authenticated fetch (relative `/api/v2/…` URLs). */
  readonly fetch: GenesysFetch;
  /** An emulator: what a data source names and the emulator lacks is created in it. */
  readonly emulator: boolean;
}

/**
 * Load the folder of a command that runs against a target: its Terraform data sources are looked
 * up in the target by name (`terraform plan` reads them from the org the same way); on an emulator,
 * a queue, wrap-up code, skill, group, role or user a data source names and the emulator lacks is
 * created, and each creation printed.
 * @example
 * const bundle = await loadCommandFolderFor('blueprint/terraform', {}, { fetch: client.fetch, emulator: true });
 */
export async function loadCommandFolderFor(
  dir: string,
  o: FolderInputOptions,
  target: DataTarget,
  print: (text: string) => void = (t) => void process.stderr.write(t),
): Promise<LoadedBundle> {
  const vars = parseVars(o.var);
  const pair = parsePairs(o.pair);
  const base = {
    vars,
    ...(o.varFile ? { varFiles: o.varFile } : {}),
    ...(pair ? { pair } : {}),
    ...(o.credential ? { credentials: parseVars(o.credential, '--credential') } : {}),
    env: process.env,
  };
  const requests = dataRequestsOfFolder(dir, base);
  if (requests.length === 0) return loadCommandFolder(dir, o, print);
  const { resolveData, created } = await dataSourceAnswers(requests, target);
  const { bundle, inferred } = loadFolder(dir, { ...base, resolveData });
  for (const line of created) print(line);
  if (inferred) print(formatInferred(inferred, dir));
  saveIfAsked(dir, o, bundle, inferred, print);
  return bundle;
}

/**
 * The answers of a target to a folder's `data "genesyscloud_*"` sources, looked up by name as
 * `terraform plan` reads them; on an emulator, what a source names and the emulator lacks is
 * created (one line each in `created`). A lookup that failed throws when the project reads it.
 * @example
 * const { resolveData } = await dataSourceAnswers(dataRequestsOfFolder(dir), { fetch, emulator: true });
 */
export async function dataSourceAnswers(
  requests: readonly DataRequest[],
  target: DataTarget,
): Promise<{ resolveData: (req: DataRequest) => Record<string, unknown> | undefined; created: string[] }> {
  const created: string[] = [];
  const resolver = genesysDataResolver(target.fetch, {
    createMissing: target.emulator,
    onCreated: (req) =>
      created.push(
        `  * created in the emulator: ${req.type.replace(/^genesyscloud_/, '')} "${String(req.attributes.name ?? req.attributes.email)}" (${req.address} names it)\n`,
      ),
  });
  const answers = new Map<string, Record<string, unknown> | Error | undefined>();
  for (const req of requests) {
    try {
      answers.set(req.address, await resolver(req));
    } catch (e) {
      answers.set(req.address, e instanceof Error ? e : new Error(String(e)));
    }
  }
  const resolveData = (req: DataRequest): Record<string, unknown> | undefined => {
    const a = answers.get(req.address);
    if (a instanceof Error) throw a;
    return a;
  };
  return { resolveData, created };
}
