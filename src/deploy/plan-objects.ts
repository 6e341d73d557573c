/**
 * @module
 * Each object of a bundle matched with the org's (by name and the bundle's tag) and compared:
 * roles, clients, credentials and integrations, data actions, workflows, triggers. Pure.
 */
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
import type { PlanConflict, PlanStep } from './plan-types.ts';

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

/** Whether two lists hold the same strings. */
export const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
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

/** What differs between a trigger of the bundle and the org's. */
export function triggerDiff(want: DesiredTrigger, have: OrgTrigger, flowId: string | undefined): string[] {
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

/** The step of a workflow of the bundle; a same-named flow not the bundle's is a conflict. */
export function workflowStep(
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

/** The steps of the data actions of one of the bundle's integrations (`orgIntegration` the org's, when it has it). */
export function dataActionSteps(
  desired: DesiredState,
  integration: string,
  orgIntegration: OrgIntegration | undefined,
  org: OrgState,
): PlanStep[] {
  const out: PlanStep[] = [];
  for (const action of desired.actions.filter((a) => a.integration === integration)) {
    const have = matchAction(action, orgIntegration, org);
    if (!have) {
      const draft = orgIntegration
        ? org.drafts.find((d) => d.integrationId === orgIntegration.id && d.name === action.name)
        : undefined;
      out.push(
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
    out.push(
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
  if (orgIntegration) {
    for (const a of org.actions.filter(
      (x) =>
        x.integrationId === orgIntegration.id &&
        !desired.actions.some((d) => d.integration === integration && d.name === x.name),
    )) {
      out.push({
        op: 'delete',
        kind: 'data-action',
        name: a.name,
        id: a.id,
        integration,
        why: 'no longer in the bundle',
      });
    }
  }
  return out;
}
