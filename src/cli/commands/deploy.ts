/**
 * @module
 * `switchboard deploy plan|apply|destroy <bundle>` and `switchboard export <dir>`: put a bundle
 * into an org or a running emulator, take it out, or write what an org runs as a bundle.
 *
 * Target: `--target <emulator URL>` (a `switchboard emulator`; deploy makes itself an admin client
 * through the emulator's control API) or `--org` (the `GENESYSCLOUD_*` variables). Exit codes:
 * 0 done (plan: computed, whatever it holds), 1 the org refused (a conflict, a missing permission,
 * a failed step: nothing or only the steps reported were changed), 2 invalid input.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { SwitchboardError, isSwitchboardError } from '../../core/index.ts';
import { createGenesysClient, genesysConfigFromEnv } from '../../genesys/index.ts';
import { DeployErrors, applyPlan, destroyPlan, exportBundle, planDeploy, planRemoval } from '../../deploy/index.ts';
import type { DeployTarget, Plan, PlanStep } from '../../deploy/index.ts';
import { errorJson, errorText } from '../error-output.ts';
import { loadCommandFolder, withFolderOptions } from '../folder-input.ts';
import type { FolderInputOptions } from '../folder-input.ts';

interface TargetOptions extends FolderInputOptions {
  readonly target?: string;
  readonly org?: boolean;
  readonly json?: boolean;
}

const ORG_REFUSALS: ReadonlySet<string> = new Set([
  DeployErrors.SB_DEPLOY_CONFLICT,
  DeployErrors.SB_DEPLOY_PERMISSION_MISSING,
  DeployErrors.SB_DEPLOY_STEP_FAILED,
  DeployErrors.SB_DEPLOY_JOB_FAILED,
]);

function targetError(message: string): SwitchboardError {
  return new SwitchboardError(DeployErrors.SB_DEPLOY_TARGET, message, { details: { option: '--target' } });
}

/** The client deploy and export use: an admin client of an emulator, or the org's from the environment. */
async function connect(o: TargetOptions): Promise<{ target: DeployTarget; where: string }> {
  if (o.target !== undefined && o.org)
    throw targetError('deploy and export go to one place; give --target <emulator URL> or --org, not both');
  if (o.org) {
    const config = genesysConfigFromEnv(process.env);
    return {
      target: { client: createGenesysClient(config), upload: (u, i) => globalThis.fetch(u, i) },
      where: `org ${config.baseUrl}`,
    };
  }
  if (o.target === undefined)
    throw targetError(
      'deploy and export need a place: --target <emulator URL> (switchboard emulator prints it) or --org (the GENESYSCLOUD_* variables)',
    );
  let base: URL;
  try {
    base = new URL(o.target);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw targetError(`--target must be an http(s) URL; got "${o.target}"`);
  }
  const url = base.origin;
  let res: Response;
  try {
    res = await globalThis.fetch(`${url}/_switchboard/clients`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'switchboard deploy', roles: ['admin'] }),
    });
  } catch (e) {
    throw targetError(`--target must be a running emulator; ${url} cannot be reached: ${(e as Error).message}`);
  }
  if (res.status !== 201)
    throw targetError(`--target must be a running emulator; POST ${url}/_switchboard/clients answered ${res.status}`);
  const creds = (await res.json()) as { clientId: string; clientSecret: string };
  return {
    target: {
      client: createGenesysClient({ baseUrl: url, clientId: creds.clientId, clientSecret: creds.clientSecret }),
      upload: (u, i) => globalThis.fetch(u, i),
    },
    where: `emulator ${url}`,
  };
}

const SIGN: Record<PlanStep['op'], string> = { create: '+', update: '~', delete: '-', keep: '=' };

function counts(plan: Plan): string {
  const n = (op: PlanStep['op']): number => plan.steps.filter((s) => s.op === op).length;
  return plan.mode === 'destroy'
    ? `${n('delete')} to delete`
    : `${n('create')} to create, ${n('update')} to update, ${n('delete')} to delete, ${n('keep')} unchanged`;
}

