/**
 * @module
 * The Terraform side of a folder of artifacts, for `check` and bundles: every root module among
 * the folders holding `.tf` files (a folder another one calls as a module is not a root) loaded
 * with {@link loadTerraformProjectSync}, and its triggers, flows, data actions and integrations
 * given with absolute file paths.
 */
import { dirname, resolve } from 'node:path';
import { isSwitchboardError } from '../../core/index.ts';
import type { TfDiagnostic } from './errors.ts';
import { loadTerraformProjectSync } from './load.ts';
import type { TerraformLoadOptions, TerraformProject } from './load.ts';

/** A trigger resource, as Terraform attributes ready for the triggers context's `loadTrigger`. */
export interface TfTriggerEntry {
  /** The file of its block, absolute. */
  readonly file: string;
  readonly resource: string;
  readonly address: string;
  readonly line: number;
  readonly attributes: Record<string, unknown>;
  /** Problems evaluating the block (each names the construct and line). */
  readonly problems: readonly string[];
  /** The absolute path of the flow file its target resolves to, when it does. */
  readonly flowFile: string | undefined;
}

/** A `genesyscloud_flow` resource. */
export interface TfFlowEntry {
  readonly file: string;
  readonly flowFile: string | undefined;
  readonly substitutions: Record<string, string>;
  /** The file's text as the project writes it (a `local_file` rendering a template), when it does. */
  readonly content?: string;
}

/** A data action Terraform creates. */
export interface TfActionEntry {
  readonly file: string;
  readonly line: number;
  readonly name: string | undefined;
  readonly category: string | undefined;
  readonly method: string | undefined;
  readonly url: string | undefined;
}

/** A data-action integration Terraform creates, with the permissions its role (or tfvars comment) lists. */
export interface TfIntegrationEntry {
  readonly file: string;
  /** The module block or resource it comes from. */
  readonly module: string;
  readonly line: number;
  readonly name: string;
  /** Permission labels or ids; undefined when nothing says. */
  readonly permissionLabels: readonly string[] | undefined;
  /** The `.tfvars` file whose `# Permissions:` comment gave them, if that is where they come from. */
  readonly tfvarsFile: string | undefined;
}

/** A diagnostic with its file absolute. */
export interface TfFolderDiagnostic extends TfDiagnostic {
  readonly path: string;
}

/** Terraform root modules of one folder tree. */
export class TfProject {
  private readonly projects: readonly TerraformProject[];
  private readonly only: ReadonlySet<string>;

  private constructor(
    projects: readonly TerraformProject[],
    private readonly tfvars: ReadonlyArray<{ file: string; text: string }>,
    files: readonly string[],
  ) {
    this.only = new Set(files.map((f) => resolve(f)));
    // Entries come from the files given (a bundle names one file; a folder gives them all), and
    // from the remote modules `terraform init` installed for a root whose files are given: a walk
    // never reads `.terraform/`, yet those modules' resources are the project's.
    const given = (p: TerraformProject, file: string): boolean =>
      this.only.has(resolve(p.dir, file)) ||
      (/(^|[\\/])\.terraform[\\/]modules[\\/]/.test(file) && [...this.only].some((f) => dirname(f) === resolve(p.dir)));
    this.projects = projects.map((p) => ({
      ...p,
      triggers: p.triggers.filter((t) => given(p, t.file)),
      flows: p.flows.filter((f) => given(p, f.file)),
      actions: p.actions.filter((a) => given(p, a.file)),
    }));
  }

  /**
   * Load the root modules among the folders of these `.tf` files (read from disk, as Terraform
   * does); `.tfvars` texts give the `# Permissions:` comments.
   */
  static fromTexts(
    tf: ReadonlyArray<{ file: string; text: string }>,
    tfvars: ReadonlyArray<{ file: string; text: string }>,
    options: TerraformLoadOptions = {},
  ): TfProject {
    const dirs = [...new Set(tf.map((f) => resolve(dirname(f.file))))].sort();
    const loaded: TerraformProject[] = [];
    for (const dir of dirs) {
      try {
        loaded.push(loadTerraformProjectSync(dir, options));
      } catch (e) {
        if (!isSwitchboardError(e)) throw e;
      }
    }
    const called = new Set(loaded.flatMap((p) => p.modules.flatMap((m) => (m.dir ? [m.dir] : []))));
    return new TfProject(
      loaded.filter((p) => !called.has(p.dir)),
      tfvars,
      tf.map((f) => f.file),
    );
  }

  /** The root modules loaded. */
  get roots(): readonly TerraformProject[] {
    return this.projects;
  }

