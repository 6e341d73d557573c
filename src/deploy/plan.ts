/**
 * @module
 * The plan: what apply or destroy would change in an org, object by object, and why. An object
 * is the bundle's when it carries the bundle's tag (label.ts); an object of the same name that is
 * not is a conflict, and deploy changes nothing while one remains. Pure.
 */
import { covers } from '../blueprints/index.ts';
import type { DesiredAccess, DesiredAction, DesiredState, DesiredTrigger, DesiredWorkflow } from './desired.ts';
import { ownedBy, readTag } from './label.ts';
import type {
  OrgAction,
  OrgClient,
  OrgCredential,
  OrgIntegration,
  OrgRole,
  OrgState,
  OrgTrigger,
} from './org-state.ts';

/** The kinds of object deploy manages, in the order apply creates them. */
const KINDS = ['role', 'oauth-client', 'credential', 'integration', 'data-action', 'workflow', 'trigger'] as const;
/** A kind of object deploy manages. */
type PlanKind = (typeof KINDS)[number];
/** What a step does. */
type PlanOp = 'create' | 'update' | 'delete' | 'keep';

/** One object of the plan. */
export interface PlanStep {
  readonly op: PlanOp;
  readonly kind: PlanKind;
  readonly name: string;
  /** The object's id in the org (absent for a create). */
  readonly id?: string;
  /** Why the step is there: what differs, or what the object is for. */
  readonly why: string;
  /** The bundle integration the object belongs to (roles, clients, credentials, integrations, data actions). */
  readonly integration?: string;
}

/** An object in the way: same name, not deployed by this bundle. */
interface PlanConflict {
  readonly kind: PlanKind;
  readonly name: string;
  readonly id: string;
  readonly why: string;
}

/** What apply or destroy would do. */
export interface Plan {
  readonly bundle: string;
  readonly mode: 'apply' | 'destroy';
  readonly steps: readonly PlanStep[];
  readonly conflicts: readonly PlanConflict[];
  /** The permissions the deploying client needs for the changes of the plan. */
  readonly needs: readonly string[];
  /** The ones of `needs` it lacks (empty when its grants are not known). */
  readonly missing: readonly string[];
  readonly warnings: readonly string[];
}

/** The permission each change of each kind needs in Genesys Cloud. */
const CHANGE_PERMISSIONS: Record<PlanKind, Record<Exclude<PlanOp, 'keep'>, readonly string[]>> = {
  role: {
    create: ['authorization:role:add'],
    update: ['authorization:role:edit'],
    delete: ['authorization:role:delete'],
  },
  'oauth-client': { create: ['oauth:client:add'], update: ['oauth:client:edit'], delete: ['oauth:client:delete'] },
  credential: {
    create: ['integrations:credential:add'],
    update: ['integrations:credential:edit'],
    delete: ['integrations:credential:delete'],
  },
  integration: {
    create: ['integrations:integration:add', 'integrations:integration:edit'],
    update: ['integrations:integration:edit'],
    delete: ['integrations:integration:delete'],
  },
  'data-action': {
    create: ['integrations:action:add', 'integrations:action:edit'],
    update: ['integrations:action:add', 'integrations:action:edit'],
    delete: ['integrations:action:delete'],
  },
  workflow: {
    create: ['architect:job:create', 'architect:job:view'],
    update: ['architect:job:create', 'architect:job:view'],
    delete: ['architect:flow:delete'],
  },
  trigger: {
    create: ['processautomation:trigger:add'],
    update: ['processautomation:trigger:edit'],
    delete: ['processautomation:trigger:delete'],
  },
};

/** Whether two JSON values are equal, objects compared key by key regardless of order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
    return (
      ka.length === kb.length &&
      ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return false;
}

/** Whether every key of `want` is in `have` with the same value (what the org adds of its own is ignored). */
function within(want: unknown, have: unknown): boolean {
  if (want && typeof want === 'object' && !Array.isArray(want)) {
    if (!have || typeof have !== 'object' || Array.isArray(have)) return false;
    return Object.entries(want).every(([k, v]) => v === undefined || within(v, (have as Record<string, unknown>)[k]));
  }
  return sameJson(want, have);
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));