/** The plan as the terminal shows it. */
export function formatPlan(plan: Plan, where: string): string {
  const lines = [
    `${plan.mode === 'destroy' ? 'Destroy' : 'Plan'} of bundle "${plan.bundle}" on ${where}: ${counts(plan)}`,
  ];
  const width = Math.max(12, ...plan.steps.map((s) => s.kind.length));
  for (const s of plan.steps) lines.push(`  ${SIGN[s.op]} ${s.kind.padEnd(width)} ${s.name}  (${s.why})`);
  for (const c of plan.conflicts) lines.push(`  ! ${c.kind.padEnd(width)} ${c.name}  (conflict: ${c.why}; id ${c.id})`);
  if (plan.missing.length > 0) lines.push(`  ! the deploying client lacks: ${plan.missing.join(', ')}`);
  for (const w of plan.warnings) lines.push(`  warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

function refused(e: unknown, json: boolean | undefined): boolean {
  if (!isSwitchboardError(e) || !ORG_REFUSALS.has(e.code)) return false;
  process.stderr.write(errorText(e));
  if (json) process.stdout.write(errorJson(e));
  process.exitCode = 1;
  return true;
}

const progress =
  (json: boolean | undefined) =>
  (step: PlanStep, state: 'start' | 'done'): void => {
    if (json || state !== 'done') return;
    const verb = { create: 'created', update: 'updated', delete: 'deleted', keep: 'kept' }[step.op];
    process.stderr.write(`  ${verb} ${step.kind} ${step.name}\n`);
  };

async function runDeploy(
  mode: 'plan' | 'apply' | 'destroy',
  dir: string | undefined,
  o: TargetOptions & { bundle?: string },
): Promise<void> {
  const { target, where } = await connect(o);
  try {
    if (mode === 'destroy') {
      const name = o.bundle ?? (dir ? loadCommandFolder(dir, o).name : undefined);
      if (!name)
        throw new SwitchboardError(
          'SB_INPUT_INVALID',
          'deploy destroy needs the bundle: its folder, or --bundle <name>',
          { details: { option: '--bundle' } },
        );
      const plan = await planRemoval(name, target);
      if (!o.json) process.stdout.write(formatPlan(plan, where));
      const result = await destroyPlan(plan, { ...target, progress: progress(o.json) });
      if (o.json) process.stdout.write(`${JSON.stringify({ plan, applied: result.applied }, null, 2)}\n`);
      else
        process.stdout.write(
          `Destroyed ${result.applied.length} object${result.applied.length === 1 ? '' : 's'} of bundle "${name}".\n`,
        );
      return;
    }
    const { plan, desired, org } = await planDeploy(loadCommandFolder(dir!, o), target);
    if (!o.json) process.stdout.write(formatPlan(plan, where));
    if (mode === 'plan') {
      if (o.json) process.stdout.write(`${JSON.stringify({ plan }, null, 2)}\n`);
      if (plan.conflicts.length > 0 || plan.missing.length > 0) process.exitCode = 1;
      return;
    }
    const result = await applyPlan(plan, desired, org, { ...target, progress: progress(o.json) });
    if (o.json)
      process.stdout.write(
        `${JSON.stringify({ plan, applied: result.applied, workflows: result.workflows }, null, 2)}\n`,
      );
    else
      process.stdout.write(
        result.applied.length === 0
          ? 'No changes: the org already runs this bundle.\n'
          : `Applied ${result.applied.length} change${result.applied.length === 1 ? '' : 's'}.\n`,
      );
  } catch (e) {
    if (!refused(e, o.json)) throw e;
  }
}

async function runExport(dir: string, o: TargetOptions & { bundle?: string; name?: string }): Promise<void> {
  const out = resolve(dir);
  if (existsSync(out) && readdirSync(out).length > 0) {
    throw new SwitchboardError(
      DeployErrors.SB_DEPLOY_EXPORT_DIR,
      `an export writes into a new or empty folder; ${dir} is not empty`,
      { details: { dir } },
    );
  }
  const { target, where } = await connect(o);
  const name = o.name ?? o.bundle ?? 'exported';
  const exported = await exportBundle({
    client: target.client,
    download: target.upload,
    name,
    ...(o.bundle ? { bundle: o.bundle } : {}),
  });
  try {
    for (const [path, text] of Object.entries(exported.files)) {
      mkdirSync(dirname(join(out, path)), { recursive: true });
      writeFileSync(join(out, path), text);
    }
  } catch (e) {
    throw new SwitchboardError(
      DeployErrors.SB_DEPLOY_EXPORT_DIR,
      `an export must be able to write its folder; ${dir}: ${(e as Error).message}`,
      { details: { dir } },
    );
  }
  if (o.json) {
    process.stdout.write(
      `${JSON.stringify({ dir: out, files: Object.keys(exported.files).sort(), counts: exported.counts, warnings: exported.warnings }, null, 2)}\n`,
    );
    return;
  }
  const c = exported.counts;
  process.stdout.write(
    `Exported ${c.triggers} trigger${c.triggers === 1 ? '' : 's'}, ${c.workflows} workflow${c.workflows === 1 ? '' : 's'}, ${c.actions} data action${c.actions === 1 ? '' : 's'} on ${c.integrations} integration${c.integrations === 1 ? '' : 's'} from ${where} to ${dir} (bundle "${name}"; no secrets).\n`,
  );
  for (const w of exported.warnings) process.stdout.write(`  warning: ${w}\n`);
}

function targetOptions(cmd: Command): Command {
  return cmd
    .option('--target <url>', 'a running emulator (switchboard emulator prints its URL)')
    .option(
      '--org',
      'a real org, from GENESYSCLOUD_OAUTHCLIENT_ID, GENESYSCLOUD_OAUTHCLIENT_SECRET and GENESYSCLOUD_REGION (or GENESYSCLOUD_API_URL)',
    )
    .option('--json', 'print the result as JSON');
}

/** Register `deploy`. */
export function registerDeploy(program: Command): void {
  const deploy = program
    .command('deploy')
    .description(
      'put a bundle into an org or an emulator: roles, OAuth clients, integrations, data actions, workflows, triggers (exit 0 done, 1 the org refused, 2 invalid input)',
    );
  targetOptions(
    withFolderOptions(
      deploy
        .command('plan')
        .argument('<bundle>', 'a bundle folder, a Terraform project or a blueprint repository')
        .description('print what apply would change, object by object, and why'),
    ),
  ).action((dir: string, o: TargetOptions) => runDeploy('plan', dir, o));
  targetOptions(
    withFolderOptions(
      deploy
        .command('apply')
        .argument('<bundle>', 'a bundle folder, a Terraform project or a blueprint repository')
        .description('converge the org to the bundle; a second apply changes nothing'),
    ),
  ).action((dir: string, o: TargetOptions) => runDeploy('apply', dir, o));
  targetOptions(
    withFolderOptions(
      deploy
        .command('destroy')
        .argument('[bundle]', 'bundle folder (or --bundle <name>)')
        .description('delete exactly what the bundle deployed')
        .option('--bundle <name>', "the bundle's name, without its folder"),
    ),
  ).action((dir: string | undefined, o: TargetOptions & { bundle?: string }) => runDeploy('destroy', dir, o));
}

/** Register `export`. */
export function registerExport(program: Command): void {
  targetOptions(
    program
      .command('export')
      .argument('<dir>', 'a new or empty folder')
      .description(
        'write what an org runs (triggers, workflows as Archy YAML, data actions, integrations and their roles, no secrets) as a bundle',
      )
      .option('--bundle <name>', 'only what this bundle deployed')
      .option('--name <name>', 'the exported bundle\'s name (default: --bundle, else "exported")'),
  ).action((dir: string, o: TargetOptions & { bundle?: string; name?: string }) => runExport(dir, o));
}
