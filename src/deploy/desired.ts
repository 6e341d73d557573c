/**
 * @module
 * What a bundle puts into an org: per integration, a role with least privilege (the permissions
 * its data actions' endpoints need, from the permission table `check` uses), an OAuth client
 * holding that role, the credential and the integration that run the actions as that client; the
 * data actions; each workflow as the Archy YAML file to publish; each trigger, pointing at its
 * workflow. Pure, but for reading the workflow files, which the caller injects.
 */
import { basename } from 'node:path';
import { SwitchboardError } from '../core/index.ts';
import { callsOtherService } from '../actions/index.ts';
import type { ActionDefinition } from '../actions/index.ts';
import { substitute } from '../architect/index.ts';
import { defaultBlueprintsDir, resolveArtifactPath, routePermissions } from '../blueprints/index.ts';
import type { LoadedAction, LoadedBundle } from '../blueprints/index.ts';
import type { MatchCriterion } from '../triggers/index.ts';
import { DeployErrors } from './errors.ts';
import { prepareFlowFile } from './flow-file.ts';
import { accessName, tagged } from './label.ts';

/** Why a permission is in a role. */
interface PermissionReason {
  readonly permission: string;
  readonly because: string;
}

/** The role and OAuth client of one integration (and the integration itself, when it has data actions). */
export interface DesiredAccess {
  /** The integration's name in the bundle (the data actions' category). */
  readonly integration: string;
  /** Role, client and credential name. */
  readonly name: string;
  readonly description: string;
  readonly permissions: readonly string[];
  readonly reasons: readonly PermissionReason[];
  /** The data-action integration; absent when the bundle's integration has no data actions (a client only). */
  readonly dataActions?: { readonly type: string; readonly notes: string };
}

/** A data action: what `POST /api/v2/integrations/actions/drafts` takes, but the integration id. */
export interface DesiredAction {
  readonly name: string;
  readonly integration: string;
  readonly category: string;
  readonly secure: boolean;
  readonly config: Record<string, unknown>;
  readonly contract: {
    input: { inputSchema: Record<string, unknown> };
    output: { successSchema: Record<string, unknown> };
  };
}

/** A workflow and the file it is published from. */
export interface DesiredWorkflow {
  readonly name: string;
  readonly file: string;
  readonly content: string;
  readonly hash: string;
}

/** A trigger: its API body but the target's id (the workflow's, known once it is published). */
export interface DesiredTrigger {
  readonly name: string;
  readonly workflow: string;
  readonly topicName: string;
  readonly enabled: boolean;
  readonly description: string;
  readonly matchCriteria: readonly MatchCriterion[];
  readonly dataFormat?: string;
  readonly eventTTLSeconds?: number;
  readonly delayBySeconds?: number;
}

/** Everything a bundle deploys. */
export interface DesiredState {
  readonly bundle: string;
  readonly accesses: readonly DesiredAccess[];
  readonly actions: readonly DesiredAction[];
  readonly workflows: readonly DesiredWorkflow[];
  readonly triggers: readonly DesiredTrigger[];
  /** What deploy cannot decide for the user (an endpoint without a known permission…). */
  readonly warnings: readonly string[];
}

/** Reads a file of the bundle (injected: the caller does the I/O). */
export type ReadText = (path: string) => string;

/** The config of an action as the Platform API takes it, built from its definition (so any source format deploys alike). */
function actionConfig(def: ActionDefinition): Record<string, unknown> {
  return {
    ...(def.timeoutSeconds === undefined ? {} : { timeoutSeconds: def.timeoutSeconds }),
    request: {
      requestUrlTemplate: def.request.requestUrlTemplate,
      requestType: def.request.requestType,
      headers: { ...def.request.headers },
      requestTemplate: def.request.requestTemplate,
    },
    response: {
      translationMap: { ...def.response.translationMap },
      translationMapDefaults: { ...def.response.translationMapDefaults },
      successTemplate: def.response.successTemplate,
    },
  };
}

/**
 * The least-privilege permissions of an integration: per data action, the permission its endpoint
 * needs (the first of ANY, or each of ALL), none for an endpoint that needs none or for another
 * service; the bundle's declared permissions for an endpoint the table does not know; the
 * declared ones alone for an integration without data actions.
 * @example
 * leastPrivilege([setExternalTag], undefined).permissions // ['conversation:externalTag:edit']
 */
function leastPrivilege(
  actions: readonly LoadedAction[],
  declared: readonly string[] | undefined,
): { permissions: string[]; reasons: PermissionReason[]; warnings: string[] } {
  const reasons: PermissionReason[] = [];
  const warnings: string[] = [];
  const add = (permission: string, because: string): void => {
    if (!reasons.some((r) => r.permission === permission)) reasons.push({ permission, because });
  };
  for (const a of actions) {
    const def = a.action.definition;
    const route = `${def.request.requestType} ${def.request.requestUrlTemplate.split('?')[0]}`;
    if (callsOtherService(def)) continue;
    const needs = routePermissions(def.request.requestType, def.request.requestUrlTemplate);
    if (!needs) {
      if (declared && declared.length > 0)
        declared.forEach((p) =>
          add(
            p,
            `data action "${a.name}" calls ${route}, whose permission is unknown: the bundle's declared permission`,
          ),
        );
      else
        warnings.push(
          `data action "${a.name}" calls ${route}, whose permission deploy does not know, and the bundle declares none; its role grants nothing for it`,
        );
      continue;
    }
    const chosen = needs.all ? needs.anyOf : needs.anyOf.slice(0, 1);
    chosen.forEach((p) => add(p, `data action "${a.name}" calls ${route}`));
  }
  if (actions.length === 0)
    (declared ?? []).forEach((p) => add(p, 'declared by the bundle (the integration has no data actions)'));
  return { permissions: reasons.map((r) => r.permission), reasons, warnings };
}

