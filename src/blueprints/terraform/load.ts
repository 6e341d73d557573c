/**
 * @module
 * Load a Terraform project folder as `terraform plan` reads it: every `.tf` file of the root
 * folder, the variables' values (defaults < `TF_VAR_*` < `terraform.tfvars` < `*.auto.tfvars` <
 * var files < `--var`), local and installed modules, `data` sources through a resolver port, then
 * every resource instance evaluated. Problems are diagnostics naming file:line and construct.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { SwitchboardError } from '../../core/index.ts';
import { TerraformErrors, TfEvalError } from './errors.ts';
import type { TfDiagnostic } from './errors.ts';
import { Loader, diagnostic, providerOf } from './host.ts';
import { ownDataResolver } from './own-data.ts';
import { ModuleInstance } from './module.ts';
import type { DataRequest, ResourceInstance } from './module.ts';
import { collectInstances, findDataDecl } from './module-tree.ts';
import type { TfModuleCall } from './module-tree.ts';
import { buildModel } from './resources.ts';
import type { TerraformModel } from './resources.ts';
import { rootVariableValues } from './root-variables.ts';
import { Unknown, isObject, materialize } from './values.ts';
import type { TfValue } from './values.ts';

/** The data-source port: look an object up by its arguments (usually `name`) in the target org. */
export type DataResolver = (
  request: DataRequest,
) => Record<string, unknown> | undefined | Promise<Record<string, unknown> | undefined>;

/** How to load a project. */
export interface TerraformLoadOptions {
  /** `--var name=value`, in order (later wins). */
  readonly vars?: Readonly<Record<string, string>>;
  /** `--var-file` paths (relative to the working directory), in order. */
  readonly varFiles?: readonly string[];
  /** The environment `TF_VAR_*` values come from; none when not given. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Resolves the `data "genesyscloud_*"` sources no resource of the project answers; without it
   * they are unknown (a warning each).
   */
  readonly resolveData?: DataResolver;
  /** Folders for remote module sources (`git::…`) not installed under `.terraform/modules`. */
  readonly modules?: Readonly<Record<string, string>>;
}

/** A loaded project: the model, and every problem found. */
export interface TerraformProject extends TerraformModel {
  /** The root folder, absolute. */
  readonly dir: string;
  readonly diagnostics: readonly TfDiagnostic[];
  readonly modules: readonly TfModuleCall[];
  /** Root module outputs that could be evaluated. */
  readonly outputs: Readonly<Record<string, unknown>>;
  /** The files its functions read (`file()`, `templatefile()`…), absolute: a contract, a template. */
  readonly filesRead: readonly string[];
}

function run(dir: string, options: TerraformLoadOptions, asyncMode: boolean, loader: Loader): TerraformProject {
  try {
    return evaluateProject(dir, options, asyncMode, loader);
  } finally {
    for (const f of loader.trees) f.dispose();
  }
}

function evaluateProject(
  dir: string,
  options: TerraformLoadOptions,
  asyncMode: boolean,
  loader: Loader,
): TerraformProject {
  const root = loader.root;
  const rootFiles = loader.moduleFiles(root) ?? [];
  if (rootFiles.length === 0) {
    throw new SwitchboardError(
      TerraformErrors.SB_TERRAFORM_PROJECT_INVALID,
      `a Terraform project folder must hold .tf files; ${dir} has none`,
      { details: { dir } },
    );
  }
  // Variable values, lowest precedence first.
  const given = rootVariableValues(loader, rootFiles, options);
  const rootModule = new ModuleInstance(
    loader,
    root,
    [],
    rootFiles,
    (name) => given.get(name),
    (name, decl) => {
      loader.report({
        severity: 'error',
        code: 'SB_TERRAFORM_VARIABLE_REQUIRED',
        file: loader.display(decl.file),
        line: decl.block.line,
        construct: `var.${name}`,
        message: `No value for required variable: the root module input variable "${name}" is not set, and has no default value. Use a --var or --var-file command line argument to provide a value for this variable.`,
      });
      return new Unknown(`var.${name} has no value`);
    },
  );
  loader.ownData = ownDataResolver(rootModule);
  const instances: ResourceInstance[] = [];
  const modules: TfModuleCall[] = [];
  collectInstances(loader, rootModule, instances, modules);
  const outputs: Record<string, unknown> = {};
  for (const name of rootModule.outputDefs.keys()) {
    try {
      const v = materialize(rootModule.outputs.get(name) ?? null);
      if (!(v instanceof Unknown)) outputs[name] = v;
    } catch (e) {
      if (!(e instanceof TfEvalError)) throw e;
      loader.report(diagnostic(e));
    }
  }
  void asyncMode;
  const data = [...loader.dataCache].flatMap(([address, v]) =>
    isObject(v as TfValue) ? [{ address, attributes: materialize(v as TfValue) as Record<string, unknown> }] : [],
  );
  const model = buildModel(
    instances,
    { root, display: (f) => loader.display(f), report: (d) => loader.report(d) },
    data,
    modules,
  );
  const otherData = [...loader.otherData].map(([address, type]) => {
    const decl = findDataDecl(rootModule, address);
    return {
      address,
      type,
      file: decl ? loader.display(decl.file) : '.',
      line: decl?.block.line ?? 1,
      reason: `a data source of the "${providerOf(type)}" provider: only genesyscloud data sources are read, so its values are unknown (an error only where a value that runs needs one)`,
    };
  });
  const skipped = [...model.skipped, ...otherData.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)];
  for (const [address, v] of loader.dataCache) {
    if (!(v instanceof Unknown)) continue;
    const decl = findDataDecl(rootModule, address);
    loader.report({
      severity: options.resolveData ? 'error' : 'warning',
      code: 'SB_TERRAFORM_DATA_UNRESOLVED',
      file: decl ? loader.display(decl.file) : '.',
      line: decl?.block.line ?? 1,
      construct: address,
      message: `Data source not resolved: ${v.reason}`,
    });
  }
  return {
    dir: root,
    ...model,
    skipped,
    modules,
    outputs,
    diagnostics: sortDiagnostics(loader.diagnostics),
    filesRead: [...loader.filesReadByFunctions].sort(),
  };
}