/** The org's objects that are this bundle's, and the same-named ones in the way. */
export interface Matched {
  readonly role?: OrgRole;
  readonly client?: OrgClient;
  readonly credential?: OrgCredential;
  readonly integration?: OrgIntegration;
}

/** The org's role, client, credential and integration of one of the bundle's integrations. */
export function matchAccess(access: DesiredAccess, bundle: string, org: OrgState): Matched {
  const role = org.roles.find((r) => r.name === access.name && ownedBy(r.description, bundle));
  const client = org.clients.find((c) => c.name === access.name && ownedBy(c.description, bundle));
  const credential = org.credentials.find((c) => c.name === access.name);
  const integration = access.dataActions
    ? org.integrations.find((i) => i.name === access.integration && ownedBy(i.notes, bundle))
    : undefined;
  return {
    ...(role ? { role } : {}),
    ...(client ? { client } : {}),
    ...(credential ? { credential } : {}),
    ...(integration ? { integration } : {}),
  };
}

/** The org's data action of the bundle (on its integration, by name). */
function matchAction(
  action: DesiredAction,
  integration: OrgIntegration | undefined,
  org: OrgState,
): OrgAction | undefined {
  return integration
    ? org.actions.find((a) => a.integrationId === integration.id && a.name === action.name)
    : undefined;
}

function actionDiff(want: DesiredAction, have: OrgAction): string[] {
  const out: string[] = [];
  if (have.category !== want.category)
    out.push(`category ${JSON.stringify(have.category)} → ${JSON.stringify(want.category)}`);
  if (have.secure !== want.secure) out.push(`secure ${have.secure} → ${want.secure}`);
  if (!within(want.config, have.config)) out.push('its request or response configuration differs');
  if (!within(want.contract, have.contract)) out.push('its contract differs');
  return out;
}

function triggerDiff(want: DesiredTrigger, have: OrgTrigger, flowId: string | undefined): string[] {
  const out: string[] = [];
  if (have.topicName !== want.topicName) out.push(`topic ${have.topicName} → ${want.topicName}`);
  if (have.enabled !== want.enabled) out.push(`enabled ${have.enabled} → ${want.enabled}`);
  if ((have.description ?? '') !== want.description) out.push('description');
  if (!sameJson(have.matchCriteria, want.matchCriteria)) out.push('match criteria');
  if ((have.dataFormat ?? 'Json') !== (want.dataFormat ?? 'Json'))
    out.push(`data format ${have.dataFormat ?? 'Json'} → ${want.dataFormat ?? 'Json'}`);
  if (have.eventTTLSeconds !== want.eventTTLSeconds) out.push('event TTL');
  if (have.delayBySeconds !== want.delayBySeconds) out.push('delay');
  if (flowId === undefined || have.targetId !== flowId)
    out.push(`target: workflow "${want.workflow}"${flowId === undefined ? ' (published by this apply)' : ''}`);
  return out;
}

/** The flow a workflow of the bundle is published as (same name, type WORKFLOW). */
export function matchFlow(w: { name: string }, org: OrgState): OrgState['flows'][number] | undefined {
  return org.flows.find((f) => f.type === 'WORKFLOW' && f.name === w.name);
}