/** The text a configuration value substitutes (as the bundle loader does): an integer as digits, a string escaped for a double-quoted YAML scalar. */
function configText(value: string | number | undefined): string {
  return typeof value === 'string' ? JSON.stringify(value).slice(1, -1) : String(value);
}

function desiredWorkflow(
  bundle: LoadedBundle,
  w: LoadedBundle['workflows'][number],
  readText: ReadText,
): DesiredWorkflow {
  const entry = bundle.manifest.workflows.find((e) => e.file === w.file);
  if (/\.i3workflow$/i.test(w.file)) {
    throw new SwitchboardError(
      DeployErrors.SB_DEPLOY_WORKFLOW_FORMAT,
      `a workflow is published from Archy YAML through Architect's import job; workflow "${w.name}" (${w.file}) is an .i3WorkFlow export`,
      { details: { file: w.file, workflow: w.name } },
    );
  }
  const blueprints = defaultBlueprintsDir() ?? bundle.dir;
  const raw = readText(resolveArtifactPath(w.file, bundle.dir, blueprints));
  const params = Object.fromEntries(
    Object.entries(entry?.substitutions ?? {}).map(([k, v]) => [
      k,
      typeof v === 'string' ? v : configText(bundle.config[v.config]),
    ]),
  );
  const text = substitute(raw.replace(/^\uFEFF/, ''), params, w.file);
  const prepared = prepareFlowFile(text, {
    file: w.file,
    bundle: bundle.name,
    name: w.name,
    ...(entry?.rebind ? { rebind: entry.rebind } : {}),
  });
  return { name: w.name, file: basename(w.file), content: prepared.content, hash: prepared.hash };
}

/**
 * The desired state of a loaded bundle.
 * @example
 * const desired = desiredState(loadBundle('solutions/presence-tag'), (p) => readFileSync(p, 'utf8'));
 */
export function desiredState(bundle: LoadedBundle, readText: ReadText): DesiredState {
  const warnings: string[] = [];
  const integrations = [...bundle.integrations];
  // Actions no integration of the bundle names go to one of the bundle's own.
  const orphans = bundle.actions.filter((a) => !integrations.some((i) => i.name === a.integration));
  if (orphans.length > 0)
    integrations.push({
      name: `${bundle.name} data actions`,
      role: undefined,
      permissions: undefined,
      actions: orphans.map((a) => a.name),
    });
  const actionsOf = (name: string): LoadedAction[] =>
    bundle.actions.filter(
      (a) => a.integration === name || (name === `${bundle.name} data actions` && orphans.includes(a)),
    );

  const accesses: DesiredAccess[] = integrations.map((i) => {
    const actions = actionsOf(i.name);
    const lp = leastPrivilege(actions, i.permissions);
    warnings.push(...lp.warnings);
    const types = [...new Set(actions.map((a) => a.action.definition.integrationType))];
    if (types.length > 1)
      warnings.push(
        `integration "${i.name}" holds data actions of several integration types (${types.join(', ')}); it is created as ${types[0]}`,
      );
    const name = accessName(bundle.name, i.name);
    return {
      integration: i.name,
      name,
      description: tagged(
        `Least privilege for the data actions of integration "${i.name}", deployed by Switchboard.`,
        bundle.name,
      ),
      permissions: lp.permissions,
      reasons: lp.reasons,
      ...(actions.length === 0
        ? {}
        : { dataActions: { type: types[0]!, notes: tagged('Deployed by Switchboard.', bundle.name) } }),
    };
  });

  const actions: DesiredAction[] = bundle.actions.map((a) => {
    const def = a.action.definition;
    const integration = orphans.includes(a) ? `${bundle.name} data actions` : a.integration;
    return {
      name: a.name,
      integration,
      category: integration,
      secure: def.secure,
      config: actionConfig(def),
      contract: {
        input: { inputSchema: structuredClone(def.contract.input) },
        output: { successSchema: structuredClone(def.contract.output) },
      },
    };
  });

  const workflows = bundle.workflows.map((w) => desiredWorkflow(bundle, w, readText));

  const triggers: DesiredTrigger[] = bundle.triggers.map((t) => {
    const tr = t.trigger;
    return {
      name: tr.name,
      workflow: t.workflow,
      topicName: tr.topicName,
      enabled: tr.enabled,
      description: tagged(tr.description, bundle.name),
      matchCriteria: structuredClone(tr.matchCriteria ?? []),
      ...(tr.target.workflowTargetSettings?.dataFormat === undefined
        ? {}
        : { dataFormat: tr.target.workflowTargetSettings.dataFormat }),
      ...(tr.eventTTLSeconds === undefined ? {} : { eventTTLSeconds: tr.eventTTLSeconds }),
      ...(tr.delayBySeconds === undefined ? {} : { delayBySeconds: tr.delayBySeconds }),
    };
  });

  return { bundle: bundle.name, accesses, actions, workflows, triggers, warnings };
}
