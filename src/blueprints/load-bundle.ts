/**
 * @module
 * Load a bundle strictly, for running it: every artifact must load, every flow must validate
 * against the bundle's own data-action names, every trigger must start one of its workflows.
 */
import type { OrgData } from './org-data.ts';
import { SwitchboardError } from '../core/index.ts';
import type { CompiledAction, WebServiceCredentialType } from '../actions/index.ts';
import { formatIssue, validateFlow, withCommonModules } from '../architect/index.ts';
import type { Flow } from '../architect/index.ts';
import type { Trigger } from '../triggers/index.ts';
import { readBundle } from './bundle-reader.ts';
import type { BundleOptions } from './bundle-reader.ts';
import type { Finding } from './check/finding.ts';
import { BlueprintErrors } from './errors.ts';
import { credentialValues } from './manifest.ts';
import type { BundleManifest, ConfigValue } from './manifest.ts';

/** A data action of a loaded bundle. */
export interface LoadedAction {
  readonly name: string;
  readonly file: string;
  readonly integration: string;
  readonly action: CompiledAction;
}

/** An integration of a loaded bundle. */
export interface LoadedIntegration {
  readonly name: string;
  readonly role: string | undefined;
  /** `domain:entity:action` permissions of its OAuth client's role; undefined when the setup does not say. */
  readonly permissions: readonly string[] | undefined;
  readonly actions: readonly string[];
  /** A web services credential with its field values (environment variables read). */
  readonly credentials?: { readonly type: WebServiceCredentialType; readonly fields: Readonly<Record<string, string>> };
  /** The custom auth action of a User Defined (OAuth) credential. */
  readonly authAction?: CompiledAction;
}

/** A workflow of a loaded bundle. */
export interface LoadedWorkflow {
  readonly name: string;
  readonly file: string;
  readonly flow: Flow;
}

/** A trigger of a loaded bundle and the workflow (by name) it starts. */
interface LoadedTrigger {
  readonly name: string;
  readonly file: string;
  readonly trigger: Trigger;
  readonly workflow: string;
}

/** A bundle ready to run. */
export interface LoadedBundle {
  readonly dir: string;
  readonly name: string;
  readonly title: string | undefined;
  readonly variant: BundleManifest['variant'];
  readonly manifest: BundleManifest;
  readonly config: Readonly<Record<string, ConfigValue>>;
  readonly integrations: readonly LoadedIntegration[];
  readonly actions: readonly LoadedAction[];
  readonly workflows: readonly LoadedWorkflow[];
  readonly triggers: readonly LoadedTrigger[];
  /** What the project creates in the org besides its automation (a Terraform project's data tables, queues …). */
  readonly orgData?: OrgData;
}

function line(f: Finding): string {
  return `${f.file}${f.location ? ` ${f.location}` : ''}: [${f.rule}] ${f.message}`;
}

/**
 * Load a bundle folder. Throws `SB_BLUEPRINTS_BUNDLE_INVALID` listing every problem, each naming
 * its file (and `SB_BLUEPRINTS_MANIFEST_INVALID` / `SB_BLUEPRINTS_CONFIG_INVALID` for the manifest
 * and configuration values).
 * @example
 * const bundle = loadBundle('solutions/callback-prioritization', { config: { maxIncrements: 3 } });
 */
export function loadBundle(dir: string, options: BundleOptions = {}): LoadedBundle {
  const read = readBundle(dir, options);
  const problems: Finding[] = read.findings.filter((f) => f.severity === 'error');
  const { set, manifest } = read;
  const names = set.actions.map((a) => a.name);
  // A `workflows` entry may be a common module: each workflow carries a snapshot of those it calls.
  const modules = set.flows.filter((f) => f.flow.type === 'commonModule');
  const workflows = set.flows
    .filter((f) => f.flow.type !== 'commonModule')
    .map((f) => ({
      ...f,
      flow: withCommonModules(
        f.flow,
        modules.map((m) => m.flow),
      ),
    }));
  for (const w of [...workflows, ...modules]) {
    for (const issue of validateFlow(w.flow, { dataActions: names, commonModules: true })) {
      problems.push({
        severity: 'error',
        file: w.file,
        location: issue.action ?? '',
        rule: 'flow/missing-data-action',
        message: formatIssue(issue),
        hint: 'Add the data action to an integration of the bundle, or re-bind the name with "rebind".',
      });
    }
  }
  const env = options.env ?? process.env;
  const credentials = new Map<string, LoadedIntegration['credentials']>();
  set.integrations.forEach((i, n) => {
    if (!i.credentials) return;
    const { type, fields, unset } = credentialValues(i.credentials, env);
    for (const { field, variable } of unset) {
      problems.push({
        severity: 'error',
        file: read.manifestFile,
        location: `/integrations/${n}/credentials/fields/${field}`,
        rule: 'bundle/credential-unset',
        message: `a credential field must have a value; "${field}" of integration "${i.name}" reads environment variable ${variable}, which is not set`,
        hint: 'Set the environment variable before starting, or write the value in the manifest.',
      });
    }
    credentials.set(i.name, { type, fields });
  });
  const seen = new Map<string, string>();
  for (const w of set.flows) {
    const prior = seen.get(w.name);
    if (prior)
      problems.push({
        severity: 'error',
        file: w.file,
        location: '',
        rule: 'bundle/duplicate-workflow',
        message: `workflow names must be unique in a bundle; "${w.name}" is also ${prior}`,
        hint: 'Give one of them a "name".',
      });
    seen.set(w.name, w.file);
  }
  for (const t of set.triggers) {
    const module = modules.find((m) => m.name === t.workflow);
    if (module)
      problems.push({
        severity: 'error',
        file: t.file,
        location: t.location,
        rule: 'bundle/trigger-target',
        message: `a trigger starts a workflow; "${t.workflow}" (${module.file}) is a common module, which only workflows call`,
        hint: 'Point the trigger at a workflow that calls the module (Call Common Module).',
      });
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 12).map((p) => `  - ${line(p)}`);
    if (problems.length > 12) shown.push(`  - … and ${problems.length - 12} more`);
    throw new SwitchboardError(
      BlueprintErrors.SB_BLUEPRINTS_BUNDLE_INVALID,
      `a bundle must load completely; bundle "${manifest.name}" (${read.manifestFile}) has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${shown.join('\n')}`,
      {
        details: { dir, bundle: manifest.name, problems },
      },
    );
  }
  return {
    dir,
    name: manifest.name,
    title: manifest.title,
    variant: manifest.variant,
    manifest,
    config: read.config,
    integrations: set.integrations.map((i) => ({
      name: i.name,
      role: i.role,
      permissions: i.permissions,
      actions: i.actions.map((a) => a.name),
      ...(credentials.has(i.name) ? { credentials: credentials.get(i.name)! } : {}),
      ...(i.authAction ? { authAction: i.authAction } : {}),
    })),
    actions: set.actions.map((a) => ({
      name: a.name,
      file: a.file,
      integration: a.integration ?? '',
      action: a.compiled!,
    })),
    workflows: workflows.map((f) => ({ name: f.name, file: f.file, flow: f.flow })),
    triggers: set.triggers.map((t) => ({ name: t.name, file: t.file, trigger: t.trigger, workflow: t.workflow! })),
  };
}