function workflowStep(
  w: DesiredWorkflow,
  bundle: string,
  org: OrgState,
  conflicts: PlanConflict[],
): PlanStep | undefined {
  const flow = matchFlow(w, org);
  if (!flow)
    return { op: 'create', kind: 'workflow', name: w.name, why: `publish ${w.file} through an Architect import job` };
  const tag = readTag(flow.description);
  if (tag?.bundle !== bundle) {
    conflicts.push({
      kind: 'workflow',
      name: w.name,
      id: flow.id,
      why: `a workflow named "${w.name}" exists and was not deployed by bundle "${bundle}"`,
    });
    return undefined;
  }
  if (tag.hash !== w.hash || flow.version === undefined)
    return {
      op: 'update',
      kind: 'workflow',
      name: w.name,
      id: flow.id,
      why:
        flow.version === undefined
          ? 'it is not published'
          : `${w.file} changed since it was published (sha256 ${tag.hash ?? 'none'} → ${w.hash})`,
    };
  return { op: 'keep', kind: 'workflow', name: w.name, id: flow.id, why: `published from this ${w.file}` };
}

/**
 * The plan of an apply: every object of `desired` created, updated or kept, every object of the
 * bundle the org holds but `desired` no longer has deleted. `granted` is the deploying client's
 * permissions, when known.
 * @example
 * const plan = planApply(desired, await readOrg(client, …), ['*']);
 */
