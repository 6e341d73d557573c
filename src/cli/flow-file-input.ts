/**
 * @module
 * A flow file as `flow run` reads it: imported with the values given on the command line, or —
 * when it needs values none were given for (an Archy YAML's `{{placeholders}}`, a template's
 * `${names}`) — as the Terraform project that deploys it publishes it (`genesyscloud_flow`
 * substitutions, a `local_file` rendering), with that project's data actions.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { SwitchboardError, isSwitchboardError } from '../core/index.ts';
import type { CompiledAction } from '../actions/index.ts';
import { ArchitectErrors, importFlowFile } from '../architect/index.ts';
import type { Flow } from '../architect/index.ts';
import { dataRequestsOfFolder, deployedFlowOf, terraformErrorsOf } from '../blueprints/index.ts';
import type { DeployedFlow } from '../blueprints/index.ts';
import { isTerraformFolder } from './action-folders.ts';
import { dataSourceAnswers, parseVars } from './folder-input.ts';
import type { DataTarget } from './folder-input.ts';

/** How {@link flowOfFile} reads the file. */
interface FlowFileOptions {
  /** Values for the file's placeholders given on the command line; when set, no project is searched. */
  readonly params?: Readonly<Record<string, string>>;
  /** The `--actions` folder: the first place searched for the project that deploys the file. */
  readonly actions?: string;
  readonly var?: string[];
  readonly varFile?: string[];
  /** Where the project's `data "genesyscloud_*"` sources are looked up (the target the flow runs against). */
  readonly dataTarget?: () => Promise<DataTarget>;
  /** Lines to show (a data source's object created in the emulator). */
  readonly print?: (line: string) => void;
}

/** The flow, and what the project that deploys it adds when it was read through one. */
interface FlowFile {
  readonly flow: Flow;
  /** The project's data actions (present when the flow was read through its project). */
  readonly projectActions?: ReadonlyMap<string, CompiledAction>;
  /** What was done, for a note on stderr. */
  readonly note?: string;
}

/** The Terraform options of the command line (`--var`, `--var-file`, `TF_VAR_*`). */
function terraformOptions(o: FlowFileOptions): {
  vars: Record<string, string>;
  varFiles?: string[];
  env: NodeJS.ProcessEnv;
} {
  return { vars: parseVars(o.var), ...(o.varFile ? { varFiles: o.varFile } : {}), env: process.env };
}

/**
 * Where to look for the project that deploys `file`, in order: the `--actions` folder; the highest
 * of the file's four nearest folders that holds `.tf` files (a module's flow file sits below the
 * root module that calls it); the repository the file is in (the nearest folder above it with `.git`).
 */
function searchRoots(file: string, actions: string | undefined): string[] {
  const ancestors: string[] = [];
  for (let dir = dirname(resolve(file)); ancestors.length < 8; dir = dirname(dir)) {
    ancestors.push(dir);
    if (dirname(dir) === dir) break;
  }
  const terraform = ancestors.slice(0, 4).filter(isTerraformFolder).at(-1);
  const repository = ancestors.find((d) => existsSync(resolve(d, '.git')));
  const roots = [actions === undefined ? undefined : resolve(actions), terraform, repository];
  return [...new Set(roots.filter((r) => r !== undefined))];
}

/**
 * The flow of `file` (whose text is `text`). Values given (`params`) are used as given; without
 * them, a file that needs values is read as the Terraform project deploying it gives it, and the
 * import's own error stands when no project deploys it.
 * @example
 * const { flow, projectActions, note } = await flowOfFile('modules/flow/flow.yaml', text, { actions: '.' });
 */
export async function flowOfFile(file: string, text: string, o: FlowFileOptions): Promise<FlowFile> {
  let flow: Flow | undefined;
  try {
    flow = importFlowFile(basename(file), text, { validate: false, ...(o.params ? { params: o.params } : {}) });
  } catch (e) {
    if (o.params !== undefined || !isSwitchboardError(e) || e.code !== ArchitectErrors.SB_ARCHITECT_PARAM_MISSING)
      throw e;
    const deployed = await deployedOf(file, o);
    if (!deployed) throw withProjectErrors(e, file, o);
    return deployed;
  }
  // A file holding a template's ${…} that a project's local_file writes is rewritten before it deploys.
  if (o.params === undefined && text.includes('${')) {
    const deployed = await deployedOf(file, o);
    if (deployed?.rendered) return deployed;
  }
  return { flow };
}

/**
 * The import's error for a file that needs values, with why a Terraform project beside it gave
 * none: the errors `terraform plan` would stop on (a project that does not evaluate cannot say
 * which file it deploys).
 */
function withProjectErrors(e: SwitchboardError, file: string, o: FlowFileOptions): SwitchboardError {
  for (const root of searchRoots(file, o.actions)) {
    const errors = terraformErrorsOf(root, terraformOptions(o));
    if (errors.length === 0) continue;
    return new SwitchboardError(
      e.code,
      `${e.message}\nThe Terraform project in ${relative(process.cwd(), root) || '.'} may deploy it with its values, but does not evaluate, as terraform plan would not:\n${errors.map((x) => `  - ${x}`).join('\n')}`,
      { hint: e.hint, details: { ...e.details, terraformErrors: errors } },
    );
  }
  return e;
}

/** The flow as the Terraform project deploying `file` gives it; undefined when none deploys it. */
async function deployedOf(file: string, o: FlowFileOptions): Promise<(FlowFile & { rendered: boolean }) | undefined> {
  const base = terraformOptions(o);
  let deployed: DeployedFlow | undefined;
  let answers: Awaited<ReturnType<typeof dataSourceAnswers>> | undefined;
  for (const root of searchRoots(file, o.actions)) {
    // The project's data sources are read from the target, as `terraform plan` reads them from the org.
    const requests = o.dataTarget ? dataRequestsOfFolder(root, base) : [];
    answers = requests.length > 0 && o.dataTarget ? await dataSourceAnswers(requests, await o.dataTarget()) : undefined;
    deployed = deployedFlowOf(file, root, { ...base, ...(answers ? { resolveData: answers.resolveData } : {}) });
    if (deployed) break;
  }
  if (!deployed) return undefined;
  for (const line of answers?.created ?? []) o.print?.(line);
  const values = Object.keys(deployed.substitutions).length;
  const where = relative(process.cwd(), deployed.deployedFile) || deployed.deployedFile;
  return {
    flow: deployed.flow,
    rendered: deployed.rendered,
    projectActions: deployed.actions,
    note: `${file} is run as ${deployed.address} deploys it (${
      deployed.rendered
        ? `the text its project's local_file writes into ${where}`
        : `${values} substitution${values === 1 ? '' : 's'} from its Terraform project`
    }, with the project's ${deployed.actions.size} data action${deployed.actions.size === 1 ? '' : 's'})`,
  };
}
