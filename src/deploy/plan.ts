/**
 * @module
 * The plan: what apply or destroy would change in an org, object by object, and why. An object
 * is the bundle's when it carries the bundle's tag (label.ts); an object of the same name that is
 * not is a conflict, and deploy changes nothing while one remains. Pure.
 */
import { covers } from '../blueprints/index.ts';
import type { DesiredState } from './desired.ts';
import { ownedBy, readTag } from './label.ts';
import { dataActionSteps, matchAccess, matchFlow, sameSet, triggerDiff, workflowStep } from './plan-objects.ts';
import { KINDS } from './plan-types.ts';
import type { Plan, PlanConflict, PlanKind, PlanOp, PlanStep } from './plan-types.ts';
import type { OrgState } from './org-state.ts';

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

    for (const step of dataActionSteps(desired, integration, m.integration, org)) add(step);
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
