/**
 * @module
 * Apply and destroy: the steps of a plan carried out through the Platform API, in order. A step
 * that fails stops the run with `SB_DEPLOY_STEP_FAILED` naming it and what was done before it;
 * everything made so far is tagged, so the next plan finds it and a re-run converges.
 */
import { SwitchboardError } from '../core/index.ts';
import type { Fetch } from '../core/index.ts';
import { GenesysApiError } from '../genesys/index.ts';
import type { GenesysClient } from '../genesys/index.ts';
import type { DesiredAccess, DesiredState } from './desired.ts';
import { DeployErrors } from './errors.ts';
import { homeDivision, runImportJob } from './architect-jobs.ts';
import { matchAccess, matchFlow } from './plan-objects.ts';
import type { Plan, PlanStep } from './plan-types.ts';
import type { OrgState } from './org-state.ts';

type Json = Record<string, unknown>;

/** What apply and destroy report as they go. */
export type Progress = (step: PlanStep, state: 'start' | 'done') => void;

/** Options of {@link applyPlan} and {@link destroyPlan}. */
export interface ApplyOptions {
  readonly client: GenesysClient;
  /** Sends the Architect job's file to its presigned URL (no token). */
  readonly upload: Fetch;
  readonly progress?: Progress;
  /** How long an Architect import job may run (default 5 minutes). */
  readonly jobTimeoutMs?: number;
  /** Waits between job polls (injected for tests; default a timer). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** What an apply did. */
export interface ApplyResult {
  readonly applied: readonly PlanStep[];
  /** The published workflow ids by name. */
  readonly workflows: Readonly<Record<string, string>>;
}

/** Role policies from `domain:entity:action` permissions. */
function policiesOf(permissions: readonly string[]): { domain: string; entityName: string; actionSet: string[] }[] {
  const byEntity = new Map<string, { domain: string; entityName: string; actionSet: string[] }>();
  for (const p of permissions) {
    const [domain, entityName, action] = p.split(':');
    if (!domain || !entityName || !action) continue;
    const key = `${domain}:${entityName}`;
    const entry = byEntity.get(key) ?? { domain, entityName, actionSet: [] };
    if (!entry.actionSet.includes(action)) entry.actionSet.push(action);
    byEntity.set(key, entry);
  }
  return [...byEntity.values()];
}

function failed(step: PlanStep, done: readonly PlanStep[], cause: unknown): SwitchboardError {
  const why =
    cause instanceof GenesysApiError
      ? `${cause.status} ${cause.body?.message ?? cause.message}`
      : cause instanceof Error
        ? cause.message
        : String(cause);
  return new SwitchboardError(
    DeployErrors.SB_DEPLOY_STEP_FAILED,
    `${step.op} ${step.kind} "${step.name}" failed after ${done.length} step${done.length === 1 ? '' : 's'} were applied: ${why}`,
    {
      details: {
        step: { op: step.op, kind: step.kind, name: step.name, ...(step.id ? { id: step.id } : {}) },
        applied: done.map((s) => `${s.op} ${s.kind} ${s.name}`),
      },
      ...(cause instanceof Error ? { cause } : {}),
    },
  );
}

/** The ids apply learns as it goes, starting from what the org holds. */
interface Ids {
  role: Map<string, string>;
  client: Map<string, string>;
  secret: Map<string, string>;
  credential: Map<string, string>;
  integration: Map<string, string>;
  flow: Map<string, string>;
}

function knownIds(desired: DesiredState, org: OrgState): Ids {
  const ids: Ids = {
    role: new Map(),
    client: new Map(),
    secret: new Map(),
    credential: new Map(),
    integration: new Map(),
    flow: new Map(),
  };
  for (const a of desired.accesses) {
    const m = matchAccess(a, desired.bundle, org);
    if (m.role) ids.role.set(a.integration, m.role.id);
    if (m.client) ids.client.set(a.integration, m.client.id);
    if (m.credential) ids.credential.set(a.integration, m.credential.id);
    if (m.integration) ids.integration.set(a.integration, m.integration.id);
  }
  for (const w of desired.workflows) {
    const f = matchFlow(w, org);
    if (f) ids.flow.set(w.name, f.id);
  }
  return ids;
}

function accessOf(desired: DesiredState, step: PlanStep): DesiredAccess {
  const a = desired.accesses.find((x) => x.integration === step.integration);
  if (!a)
    throw new SwitchboardError(
      DeployErrors.SB_DEPLOY_STEP_FAILED,
      `a plan step must belong to an integration of the bundle; "${String(step.integration)}" is not one`,
      { details: { step: step.name } },
    );
  return a;
}

async function applyStep(
  o: ApplyOptions,
  desired: DesiredState,
  org: OrgState,
  ids: Ids,
  step: PlanStep,
  division: string | undefined,
): Promise<void> {
  const c = o.client;
  const enc = encodeURIComponent;
  if (step.op === 'delete') return deleteStep(c, step);
  switch (step.kind) {
    case 'role': {
      const a = accessOf(desired, step);
      const body = { name: a.name, description: a.description, permissionPolicies: policiesOf(a.permissions) };
      const role =
        step.op === 'create'
          ? await c.post<Json>('/api/v2/authorization/roles', body)
          : await c.put<Json>(`/api/v2/authorization/roles/${enc(step.id!)}`, body);
      ids.role.set(a.integration, String(role.id));
      return;
    }
    case 'oauth-client': {
      const a = accessOf(desired, step);
      const roleId = ids.role.get(a.integration)!;
      const body = {
        name: a.name,
        description: a.description,
        authorizedGrantType: 'CLIENT-CREDENTIALS',
        roleIds: [roleId],
        ...(division ? { roleDivisions: [{ roleId, divisionId: division }] } : {}),
      };
      if (step.op === 'create') {
        const created = await c.post<Json>('/api/v2/oauth/clients', body);
        ids.client.set(a.integration, String(created.id));
        if (typeof created.secret === 'string') ids.secret.set(a.integration, created.secret);
      } else {
        await c.put<Json>(`/api/v2/oauth/clients/${enc(step.id!)}`, body);
      }
      return;
    }
    case 'credential': {
      const a = accessOf(desired, step);
      const clientId = ids.client.get(a.integration)!;
      let secret = ids.secret.get(a.integration);
      if (secret === undefined) {
        // The org shows a client's secret only when it is made: a new one is issued for the credential.
        const again = await c.post<Json>(`/api/v2/oauth/clients/${enc(clientId)}/secret`);
        secret = String(again.secret ?? '');
        ids.secret.set(a.integration, secret);
      }
      const body = {
        name: a.name,
        type: { name: 'pureCloudOAuthClient' },
        credentialFields: { clientId, clientSecret: secret },
      };
      const cred =
        step.op === 'create'
          ? await c.post<Json>('/api/v2/integrations/credentials', body)
          : await c.put<Json>(`/api/v2/integrations/credentials/${enc(step.id!)}`, body);
      ids.credential.set(a.integration, String(cred.id ?? step.id));
      return;
    }
    case 'integration': {
      const a = accessOf(desired, step);
      let id = step.id;
      if (step.op === 'create') {
        const created = await c.post<Json>('/api/v2/integrations', {
          name: a.integration,
          integrationType: { id: a.dataActions!.type },
          intendedState: 'DISABLED',
        });
        id = String(created.id);
        ids.integration.set(a.integration, id);
      }
      const current = await c.get<Json>(`/api/v2/integrations/${enc(id!)}/config/current`);
      await c.put(`/api/v2/integrations/${enc(id!)}/config/current`, {
        name: a.integration,
        version: typeof current.version === 'number' ? current.version : 1,
        notes: a.dataActions!.notes,
        properties: {},
        advanced: {},
        credentials: { pureCloudOAuthClient: { id: ids.credential.get(a.integration)! } },
      });
      await c.patch(`/api/v2/integrations/${enc(id!)}`, { intendedState: 'ENABLED' });
      return;
    }
    case 'data-action': {
      const action = desired.actions.find((x) => x.name === step.name && x.integration === step.integration)!;
      const integrationId = ids.integration.get(action.integration)!;
      const body = {
        name: action.name,
        category: action.category,
        integrationId,
        secure: action.secure,
        config: action.config,
        contract: action.contract,
      };
      let draft: Json;
      if (step.op === 'create') draft = await c.post<Json>('/api/v2/integrations/actions/drafts', body);
      else {
        const id = enc(step.id!);
        try {
          draft = await c.get<Json>(`/api/v2/integrations/actions/${id}/draft`);
        } catch (e) {
          if (!(e instanceof GenesysApiError && e.status === 404)) throw e;
          draft = await c.post<Json>(`/api/v2/integrations/actions/${id}/draft`);
        }
        draft = await c.patch<Json>(`/api/v2/integrations/actions/${id}/draft`, { ...body, version: draft.version });
      }
      await c.post(`/api/v2/integrations/actions/${enc(String(draft.id))}/draft/publish`, { version: draft.version });
      return;
    }
    case 'workflow': {
      const w = desired.workflows.find((x) => x.name === step.name)!;
      const flowId = await runImportJob(o, w.content, w.name);
      ids.flow.set(w.name, flowId);
      return;
    }
    case 'trigger': {
      const t = desired.triggers.find((x) => x.name === step.name)!;
      const flowId = ids.flow.get(t.workflow);
      if (!flowId)
        throw new SwitchboardError(
          DeployErrors.SB_DEPLOY_STEP_FAILED,
          `a trigger targets a published workflow; "${t.workflow}" was not published`,
          { details: { trigger: t.name, workflow: t.workflow } },
        );
      const body = {
        name: t.name,
        topicName: t.topicName,
        enabled: t.enabled,
        description: t.description,
        matchCriteria: t.matchCriteria,
        target: {
          id: flowId,
          type: 'Workflow',
          ...(t.dataFormat ? { workflowTargetSettings: { dataFormat: t.dataFormat } } : {}),
        },
        ...(t.eventTTLSeconds === undefined ? {} : { eventTTLSeconds: t.eventTTLSeconds }),
        ...(t.delayBySeconds === undefined ? {} : { delayBySeconds: t.delayBySeconds }),
      };
      const existing = step.op === 'update' ? org.triggers.find((x) => x.id === step.id) : undefined;
      if (existing && existing.topicName === t.topicName) {
        const now = await c.get<Json>(`/api/v2/processautomation/triggers/${enc(existing.id)}`);
        await c.put(`/api/v2/processautomation/triggers/${enc(existing.id)}`, { ...body, version: now.version });
        return;
      }
      // A trigger's topic cannot change: Genesys requires a new trigger.
      if (existing) await c.delete(`/api/v2/processautomation/triggers/${enc(existing.id)}`);
      await c.post('/api/v2/processautomation/triggers', body);
      return;
    }
  }
}

const DELETE_PATHS: Record<PlanStep['kind'], string> = {
  role: '/api/v2/authorization/roles/',
  'oauth-client': '/api/v2/oauth/clients/',
  credential: '/api/v2/integrations/credentials/',
  integration: '/api/v2/integrations/',
  'data-action': '/api/v2/integrations/actions/',
  workflow: '/api/v2/flows/',
  trigger: '/api/v2/processautomation/triggers/',
};

async function deleteStep(c: GenesysClient, step: PlanStep): Promise<void> {
  try {
    await c.delete(`${DELETE_PATHS[step.kind]}${encodeURIComponent(step.id!)}`);
  } catch (e) {
    // Already gone (a re-run after a failure in the middle): the goal is reached.
    if (e instanceof GenesysApiError && e.status === 404) return;
    throw e;
  }
}

function refuse(plan: Plan): void {
  if (plan.conflicts.length > 0) {
    throw new SwitchboardError(
      DeployErrors.SB_DEPLOY_CONFLICT,
      `deploy changes only what it made; ${plan.conflicts.map((x) => x.why).join('; ')}`,
      { details: { conflicts: plan.conflicts } },
    );
  }
  if (plan.missing.length > 0) {
    throw new SwitchboardError(
      DeployErrors.SB_DEPLOY_PERMISSION_MISSING,
      `the deploying client must hold every permission the plan needs; it lacks ${plan.missing.join(', ')}`,
      { details: { missing: plan.missing, needs: plan.needs } },
    );
  }
}

/**
 * Carry out an apply plan. Refuses before any change when the plan has a conflict or the client
 * lacks a permission.
 * @example
 * await applyPlan(plan, desired, org, { client, upload: fetch });
 */
export async function applyPlan(
  plan: Plan,
  desired: DesiredState,
  org: OrgState,
  o: ApplyOptions,
): Promise<ApplyResult> {
  refuse(plan);
  const ids = knownIds(desired, org);
  const division = plan.steps.some((s) => s.kind === 'oauth-client' && s.op !== 'keep')
    ? await homeDivision(o.client)
    : undefined;
  const applied: PlanStep[] = [];
  for (const step of plan.steps) {
    if (step.op === 'keep') continue;
    o.progress?.(step, 'start');
    try {
      await applyStep(o, desired, org, ids, step, division);
    } catch (e) {
      if (e instanceof SwitchboardError && e.code === DeployErrors.SB_DEPLOY_JOB_FAILED) throw e;
      throw failed(step, applied, e);
    }
    applied.push(step);
    o.progress?.(step, 'done');
  }
  return { applied, workflows: Object.fromEntries(ids.flow) };
}

/**
 * Carry out a destroy plan: every object the bundle deployed is deleted, newest kind first.
 * @example
 * await destroyPlan(planDestroy('presence-tag', org), { client, upload: fetch });
 */
export async function destroyPlan(plan: Plan, o: ApplyOptions): Promise<ApplyResult> {
  refuse(plan);
  const applied: PlanStep[] = [];
  for (const step of plan.steps) {
    o.progress?.(step, 'start');
    try {
      await deleteStep(o.client, step);
    } catch (e) {
      throw failed(step, applied, e);
    }
    applied.push(step);
    o.progress?.(step, 'done');
  }
  return { applied, workflows: {} };
}
