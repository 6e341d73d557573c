/**
 * @module
 * The `genesyscloud_*` resources that matter for event orchestration, from evaluated resource
 * instances: triggers (with the flow their target id links to), data actions (with their
 * integration and its credential type), flows (Archy YAML path, substitutions, content hash),
 * and the other resources a deployment creates. `genesyscloud_tf_export` is ignored; every other
 * resource is listed as skipped with its address and why.
 */
import { resolve } from 'node:path';
import type { TfDiagnostic } from './errors.ts';
import { integrationModuleType } from './integration-modules.ts';
import { filesWritten } from './local-files.ts';
import { matchCriteriaBlocks } from './match-criteria.ts';
import { syntheticId } from './module.ts';
import type { ResourceInstance } from './module.ts';
import { Unknown, isObject, numberText } from './values.ts';
import type { TfValue } from './values.ts';

/** What every resource entry of the model says. */
interface TfResourceBase {
  /** `module.flow.genesyscloud_flow.f` (with `[key]` for count/for_each instances). */
  readonly address: string;
  readonly type: string;
  /** The file (relative to the project root) and line of its block. */
  readonly file: string;
  readonly line: number;
  /** Its synthetic, stable id (what references to `.id` evaluate to). */
  readonly id: string;
}

/** A resource for deployment: its evaluated attributes (JSON; unknown values left out). */
interface TfResource extends TfResourceBase {
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** A `genesyscloud_processautomation_trigger`. */
export interface TfTrigger extends TfResource {
  /** The resource name (`trigger` of `genesyscloud_processautomation_trigger.trigger`). */
  readonly resource: string;
  /** The address of the `genesyscloud_flow` its target id refers to, when it does. */
  readonly flow: string | undefined;
  /** The absolute path of that flow's file. */
  readonly flowFile: string | undefined;
  /** The name of the flow it targets when that flow is an existing one, found by a `data "genesyscloud_flow"` source. */
  readonly flowName: string | undefined;
  /** Problems with the trigger's attributes (unknown values), for the trigger/invalid finding. */
  readonly problems: readonly string[];
}

/** A `genesyscloud_integration_action`. */
export interface TfAction extends TfResource {
  readonly name: string | undefined;
  readonly category: string | undefined;
  readonly method: string | undefined;
  readonly url: string | undefined;
  /** The address of the integration its `integration_id` refers to. */
  readonly integration: string | undefined;
  /** That integration's type (`purecloud-data-actions`, `custom-rest-actions`, …). */
  readonly integrationType: string | undefined;
  /** The credential type of that integration (`pureCloudOAuthClient`, `userDefinedOAuth`, …). */
  readonly credentialType: string | undefined;
}

/** A `genesyscloud_flow`. */
interface TfFlow extends TfResource {
  /** The Archy file, absolute. */
  readonly flowFile: string | undefined;
  /** `substitutions`, as strings (numbers and bools written as Terraform writes them). */
  readonly substitutions: Readonly<Record<string, string>>;
  readonly fileContentHash: string | undefined;
  /**
   * What Terraform writes to the file before the provider reads it: the `content` of the
   * `local_file` whose `filename` it is (a `templatefile()` render), when the project has one.
   */
  readonly content?: string;
}

/** A `genesyscloud_integration`. */
interface TfIntegration extends TfResource {
  readonly name: string | undefined;
  readonly integrationType: string | undefined;
  readonly credentialType: string | undefined;
  /** The address of the credential (or OAuth client) its credentials refer to. */
  readonly credential: string | undefined;
  /** The role of that OAuth client (`genesyscloud_auth_role` address), when Terraform creates it. */
  readonly role: string | undefined;
  /** `domain:entity:action` permissions of that role; undefined when the project does not create it. */
  readonly permissions: readonly string[] | undefined;
  /** The `fields` of its `genesyscloud_integration_credential` (a web services credential), when every one is known. */
  readonly credentialFields?: Readonly<Record<string, string>>;
  /** Its `genesyscloud_integration_custom_auth_action` (User Defined (OAuth)), when the project creates one. */
  readonly authAction?: TfResource;
}

/** A resource (or a data source of another provider) not taken into the model, and why. */
interface TfSkipped {
  readonly address: string;
  readonly type: string;
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

/** What a project holds, by kind. */
export interface TerraformModel {
  /** Every understood resource (triggers, actions, flows and integrations included). */
  readonly resources: readonly TfResource[];
  readonly triggers: readonly TfTrigger[];
  readonly actions: readonly TfAction[];
  readonly flows: readonly TfFlow[];
  /** Those the project creates, and one for each known integration module that is not installed. */
  readonly integrations: readonly TfIntegration[];
  readonly skipped: readonly TfSkipped[];
}

/** The resource types understood (besides the ignored `genesyscloud_tf_export`). */
const UNDERSTOOD = new Set([
  'genesyscloud_processautomation_trigger',
  'genesyscloud_integration',
  'genesyscloud_integration_action',
  'genesyscloud_integration_credential',
  'genesyscloud_integration_custom_auth_action',
  'genesyscloud_flow',
  'genesyscloud_oauth_client',
  'genesyscloud_auth_role',
  'genesyscloud_user_roles',
  'genesyscloud_routing_queue',
  'genesyscloud_group',
  'genesyscloud_architect_datatable',
  'genesyscloud_architect_datatable_row',
  'genesyscloud_routing_wrapupcode',
  'genesyscloud_task_management_workbin',
  'genesyscloud_task_management_workitem_schema',
  'genesyscloud_task_management_worktype',
  'genesyscloud_task_management_worktype_status',
  'genesyscloud_task_management_worktype_status_transition',
  'genesyscloud_task_management_worktype_flow_oncreate_rule',
  'genesyscloud_task_management_worktype_flow_onattributechange_rule',
  'genesyscloud_task_management_worktype_flow_datebased_rule',
]);

const LINKING_IDS = ['integration_credential_id', 'client_id', 'credential_id'];

/** Attributes whose values run: an unknown one is an error, not a gap. */
const RUNS: Record<string, (path: string) => boolean> = {
  genesyscloud_processautomation_trigger: (p) => !p.startsWith('description'),
  genesyscloud_integration_action: (p) => p !== 'integration_id',
  genesyscloud_integration_custom_auth_action: (p) => p !== 'integration_id',
  genesyscloud_flow: (p) => p.startsWith('substitutions') || p === 'filepath',
};

interface Host {
  readonly root: string;
  display(file: string): string;
  report(d: TfDiagnostic): void;
}

/** A JSON copy without unknowns; each unknown found is passed to `found` with its attribute path. */
function known(v: TfValue, path: string, found: (path: string, u: Unknown) => void, depth = 0): unknown {
  if (v instanceof Unknown) {
    found(path, v);
    return undefined;
  }
  if (depth > 64) return undefined;
  if (Array.isArray(v)) return v.map((x, i) => known(x, `${path}[${i}]`, found, depth + 1) ?? null);
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const y = known(x, path ? `${path}.${k}` : k, found, depth + 1);
      if (y !== undefined) out[k] = y;
    }
    return out;
  }
  return v;
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return String(v);
  return undefined;
}

