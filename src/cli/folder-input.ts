/**
 * @module
 * The folder a command runs or deploys: a bundle (`switchboard.json`), a Terraform project or a
 * whole blueprint repository, with Terraform's `--var name=value` and `--var-file` options. A
 * folder without a manifest has its bundle inferred, and what was found and left out is printed.
 */
import type { Command } from 'commander';
import { SwitchboardError } from '../core/index.ts';
import { formatInferred, loadFolder } from '../blueprints/index.ts';
import type { LoadedBundle } from '../blueprints/index.ts';

/** The options {@link withFolderOptions} adds. */
export interface FolderInputOptions {
  var?: string[];
  varFile?: string[];
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** Add `--var` and `--var-file` (repeatable) to a command. */
export function withFolderOptions(cmd: Command): Command {
  return cmd
    .option('--var <name=value>', 'a Terraform variable of a Terraform folder (repeatable), as terraform plan -var', collect)
    .option('--var-file <file>', 'a Terraform .tfvars file (repeatable), as terraform plan -var-file', collect);
}

/** `--var name=value` values, later ones winning. */
export function parseVars(raw: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of raw ?? []) {
    const i = v.indexOf('=');
    if (i <= 0) throw new SwitchboardError('SB_INPUT_INVALID', `--var must be name=value; got "${v}"`, { details: { option: '--var' } });
    out[v.slice(0, i).trim()] = v.slice(i + 1);
  }
  return out;
}

/**
 * Load the folder of a command; without a manifest, print the inferred bundle on stderr.
 * @example
 * const bundle = loadCommandFolder('examples/terraform', { var: ['oauth_credential_id=x'] });
 */
export function loadCommandFolder(dir: string, o: FolderInputOptions, print: (text: string) => void = (t) => void process.stderr.write(t)): LoadedBundle {
  const vars = parseVars(o.var);
  const { bundle, inferred } = loadFolder(dir, { vars, ...(o.varFile ? { varFiles: o.varFile } : {}), env: process.env });
  if (inferred) print(formatInferred(inferred, dir));
  return bundle;
}