  /** Every diagnostic of every root. */
  diagnostics(): TfFolderDiagnostic[] {
    return this.projects.flatMap((p) => p.diagnostics.map((d) => ({ ...d, path: resolve(p.dir, d.file) })));
  }

  /** Every trigger resource. */
  triggers(): TfTriggerEntry[] {
    return this.projects.flatMap((p) =>
      p.triggers.map((t) => {
        const problems = [
          ...t.problems,
          ...p.diagnostics
            .filter((d) => d.severity === 'error' && d.construct.startsWith(t.address))
            .map((d) => `${d.file}:${d.line}: ${d.message}`),
        ];
        return {
          file: resolve(p.dir, t.file),
          resource: t.resource,
          address: t.address,
          line: t.line,
          attributes: { ...t.attributes },
          problems,
          flowFile: t.flowFile,
        };
      }),
    );
  }

  /** Every `genesyscloud_flow` resource. */
  flows(): TfFlowEntry[] {
    return this.projects.flatMap((p) =>
      p.flows.map((f) => ({
        file: resolve(p.dir, f.file),
        flowFile: f.flowFile,
        substitutions: { ...f.substitutions },
        ...(f.content === undefined ? {} : { content: f.content }),
      })),
    );
  }

  /** Every `genesyscloud_integration_action` resource. */
  actions(): TfActionEntry[] {
    return this.projects.flatMap((p) =>
      p.actions.map((a) => ({
        file: resolve(p.dir, a.file),
        line: a.line,
        name: a.name,
        category: a.category,
        method: a.method,
        url: a.url,
      })),
    );
  }

  /**
   * The data-action integrations: those the root module creates (permissions from the role of
   * their OAuth client), and one per module call that creates one: a module (local, or installed)
   * that declares a `genesyscloud_integration`, or a known integration module that is not
   * installed (named by its `integration_name`). Permissions not given by a role come from a
   * `# Permissions:` comment of a `.tfvars` beside the project.
   */
  integrations(): TfIntegrationEntry[] {
    return this.projects.flatMap((p) => {
      const vars = this.tfvars.find((v) => resolve(dirname(v.file)) === p.dir);
      const comment = vars ? permissionComment(vars.text) : undefined;
      const entry = (
        i: TerraformProject['integrations'][number],
        at: { file: string; line: number; module: string },
        name: string,
      ): TfIntegrationEntry => ({
        file: resolve(p.dir, at.file),
        module: at.module,
        line: at.line,
        name,
        permissionLabels: i.permissions ?? comment,
        tfvarsFile: i.permissions ? undefined : vars?.file,
      });
      const created = p.integrations.flatMap((i) =>
        i.name === undefined || i.address.startsWith('module.')
          ? []
          : [entry(i, { file: i.file, line: i.line, module: i.address }, i.name)],
      );
      const viaModules = p.modules.flatMap((m) =>
        p.integrations
          .filter((i) => i.address === m.address || declaredIn(m.address, i.address))
          .flatMap((i) => {
            const name = i.name ?? m.inputs.integration_name;
            return typeof name === 'string'
              ? [entry(i, { file: m.file, line: m.line, module: m.address.replace(/^module\./, '') }, name)]
              : [];
          }),
      );
      return [...created, ...viaModules];
    });
  }
}

/** True when a resource address is one the module at `module` declares itself (not a nested module's). */
function declaredIn(module: string, address: string): boolean {
  if (!address.startsWith(module)) return false;
  return /^(\[[^\]]*\])?\.genesyscloud_integration\./.test(address.slice(module.length));
}

/**
 * The permission labels a `.tfvars` comment lists (`# Permissions: A > B > C, D > E > F` and
 * continuation comment lines), or undefined when there is no such comment.
 * @example
 * permissionComment('# Permissions:  Conversation > Communication > Disconnect\n#   Analytics > Conversation Detail > View\nx = 1')
 * // ['Conversation > Communication > Disconnect', 'Analytics > Conversation Detail > View']
 */
function permissionComment(text: string): string[] | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^\s*#\s*Permissions\s*:/i.test(l));
  if (start < 0) return undefined;
  const parts = [lines[start]!.replace(/^\s*#\s*Permissions\s*:/i, '')];
  for (const l of lines.slice(start + 1)) {
    if (!/^\s*#/.test(l) || /^\s*#\s*[A-Za-z ]+:/.test(l)) break;
    parts.push(l.replace(/^\s*#/, ''));
  }
  return parts
    .flatMap((p) => p.split(','))
    .map((p) => p.trim())
    .filter((p) => p.includes('>'));
}