function block(v: unknown): Record<string, unknown> | undefined {
  const b = Array.isArray(v) ? v[0] : v;
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : undefined;
}

/** A module call, as the loader lists it. */
interface ModuleCallLike {
  readonly address: string;
  readonly source: string;
  readonly file: string;
  readonly line: number;
  readonly dir: string | undefined;
  readonly inputs: Readonly<Record<string, unknown>>;
}

/**
 * The integration each known integration module that is not installed creates, named by the
 * call's `integration_name` (a call without one names none): its id is what the module's
 * `integration_id` output evaluates to, so the data actions given that id belong to it.
 */
function notInstalledIntegrations(calls: readonly ModuleCallLike[]): TfIntegration[] {
  return calls.flatMap((m) => {
    const integrationType = m.dir === undefined ? integrationModuleType(m.source) : undefined;
    const name = m.inputs.integration_name;
    if (integrationType === undefined || typeof name !== 'string') return [];
    return [
      {
        address: m.address,
        type: 'genesyscloud_integration',
        file: m.file,
        line: m.line,
        id: syntheticId(m.address, 'integration_id'),
        attributes: { integration_type: integrationType, config: { name } },
        name,
        integrationType,
        credentialType: undefined,
        credential: undefined,
        role: undefined,
        permissions: undefined,
      },
    ];
  });
}

