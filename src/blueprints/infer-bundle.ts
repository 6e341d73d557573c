/**
 * @module
 * One way in for every folder: a bundle (`switchboard.json`) is loaded as it says; any other folder
 * — a CX as Code (Terraform) project, a whole blueprint repository with exports, Terraform and
 * Postman collections — is read and a bundle inferred from it: every Terraform root module found
 * is evaluated as `terraform plan` would (variables from `--var`, `--var-file`, `*.auto.tfvars`,
 * `terraform.tfvars`, `TF_VAR_*`), the exports beside it are added, and what can run (the
 * workflows whose data actions are all there, and the triggers that start them) is kept;
 * everything else is reported with the reason.
 */
import { hasOrgData, orgDataLines, orgDataOf } from './org-data.ts';
import {
  credentialsOf,
  isWebServicesAction,
  webServicesIntegrationName,
  withWebServicesAuth,
} from './infer-web-services.ts';
import { statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { SwitchboardError } from '../core/index.ts';
import { formatIssue, validateFlow, withCommonModules } from '../architect/index.ts';
import { bindExportSuffixes } from './bind-names.ts';
import type { ActionArtifact, FlowArtifact, IntegrationArtifact, ReadResult, TriggerArtifact } from './artifacts.ts';
import { findManifest } from './bundle-reader.ts';
import { byWeight, shown } from './infer-problems.ts';
import type { BundleOptions } from './bundle-reader.ts';
import type { Finding } from './check/finding.ts';
import { discoverFolder } from './discover.ts';
import { BlueprintErrors } from './errors.ts';
import { loadBundle } from './load-bundle.ts';
import type { LoadedBundle, LoadedIntegration } from './load-bundle.ts';
import type { BundleManifest } from './manifest.ts';
import { terraformArtifacts } from './terraform/index.ts';
import type { DataRequest, TerraformLoadOptions, TerraformProject } from './terraform/index.ts';
import { terraformRoots } from './terraform-roots.ts';

export { dataRequestsOfFolder } from './terraform-roots.ts';

/** Options of {@link loadFolder}. */
export interface FolderOptions extends BundleOptions, Pick<TerraformLoadOptions, 'vars' | 'varFiles' | 'env'> {
  /**
   * Answers `data "genesyscloud_*"` sources, synchronously: {@link dataRequestsOfFolder} lists
   * them, the caller looks each up in the target org, and the folder is loaded with the answers.
   */
  readonly resolveData?: (request: DataRequest) => Record<string, unknown> | undefined;
  /** The inferred bundle's name (default: the folder's name). */
  readonly name?: string;
  /**
   * Which workflow a trigger starts, by trigger name → workflow name, for a trigger whose target
   * the folder cannot tell (a placeholder id in a Postman collection, a flow id of another org).
   */
  readonly pair?: Readonly<Record<string, string>>;
  /** Credential fields of the folder's own web services integration (`--credential name=value`). */
  readonly credentials?: Readonly<Record<string, string>>;
}

/** A bundle inferred from a folder without a manifest, and how. */
export interface InferredBundle {
  /** What was found and kept, one line each: `kind  file  "name"`. */
  readonly found: readonly string[];
  /** What was found and left out, and why. */
  readonly left: readonly string[];
  /** The Terraform root modules evaluated, relative to the folder. */
  readonly terraformRoots: readonly string[];
  /** The manifest that describes the inferred bundle (its Terraform-defined data actions excepted). */
  readonly manifest: BundleManifest;
}

/** What {@link loadFolder} gives. */
export interface LoadedFolder {
  readonly bundle: LoadedBundle;
  /** Present when the folder had no manifest. */
  readonly inferred?: InferredBundle;
}

const rel = (root: string, p: string): string => relative(root, p).split(sep).join('/') || basename(p);

function describe(f: Finding): string {
  // An import error names its file already (`x.yaml: …`): it is not said twice.
  const message = f.message.startsWith(`${f.file}: `) ? f.message.slice(f.file.length + 2) : f.message;
  return `${f.file}${f.location ? ` ${f.location}` : ''}: ${message}`;
}

/**
 * Infer a bundle from a folder without a manifest. Throws `SB_BLUEPRINTS_BUNDLE_INVALID` when a
 * Terraform variable has no value (as `terraform plan` would stop) or when nothing can run,
 * listing why.
 * @example
 * const { bundle, inferred } = inferBundle('blueprint/terraform', { vars: { client_id: '…' } });
 */
export function inferBundle(dir: string, options: FolderOptions = {}): LoadedFolder & { inferred: InferredBundle } {
  const root = resolve(dir);
  const name = options.name ?? basename(root);
  const left: string[] = [];
  const found: string[] = [];

  const projects = terraformRoots(root, options);
  const reads: { read: ReadResult; base: string; project?: TerraformProject }[] = projects.map((p) => ({
    read: terraformArtifacts(p),
    base: p.dir,
    project: p,
  }));
  reads.push({ read: discoverFolder(root), base: root });

  const blocking: string[] = [];
  // A remote module that is not installed may hold what a workflow or trigger is missing.
  const notInstalled: string[] = [];
  for (const { read, base, project } of reads) {
    for (const f of read.findings) {
      // A project's findings name files relative to the project; the folder's, relative to the folder.
      const where = project
        ? `${rel(root, join(base, f.file.split(' ')[0]!))}${f.file.includes(' ') ? f.file.slice(f.file.indexOf(' ')) : ''}`
        : f.file;
      if (project && /SB_TERRAFORM_MODULE_UNAVAILABLE/.test(f.message) && /remote module/.test(f.message))
        notInstalled.push(describe({ ...f, file: where }));
      if (f.severity !== 'error') continue;
      // The evaluated Terraform projects report their own files; the file-by-file read of the same
      // .tf files (which cannot see variables or data sources) would repeat them, worse.
      if (!project && projects.length > 0 && /\.tf(\s|:|$)/.test(f.file)) continue;
      const line = describe({ ...f, file: where });
      if (project && /SB_TERRAFORM_VARIABLE_REQUIRED/.test(f.message)) blocking.push(line);
      else left.push(line);
    }
  }
  if (blocking.length > 0) {
    throw new SwitchboardError(
      BlueprintErrors.SB_BLUEPRINTS_BUNDLE_INVALID,
      `a Terraform project runs once every variable has a value, as terraform plan requires; ${dir}:\n${shown(blocking, dir)}`,
      {
        details: { dir, problems: blocking },
      },
    );
  }

  const actions = new Map<string, ActionArtifact & { file: string }>();
  const flows = new Map<string, FlowArtifact & { file: string; substitutions?: Record<string, string> }>();
  const triggers = new Map<string, TriggerArtifact & { file: string }>();
  const integrations = new Map<string, IntegrationArtifact>();
  for (const { read, base, project } of reads) {
    const path = (file: string): string => (project ? rel(root, join(base, file)) : file);
    for (const a of read.set.actions) {
      if (!a.compiled) continue;
      if (actions.has(a.name))
        left.push(`data action "${a.name}" in ${path(a.file.split(' ')[0]!)}: another with this name was read first`);
      else actions.set(a.name, { ...a, file: path(a.file.split(' ')[0]!) });
    }
    for (const f of read.set.flows) {
      if (flows.has(f.name)) {
        if (flows.get(f.name)!.file !== path(f.file))
          left.push(`workflow "${f.name}" in ${path(f.file)}: another with this name was read first`);
        continue;
      }
      const tf = project?.flows.find((x) => x.flowFile !== undefined && rel(base, x.flowFile) === f.file);
      flows.set(f.name, {
        ...f,
        file: path(f.file),
        ...(tf && Object.keys(tf.substitutions).length > 0 ? { substitutions: { ...tf.substitutions } } : {}),
      });
    }
    for (const t of read.set.triggers) {
      if (!triggers.has(t.name)) triggers.set(t.name, { ...t, file: path(t.file) });
      else if (triggers.get(t.name)!.file !== path(t.file))
        left.push(`trigger "${t.name}" in ${path(t.file)}: another with this name was read first`);
    }
    for (const i of read.set.integrations) if (!integrations.has(i.name) && !i.implicit) integrations.set(i.name, i);
  }

  // A workflow runs when every data action it calls is there.
  const names = [...actions.keys()];
  const runnable = new Map<
    string,
    FlowArtifact & { file: string; substitutions?: Record<string, string>; rebind?: Record<string, string> }
  >();
  // Common modules are not run by triggers: each workflow carries a snapshot of those it calls.
  const moduleFiles = [...flows.values()].filter((f) => f.flow.type === 'commonModule');
  const modules = moduleFiles.map((m) => m.flow);
  for (const m of modules) flows.delete(m.name);
  const actionFiles = new Map([...actions].map(([n, a]) => [n, a.file] as const));
  for (const [flowName, f0] of flows) {
    const { flow: boundFlow, bound } = bindExportSuffixes(withCommonModules(f0.flow, modules), names, actionFiles);
    const f = { ...f0, flow: boundFlow, ...(Object.keys(bound).length > 0 ? { rebind: bound } : {}) };
    const issues = validateFlow(f.flow, { dataActions: names, commonModules: true });
    // A data action a module that is not installed would define: the workflow runs, and what calls
    // it takes the Failure path (shown here and in the run), rather than nothing running at all.
    const missing = issues.filter((i) => i.rule === 'unavailable-data-action');
    if (issues.length > 0 && (missing.length < issues.length || notInstalled.length === 0))
      left.push(`workflow "${flowName}" (${f.file}): ${issues.slice(0, 3).map(formatIssue).join('; ')}`);
    else {
      if (missing.length > 0)
        left.push(
          `workflow "${flowName}" (${f.file}) runs without ${missing.map((i) => i.message.replace(/ is not available.*$/, '')).join(', ')}: a module that is not installed may define it (run \`terraform init\`); until then its Call Data Action takes the Failure path`,
        );
      runnable.set(flowName, f);
    }
  }
  const kept: (TriggerArtifact & { file: string; workflow: string })[] = [];
  for (const [name, workflow] of Object.entries(options.pair ?? {})) {
    const why = !triggers.has(name)
      ? `no trigger named "${name}" was found (triggers: ${[...triggers.keys()].map((n) => `"${n}"`).join(', ') || 'none'})`
      : !flows.has(workflow)
        ? `no workflow named "${workflow}" was found (workflows: ${[...flows.keys()].map((n) => `"${n}"`).join(', ') || 'none'})`
        : undefined;
    if (why)
      throw new SwitchboardError(
        BlueprintErrors.SB_BLUEPRINTS_BUNDLE_INVALID,
        `--pair "${name}=${workflow}" cannot be applied to ${dir}: ${why}`,
        { details: { dir, pair: { trigger: name, workflow } } },
      );
    triggers.set(name, { ...triggers.get(name)!, workflow });
  }
  for (const t of triggers.values()) {
    if (t.unresolved?.length)
      left.push(
        `trigger "${t.name}" (${t.file}): ${t.unresolved.join(', ')} not known (above); it runs only once every argument that decides it is`,
      );
    else if (t.workflow === undefined)
      left.push(
        `trigger "${t.name}" (${t.file}): the workflow it starts cannot be told${t.unpairedReason ? ` (${t.unpairedReason})` : ''}; name it with --pair "${t.name}=<workflow>"`,
      );
    else if (!runnable.has(t.workflow))
      left.push(
        `trigger "${t.name}" (${t.file}): it starts workflow "${t.workflow}", which ${flows.has(t.workflow) ? 'cannot run (above)' : 'is not in the folder'}`,
      );
    else kept.push({ ...t, workflow: t.workflow });
  }
  // Workflows without a trigger still run when launched (the Platform API's flow executions, the
  // console), as a published workflow does in Genesys: only a folder with none is refused.
  if (kept.length === 0 && runnable.size === 0) {
    throw new SwitchboardError(
      BlueprintErrors.SB_BLUEPRINTS_BUNDLE_INVALID,
      `a folder runs when a trigger starts a workflow it holds; ${dir} has none that can run (${triggers.size} trigger${triggers.size === 1 ? '' : 's'}, ${flows.size} workflow${flows.size === 1 ? '' : 's'}, ${actions.size} data action${actions.size === 1 ? '' : 's'} found):\n${
        shown(byWeight(left), dir) || '  - no trigger found'
      }${
        notInstalled.length > 0
          ? `\nwhat is missing may come from a module that is not installed (run \`terraform init\` in the Terraform folder, then again):\n${shown(notInstalled, dir)}`
          : ''
      }`,
      {
        details: { dir, left, ...(notInstalled.length > 0 ? { notInstalled } : {}) },
      },
    );
  }
  const used = new Set(kept.map((t) => t.workflow));
  const workflows = [...runnable.values()];

  // Each data action belongs to the integration that holds it; the others to one of the bundle's own.
  const own = `${name} data actions`;
  const web = webServicesIntegrationName(name);
  const integrationOf = (a: ActionArtifact): string =>
    a.integration !== undefined && a.integration !== '' ? a.integration : isWebServicesAction(a.compiled) ? web : own;
  const authActions = reads.flatMap(({ read }) => read.set.authActions ?? []);
  const byIntegration = new Map<string, string[]>();
  for (const a of actions.values())
    byIntegration.set(integrationOf(a), [...(byIntegration.get(integrationOf(a)) ?? []), a.name]);
  const loadedIntegrations: LoadedIntegration[] = [...byIntegration.entries()]
    .map(([iname, acts]) => {
      const spec = integrations.get(iname);
      const credentials = spec?.credentials ? credentialsOf(iname, spec.credentials, left) : undefined;
      return {
        name: iname,
        role: spec?.role,
        permissions: spec?.permissions,
        actions: acts,
        ...(credentials ? { credentials } : {}),
        ...(spec?.authAction ? { authAction: spec.authAction } : {}),
      };
    })
    .map((i) =>
      i.name === web && !integrations.has(web) ? withWebServicesAuth(i, authActions, options.credentials, left) : i,
    );
  for (const i of loadedIntegrations)
    if (i.credentials)
      found.push(
        `credential   integration "${i.name}": ${i.credentials.type} (${Object.keys(i.credentials.fields).join(', ') || 'no fields'})${i.authAction ? `, custom auth action "${i.authAction.definition.name}"` : ''}`,
      );

  for (const a of actions.values())
    found.push(`data action  ${a.file}  "${a.name}" (integration "${integrationOf(a)}")`);
  const orgData = orgDataOf(projects.flatMap((p) => p.resources));
  found.push(...orgDataLines(orgData));
  left.push(...orgData.taskManagement.unread);
  for (const w of workflows)
    found.push(
      w.flow.type === 'workitem'
        ? `workitem flow ${w.file}  "${w.name}" (worktype "${w.flow.worktype ?? '?'}": ${
            orgData.taskManagement.worktypes.length === 0 ||
            orgData.taskManagement.worktypes.some((t) => t.name.toLowerCase() === w.flow.worktype?.toLowerCase())
              ? 'runs when one of its rules matches a workitem'
              : 'not a worktype this project creates, so no rule of it launches the flow'
          })`
        : `workflow     ${w.file}  "${w.name}"${used.has(w.name) ? '' : ' (no trigger starts it; it runs when launched: POST /api/v2/flows/executions, the console)'}`,
    );
  // A snapshot is the module itself, keyed by the name as called (which may differ in case).
  const callersOf = (m: FlowArtifact): string[] =>
    workflows.filter((w) => Object.values(w.flow.commonModules ?? {}).includes(m.flow)).map((w) => `"${w.name}"`);
  for (const m of moduleFiles) {
    const callers = callersOf(m);
    found.push(
      `common module ${m.file}  "${m.name}" (${callers.length > 0 ? `called by ${callers.join(', ')}` : 'no workflow calls it'})`,
    );
  }
  for (const t of kept) found.push(`trigger      ${t.file}  "${t.name}" → "${t.workflow}"`);

  const manifest: BundleManifest = {
    name,
    integrations: loadedIntegrations.map((i) => ({
      name: i.name,
      ...(i.role ? { role: i.role } : {}),
      ...(i.permissions ? { permissions: [...i.permissions] } : {}),
      actions: i.actions.map((n) => actions.get(n)!.file).filter((f) => !f.endsWith('.tf')),
    })),
    workflows: [
      ...workflows.map((w) => ({
        file: w.file,
        ...(w.substitutions ? { substitutions: w.substitutions } : {}),
        ...(w.rebind ? { rebind: w.rebind } : {}),
      })),
      // The common modules the workflows call, as entries of their own.
      ...moduleFiles
        .filter((m) => callersOf(m).length > 0)
        .map((m) => ({ file: m.file, ...(m.substitutions ? { substitutions: m.substitutions } : {}) })),
    ],
    triggers: kept.map((t) => ({
      file: t.file,
      ...(t.file.endsWith('.tf')
        ? { resource: /genesyscloud_processautomation_trigger\.([\w-]+)/.exec(t.location)?.[1] ?? t.name }
        : {}),
      workflow: t.workflow,
    })),
  };
  const bundle: LoadedBundle = {
    dir: root,
    name,
    title: undefined,
    variant: undefined,
    manifest,
    config: {},
    integrations: loadedIntegrations,
    actions: [...actions.values()].map((a) => ({
      name: a.name,
      file: a.file,
      integration: integrationOf(a),
      action: a.compiled!,
    })),
    workflows: workflows.map((w) => ({ name: w.name, file: w.file, flow: w.flow })),
    triggers: kept.map((t) => ({ name: t.name, file: t.file, trigger: t.trigger, workflow: t.workflow })),
    ...(hasOrgData(orgData) ? { orgData } : {}),
  };
  return {
    bundle,
    inferred: {
      found,
      left,
      terraformRoots: projects.map((p) => relative(root, p.dir).split(sep).join('/') || '.'),
      manifest,
    },
  };
}

/**
 * Load any folder: a bundle by its manifest, any other folder by inferring the bundle.
 * @example
 * const { bundle, inferred } = loadFolder('examples/terraform', { vars: { oauth_credential_id: 'x' } });
 */
export function loadFolder(dir: string, options: FolderOptions = {}): LoadedFolder {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (e) {
    throw new SwitchboardError(
      BlueprintErrors.SB_BLUEPRINTS_DIR_UNREADABLE,
      `the folder to run must exist; ${dir}: ${(e as Error).message}`,
      { details: { dir } },
    );
  }
  if (!isDir)
    throw new SwitchboardError(
      BlueprintErrors.SB_BLUEPRINTS_DIR_UNREADABLE,
      `the path to run must be a folder; ${dir} is a file`,
      { details: { dir } },
    );
  if (findManifest(dir)) return { bundle: loadBundle(dir, options) };
  return inferBundle(dir, options);
}

/**
 * The inferred bundle as the terminal shows it.
 * @example
 * process.stderr.write(formatInferred(inferred, 'examples/terraform'));
 */
export function formatInferred(inferred: InferredBundle, dir: string): string {
  const lines = [
    `No switchboard.json in ${dir}: the bundle "${inferred.manifest.name}" was inferred${inferred.terraformRoots.length > 0 ? ` (Terraform: ${inferred.terraformRoots.join(', ')})` : ''}.`,
  ];
  for (const f of inferred.found) lines.push(`  + ${f}`);
  for (const l of inferred.left.slice(0, 30)) lines.push(`  - left out: ${l}`);
  if (inferred.left.length > 30) lines.push(`  - … and ${inferred.left.length - 30} more left out`);
  return `${lines.join('\n')}\n`;
}