export function planApply(desired: DesiredState, org: OrgState, granted?: readonly string[]): Plan {
  const bundle = desired.bundle;
  const steps: PlanStep[] = [];
  const conflicts: PlanConflict[] = [];
  const byKind: Record<PlanKind, PlanStep[]> = {
    role: [],
    'oauth-client': [],
    credential: [],
    integration: [],
    'data-action': [],
    workflow: [],
    trigger: [],
  };
  const add = (s: PlanStep): void => void byKind[s.kind].push(s);

  for (const access of desired.accesses) {
    const m = matchAccess(access, bundle, org);
    const integration = access.integration;
    const sameNameRole = org.roles.find((r) => r.name === access.name && !ownedBy(r.description, bundle));
    const sameNameClient = org.clients.find((c) => c.name === access.name && !ownedBy(c.description, bundle));
    if (sameNameRole)
      conflicts.push({
        kind: 'role',
        name: access.name,
        id: sameNameRole.id,
        why: `a role named "${access.name}" exists and was not deployed by bundle "${bundle}"`,
      });
    if (sameNameClient)
      conflicts.push({
        kind: 'oauth-client',
        name: access.name,
        id: sameNameClient.id,
        why: `an OAuth client named "${access.name}" exists and was not deployed by bundle "${bundle}"`,
      });

    const perms = access.permissions.length === 0 ? 'no permission' : access.permissions.join(', ');
    if (!m.role) add({ op: 'create', kind: 'role', name: access.name, integration, why: `least privilege: ${perms}` });
    else if (!sameSet(m.role.permissions, access.permissions))
      add({
        op: 'update',
        kind: 'role',
        name: access.name,
        id: m.role.id,
        integration,
        why: `permissions ${m.role.permissions.join(', ') || 'none'} → ${perms}`,
      });
    else add({ op: 'keep', kind: 'role', name: access.name, id: m.role.id, integration, why: perms });

    if (!m.client)
      add({
        op: 'create',
        kind: 'oauth-client',
        name: access.name,
        integration,
        why: 'client credentials holding the role',
      });
    else if (!m.role || !m.client.roleIds.includes(m.role.id))
      add({
        op: 'update',
        kind: 'oauth-client',
        name: access.name,
        id: m.client.id,
        integration,
        why: 'it does not hold the role',
      });
    else
      add({ op: 'keep', kind: 'oauth-client', name: access.name, id: m.client.id, integration, why: 'holds the role' });

    if (!access.dataActions) continue;
    if (!m.credential)
      add({
        op: 'create',
        kind: 'credential',
        name: access.name,
        integration,
        why: "the OAuth client's credentials, for the integration",
      });
    else if (!m.client || (m.credential.clientId !== undefined && m.credential.clientId !== m.client.id))
      add({
        op: 'update',
        kind: 'credential',
        name: access.name,
        id: m.credential.id,
        integration,
        why: 'it names another OAuth client',
      });
    else
      add({
        op: 'keep',
        kind: 'credential',
        name: access.name,
        id: m.credential.id,
        integration,
        why: 'names the OAuth client',
      });

    if (!m.integration)
      add({
        op: 'create',
        kind: 'integration',
        name: integration,
        integration,
        why: `${access.dataActions.type} integration running the data actions as the client`,
      });
    else {
      const diff: string[] = [];
      if (!m.credential || m.integration.credentialId !== m.credential.id) diff.push('credential');
      if (!m.integration.enabled) diff.push('not enabled');
      if (m.integration.type !== access.dataActions.type)
        diff.push(
          `type ${m.integration.type} (wanted ${access.dataActions.type}; kept: an integration's type cannot change)`,
        );
      add(
        diff.filter((d) => !d.startsWith('type')).length > 0
          ? {
              op: 'update',
              kind: 'integration',
              name: integration,
              id: m.integration.id,
              integration,
              why: diff.join(', '),
            }
          : {
              op: 'keep',
              kind: 'integration',
              name: integration,
              id: m.integration.id,
              integration,
              why: diff.length > 0 ? diff.join(', ') : 'enabled, with the credential',
            },
      );
    }

    for (const action of desired.actions.filter((a) => a.integration === integration)) {
      const have = matchAction(action, m.integration, org);
      if (!have) {
        const draft = m.integration
          ? org.drafts.find((d) => d.integrationId === m.integration!.id && d.name === action.name)
          : undefined;
        add(
          draft
            ? {
                op: 'update',
                kind: 'data-action',
                name: action.name,
                id: draft.id,
                integration,
                why: 'a draft was left unpublished; it is replaced and published',
              }
            : {
                op: 'create',
                kind: 'data-action',
                name: action.name,
                integration,
                why: `draft and publish on "${integration}"`,
              },
        );
        continue;
      }
      const diff = actionDiff(action, have);
      add(
        diff.length > 0
          ? { op: 'update', kind: 'data-action', name: action.name, id: have.id, integration, why: diff.join('; ') }
          : {
              op: 'keep',
              kind: 'data-action',
              name: action.name,
              id: have.id,
              integration,
              why: `published version ${have.version}`,
            },
      );
    }
    if (m.integration) {
      for (const a of org.actions.filter(
        (x) =>
          x.integrationId === m.integration!.id &&
          !desired.actions.some((d) => d.integration === integration && d.name === x.name),
      )) {
        add({ op: 'delete', kind: 'data-action', name: a.name, id: a.id, integration, why: 'no longer in the bundle' });
      }
    }
  }

  for (const w of desired.workflows) {
    const s = workflowStep(w, bundle, org, conflicts);
    if (s) add(s);
  }
  for (const t of desired.triggers) {
    const mine = org.triggers.find((x) => x.name === t.name && ownedBy(x.description, bundle));
    const other = org.triggers.find((x) => x.name === t.name && !ownedBy(x.description, bundle));
    if (other && !mine) {
      conflicts.push({
        kind: 'trigger',
        name: t.name,
        id: other.id,
        why: `a trigger named "${t.name}" exists and was not deployed by bundle "${bundle}"`,
      });
      continue;
    }
    const flow = matchFlow({ name: t.workflow }, org);
    const wf = byKind.workflow.find((s) => s.name === t.workflow);
    const flowId = wf && wf.op !== 'keep' && wf.op !== 'update' ? undefined : flow?.id;
    if (!mine)
      add({ op: 'create', kind: 'trigger', name: t.name, why: `${t.topicName} starts workflow "${t.workflow}"` });
    else {
      const diff = triggerDiff(t, mine, flowId);
      add(
        diff.length > 0
          ? { op: 'update', kind: 'trigger', name: t.name, id: mine.id, why: diff.join(', ') }
          : { op: 'keep', kind: 'trigger', name: t.name, id: mine.id, why: `starts workflow "${t.workflow}"` },
      );
    }
  }

  // What the bundle deployed before and no longer has.
  const deletes = ownedLeftovers(desired, bundle, org);
  const ordered = [
    ...KINDS.flatMap((k) => byKind[k].filter((s) => s.op !== 'delete')),
    ...[...KINDS]
      .reverse()
      .flatMap((k) => [...byKind[k].filter((s) => s.op === 'delete'), ...deletes.filter((d) => d.kind === k)]),
  ];
  steps.push(...ordered);
  return finish(bundle, 'apply', steps, conflicts, desired.warnings, granted);
}