/**
 * Build the model from evaluated instances, reporting unknown values that would run.
 * @example
 * const model = buildModel(instances, host);
 */
export function buildModel(
  instances: readonly ResourceInstance[],
  host: Host,
  data: ReadonlyArray<{ address: string; attributes: Record<string, unknown> }> = [],
  modules: readonly ModuleCallLike[] = [],
): TerraformModel {
  const byId = new Map<string, ResourceInstance>();
  for (const i of instances) {
    byId.set(i.id, i);
    // Computed ids other than .id link too (an OAuth client's integration_credential_id).
    for (const attr of LINKING_IDS) byId.set(syntheticId(i.address, attr), i);
  }
  const linkOf = (id: unknown): ResourceInstance | undefined => (typeof id === 'string' ? byId.get(id) : undefined);

  const resources: TfResource[] = [];
  const skipped: TfSkipped[] = [];
  const entries = new Map<ResourceInstance, TfResource>();
  const written = filesWritten(instances, host.root);
  for (const inst of instances) {
    const file = host.display(inst.decl.file);
    const line = inst.decl.block.line;
    const type = inst.decl.type;
    if (type === 'genesyscloud_tf_export') continue;
    if (!UNDERSTOOD.has(type)) {
      skipped.push({
        address: inst.address,
        type,
        file,
        line,
        reason: type.startsWith('genesyscloud_')
          ? 'a Genesys Cloud resource event orchestration does not use'
          : 'not a Genesys Cloud resource',
      });
      continue;
    }
    const runs = RUNS[type];
    const attributes = known(inst.attributes, '', (path, u) => {
      if (runs?.(path))
        host.report({
          severity: 'error',
          code: 'SB_TERRAFORM_UNKNOWN_VALUE',
          file,
          line,
          construct: `${inst.address}.${path}`,
          message: `Unknown value: ${inst.address} argument ${path} depends on ${u.reason}`,
        });
    }) as Record<string, unknown>;
    const entry: TfResource = { address: inst.address, type, file, line, id: inst.id, attributes };
    resources.push(entry);
    entries.set(inst, entry);
  }

  const integrations: TfIntegration[] = [];
  for (const [inst, r] of entries) {
    if (inst.decl.type !== 'genesyscloud_integration') continue;
    const config = block(r.attributes.config);
    const creds =
      config && isObject(config.credentials as TfValue) ? (config.credentials as Record<string, unknown>) : {};
    const [credentialType, credentialId] = Object.entries(creds)[0] ?? [];
    const cred = linkOf(credentialId);
    const roles = cred?.decl.type === 'genesyscloud_oauth_client' ? [cred.attributes.roles].flat() : [];
    const role = roles.map((x) => linkOf(block(x)?.role_id)).find((x) => x?.decl.type === 'genesyscloud_auth_role');
    const permissions = role
      ? [role.attributes.permission_policies].flat().flatMap((p) => {
          const b = block(p);
          return b ? [b.action_set].flat().map((a) => `${text(b.domain)}:${text(b.entity_name)}:${text(a)}`) : [];
        })
      : undefined;
    const rawFields =
      cred?.decl.type === 'genesyscloud_integration_credential' ? entries.get(cred)?.attributes.fields : undefined;
    const fieldEntries =
      rawFields && typeof rawFields === 'object' && !Array.isArray(rawFields)
        ? Object.entries(rawFields).map(([k, v]) => [k, text(v)] as const)
        : [];
    const credentialFields =
      fieldEntries.length > 0 && fieldEntries.every(([, v]) => v !== undefined)
        ? (Object.fromEntries(fieldEntries) as Record<string, string>)
        : undefined;
    const authAction = [...entries].find(
      ([other, e]) =>
        other.decl.type === 'genesyscloud_integration_custom_auth_action' &&
        linkOf(e.attributes.integration_id ?? other.attributes.integration_id) === inst,
    )?.[1];
    integrations.push({
      ...r,
      name: text(config?.name),
      integrationType: text(r.attributes.integration_type),
      credentialType: credentialType ?? (cred ? text(cred.attributes.credential_type_name) : undefined),
      credential: cred?.address,
      role: role?.address,
      permissions,
      ...(credentialFields ? { credentialFields } : {}),
      ...(authAction ? { authAction } : {}),
    });
  }

  integrations.push(...notInstalledIntegrations(modules));

  const actions: TfAction[] = [];
  const flows: TfFlow[] = [];
  for (const [inst, r] of entries) {
    if (inst.decl.type === 'genesyscloud_integration_action') {
      const request = block(r.attributes.config_request);
      const integrationId = r.attributes.integration_id ?? inst.attributes.integration_id;
      const integration = linkOf(integrationId);
      const i = integrations.find((x) => (integration ? x.address === integration.address : x.id === integrationId));
      actions.push({
        ...r,
        name: text(r.attributes.name),
        category: text(r.attributes.category),
        method: text(request?.request_type),
        url: text(request?.request_url_template),
        integration: i?.address,
        integrationType: i?.integrationType,
        credentialType: i?.credentialType,
      });
    } else if (inst.decl.type === 'genesyscloud_flow') {
      const filepath = text(r.attributes.filepath);
      const subs = isObject(r.attributes.substitutions as TfValue)
        ? (r.attributes.substitutions as Record<string, unknown>)
        : {};
      const substitutions: Record<string, string> = {};
      for (const [k, v] of Object.entries(subs)) {
        const s = text(v);
        if (s !== undefined) substitutions[k] = s;
      }
      const flowFile = filepath === undefined ? undefined : resolve(host.root, filepath);
      const content = flowFile === undefined ? undefined : written.get(flowFile);
      flows.push({
        ...r,
        flowFile,
        substitutions,
        fileContentHash: text(r.attributes.file_content_hash),
        ...(content === undefined ? {} : { content }),
      });
    }
  }

  const triggers: TfTrigger[] = [];
  for (const [inst, r] of entries) {
    if (inst.decl.type !== 'genesyscloud_processautomation_trigger') continue;
    const criteria = matchCriteriaBlocks(r.attributes.match_criteria);
    if (criteria !== undefined) (r.attributes as Record<string, unknown>).match_criteria = criteria;
    const target = block(r.attributes.target);
    const flow = flows.find((f) => f.id === target?.id);
    const existing = flow
      ? undefined
      : data.find((d) => /(^|\.)data\.genesyscloud_flow\./.test(d.address) && d.attributes.id === target?.id);
    const problems: string[] = [];
    if (target && target.id === undefined)
      problems.push('target.id is not known (it depends on a value known only after apply)');
    triggers.push({
      ...r,
      attributes: { ...r.attributes, ...(target ? { target } : {}) },
      resource: inst.decl.name,
      flow: flow?.address,
      flowFile: flow?.flowFile,
      flowName: text(existing?.attributes.name),
      problems,
    });
  }
  return { resources, triggers, actions, flows, integrations, skipped };
}
