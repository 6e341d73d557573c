/**
 * @module
 * The flow a Terraform project deploys from a file. A CX as Code project publishes an Archy YAML
 * through `genesyscloud_flow` with `substitutions` (its `{{placeholders}}`), or renders it first
 * with `local_file` + `templatefile()`; the file alone cannot run, the project knows its values.
 * This finds the resource that deploys the file and gives the flow as `terraform apply` would
 * publish it, with the data actions the project creates.
 */
import { readFileSync } from 'node:fs';
import { basename, relative, resolve, sep } from 'node:path';
import { SwitchboardError, isSwitchboardError } from '../core/index.ts';
import type { CompiledAction } from '../actions/index.ts';
import { importFlowFile } from '../architect/index.ts';
import type { Flow } from '../architect/index.ts';
import { BlueprintErrors } from './errors.ts';
import type { FolderOptions } from './infer-bundle.ts';
import { providerFileName, terraformArtifacts } from './terraform/index.ts';
import type { TerraformProject } from './terraform/index.ts';
import { terraformRoots } from './terraform-roots.ts';

/** A flow file as a Terraform project deploys it. */
export interface DeployedFlow {
  /** The flow imported with the resource's substitutions (or as the project renders it). */
  readonly flow: Flow;
  /** The `genesyscloud_flow` resource's address, e.g. `module.flow.genesyscloud_flow.f`. */
  readonly address: string;
  /** The project's root folder, absolute. */
  readonly projectDir: string;
  /** The substitutions the resource gives. */
  readonly substitutions: Readonly<Record<string, string>>;
  /** Whether the project writes the file itself (`local_file` rendering a template). */
  readonly rendered: boolean;
  /** The file the resource deploys, absolute: the file asked for, or the one its template renders. */
  readonly deployedFile: string;
  /** The data actions the project creates, by name. */
  readonly actions: ReadonlyMap<string, CompiledAction>;
}

/**
 * Whether `text` could be what Terraform's `templatefile()` makes of `template`: the template's
 * literal text in order, each `${…}` interpolation and `%{…}` directive standing for any text.
 */
function rendersFrom(template: string, text: string): boolean {
  const literals = template.split(/\$\{[^}]*\}|%\{[^}]*\}/);
  // A template that is mostly expressions says nothing about what it rendered.
  if (literals.length > 200 || literals.join('').trim().length < 20) return false;
  const escape = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${literals.map(escape).join('[\\s\\S]*?')}$`).test(text);
}

const rel = (from: string, to: string): string => relative(from, to).split(sep).join('/') || basename(to);

/**
 * The flow `file` is as the Terraform root modules under `dir` deploy it, or undefined when none
 * deploys it. Throws `SB_BLUEPRINTS_DEPLOYED_FLOW_INVALID` when a project deploys it but cannot
 * give it what it needs (a variable without a value, a substitution the flow does not import
 * with), or when several resources deploy it with different values.
 * @example
 * const deployed = deployedFlowOf('terraform/modules/flow/flow.yaml', 'terraform', { vars: { division: 'Home' } });
 * if (deployed) console.log(deployed.address, deployed.flow.name);
 */
export function deployedFlowOf(file: string, dir: string, options: FolderOptions = {}): DeployedFlow | undefined {
  const target = resolve(file);
  const found: {
    project: TerraformProject;
    address: string;
    file: string;
    substitutions: Record<string, string>;
    text?: string;
  }[] = [];
  const projects = terraformRoots(resolve(dir), options);
  for (const project of projects)
    for (const f of project.flows)
      if (f.flowFile !== undefined && resolve(f.flowFile) === target)
        found.push({
          project,
          address: f.address,
          file: target,
          substitutions: { ...f.substitutions },
          ...(f.content === undefined ? {} : { text: f.content }),
        });
  // A template a `local_file` renders into the file a flow resource deploys: that flow, as rendered.
  if (found.length === 0) {
    let template: string | undefined;
    for (const project of projects)
      if (project.filesRead.some((f) => resolve(f) === target))
        for (const f of project.flows)
          if (f.content !== undefined && rendersFrom((template ??= readFileSync(target, 'utf8')), f.content))
            found.push({
              project,
              address: f.address,
              file: resolve(f.flowFile ?? target),
              substitutions: { ...f.substitutions },
              text: f.content,
            });
  }
  if (found.length === 0) return undefined;
  const distinct = new Map(found.map((d) => [JSON.stringify([d.substitutions, d.text ?? null]), d] as const));
  if (distinct.size > 1)
    throw new SwitchboardError(
      BlueprintErrors.SB_BLUEPRINTS_DEPLOYED_FLOW_INVALID,
      `${rel(process.cwd(), target)} is deployed by ${found.length} genesyscloud_flow resources with different values (${found
        .map((d) => `${d.address} of ${rel(process.cwd(), d.project.dir)}`)
        .join(', ')}); say which values to run it with`,
      { details: { file: target, resources: found.map((d) => d.address) } },
    );
  const d = found[0]!;
  let flow: Flow;
  try {
    const text = d.text ?? readFileSync(target, 'utf8');
    flow = importFlowFile(providerFileName(d.file), text, { validate: false, params: d.substitutions });
  } catch (e) {
    // Another error than a missing value (a flow type Switchboard does not run) is the file's own.
    if (!isSwitchboardError(e) || e.code !== 'SB_ARCHITECT_PARAM_MISSING') throw e;
    // Why the project could not give the values: its own diagnostics for this resource and its variables.
    const why = d.project.diagnostics
      .filter(
        (x) =>
          x.severity === 'error' &&
          (x.code === 'SB_TERRAFORM_VARIABLE_REQUIRED' || x.construct.startsWith(`${d.address}.`)),
      )
      .map((x) => `  - ${x.file}:${x.line}: ${x.message}`);
    throw new SwitchboardError(
      BlueprintErrors.SB_BLUEPRINTS_DEPLOYED_FLOW_INVALID,
      `${rel(process.cwd(), target)} is deployed by ${d.address} of the Terraform project ${rel(process.cwd(), d.project.dir)}, which cannot give it what it needs: ${(e as Error).message}${
        why.length > 0 ? `\n${[...new Set(why)].slice(0, 8).join('\n')}` : ''
      }`,
      { details: { file: target, resource: d.address, project: d.project.dir } },
    );
  }
  const actions = new Map<string, CompiledAction>();
  for (const a of terraformArtifacts(d.project).set.actions) if (a.compiled) actions.set(a.name, a.compiled);
  return {
    flow,
    address: d.address,
    projectDir: d.project.dir,
    substitutions: d.substitutions,
    rendered: d.text !== undefined,
    deployedFile: d.file,
    actions,
  };
}

/**
 * The errors `terraform plan` would stop on in the Terraform root modules under `dir` (one line
 * each, `file:line: message`, at most `max`): why a project that may deploy a file gives nothing.
 * @example
 * const why = terraformErrorsOf('blueprint/', { vars: {} }); // ['main.tf:8: Unsupported attribute: …']
 */
export function terraformErrorsOf(dir: string, options: FolderOptions = {}, max = 5): string[] {
  const out: string[] = [];
  for (const project of terraformRoots(resolve(dir), options))
    for (const d of project.diagnostics)
      if (d.severity === 'error' && out.length < max)
        out.push(`${rel(process.cwd(), resolve(project.dir, d.file))}:${d.line}: ${d.message}`);
  return out;
}