function sortDiagnostics(d: TfDiagnostic[]): TfDiagnostic[] {
  return [...d].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      a.file.localeCompare(b.file) ||
      a.line - b.line,
  );
}

function rootOf(dir: string): string {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new SwitchboardError(
      TerraformErrors.SB_TERRAFORM_PROJECT_INVALID,
      `a Terraform project must be a readable folder; ${dir} is not one`,
      { details: { dir } },
    );
  }
  return root;
}

/**
 * Load a Terraform project synchronously; a data resolver, if given, must answer synchronously.
 * @example
 * const p = loadTerraformProjectSync('solutions/callback-prioritization/terraform');
 * p.triggers[0]?.body.topicName // 'v2.detail.events.conversation.{id}.acd.start'
 */
export function loadTerraformProjectSync(dir: string, options: TerraformLoadOptions = {}): TerraformProject {
  return run(dir, options, false, new Loader(rootOf(dir), options, false));
}

/**
 * Load a Terraform project: variables, locals, modules, data sources (through
 * `options.resolveData`, which may answer asynchronously), resources. Never throws for problems
 * in the project (they are `diagnostics`); throws `SB_TERRAFORM_PROJECT_INVALID` for a folder
 * without `.tf` files.
 * @example
 * const p = await loadTerraformProject('infra/', { vars: { client_id: 'x' }, resolveData });
 * for (const d of p.diagnostics) console.error(`${d.file}:${d.line} ${d.message}`);
 */
export async function loadTerraformProject(dir: string, options: TerraformLoadOptions = {}): Promise<TerraformProject> {
  const root = rootOf(dir);
  const data = new Map<string, TfValue | Promise<void>>();
  for (let round = 0; round < 8; round++) {
    const loader = new Loader(root, options, true);
    for (const [k, v] of data) if (!(v instanceof Promise)) loader.dataCache.set(k, v);
    const project = run(dir, options, true, loader);
    const pending = [...loader.dataCache.values()].filter((v): v is Promise<void> => v instanceof Promise);
    if (pending.length === 0) return project;
    await Promise.all(pending);
    for (const [k, v] of loader.dataCache) if (!(v instanceof Promise)) data.set(k, v);
  }
  return run(dir, options, false, new Loader(root, options, false));
}

/**
 * Throw `SB_TERRAFORM_PROJECT_INVALID` listing every error diagnostic (for commands that run the
 * project); warnings do not fail.
 * @example
 * assertLoaded(await loadTerraformProject(dir, options));
 */
export function assertLoaded(project: TerraformProject): TerraformProject {
  const errors = project.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return project;
  const shown = errors.slice(0, 12).map((d) => `  - ${d.file}:${d.line}: [${d.code}] ${d.message}`);
  if (errors.length > 12) shown.push(`  - … and ${errors.length - 12} more`);
  throw new SwitchboardError(
    TerraformErrors.SB_TERRAFORM_PROJECT_INVALID,
    `a Terraform project must load without errors; ${project.dir} has ${errors.length}:\n${shown.join('\n')}`,
    {
      details: { dir: project.dir, diagnostics: errors },
    },
  );
}