function ownedLeftovers(desired: DesiredState, bundle: string, org: OrgState): PlanStep[] {
  const names = new Set(desired.accesses.map((a) => a.name));
  const integrations = new Set(desired.accesses.filter((a) => a.dataActions).map((a) => a.integration));
  const out: PlanStep[] = [];
  const gone = 'no longer in the bundle';
  for (const t of org.triggers)
    if (ownedBy(t.description, bundle) && !desired.triggers.some((d) => d.name === t.name))
      out.push({ op: 'delete', kind: 'trigger', name: t.name, id: t.id, why: gone });
  for (const f of org.flows)
    if (
      f.type === 'WORKFLOW' &&
      readTag(f.description)?.bundle === bundle &&
      !desired.workflows.some((w) => w.name === f.name)
    )
      out.push({ op: 'delete', kind: 'workflow', name: f.name, id: f.id, why: gone });
  for (const i of org.integrations) {
    if (!ownedBy(i.notes, bundle) || integrations.has(i.name)) continue;
    for (const a of org.actions.filter((x) => x.integrationId === i.id))
      out.push({ op: 'delete', kind: 'data-action', name: a.name, id: a.id, integration: i.name, why: gone });
    out.push({ op: 'delete', kind: 'integration', name: i.name, id: i.id, integration: i.name, why: gone });
  }
  const prefix = `Switchboard ${bundle} / `;
  for (const c of org.credentials)
    if (c.name.startsWith(prefix) && !names.has(c.name))
      out.push({ op: 'delete', kind: 'credential', name: c.name, id: c.id, why: gone });
  for (const c of org.clients)
    if (ownedBy(c.description, bundle) && !names.has(c.name))
      out.push({ op: 'delete', kind: 'oauth-client', name: c.name, id: c.id, why: gone });
  for (const r of org.roles)
    if (ownedBy(r.description, bundle) && !names.has(r.name))
      out.push({ op: 'delete', kind: 'role', name: r.name, id: r.id, why: gone });
  return out;
}

/**
 * The plan of a destroy: every object the bundle deployed, deleted in the reverse order of
 * creation. Objects it did not deploy are not touched.
 * @example
 * const plan = planDestroy('presence-tag', org, ['*']);
 */
export function planDestroy(bundle: string, org: OrgState, granted?: readonly string[]): Plan {
  const empty: DesiredState = { bundle, accesses: [], actions: [], workflows: [], triggers: [], warnings: [] };
  const steps = ownedLeftovers(empty, bundle, org).map((s) => ({ ...s, why: `deployed by bundle "${bundle}"` }));
  const order = [...KINDS].reverse();
  steps.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return finish(bundle, 'destroy', steps, [], [], granted);
}

function finish(
  bundle: string,
  mode: Plan['mode'],
  steps: PlanStep[],
  conflicts: PlanConflict[],
  warnings: readonly string[],
  granted: readonly string[] | undefined,
): Plan {
  const needs = [...new Set(steps.flatMap((s) => (s.op === 'keep' ? [] : CHANGE_PERMISSIONS[s.kind][s.op])))].sort();
  const missing = granted === undefined ? [] : needs.filter((p) => !granted.some((g) => covers(g, p)));
  return { bundle, mode, steps, conflicts, needs, missing, warnings: [...warnings] };
}

/** Whether a plan changes anything. */
export function changes(plan: Plan): number {
  return plan.steps.filter((s) => s.op !== 'keep').length;
}
