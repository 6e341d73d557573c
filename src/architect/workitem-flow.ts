/**
 * @module
 * Workitem flows: the `Workitem.` built-ins a run starts with, and the actions on the workitem
 * (Disconnect Workitem, Terminate Workitem, Transfer to ACD, Transfer to User, Update Workitem), each one Task Management API request
 * through `FlowStepTools.genesys` under its step id (docs/architect-semantics.md, "Workitem flows").
 */
import { isPlainObject } from '../core/index.ts';
import { isArchObject } from './data-types.ts';
import { ArchitectErrors } from './errors.ts';
import { valueTypeName } from './expr/values.ts';
import type { ArchType, Flow, ValueSource, VariableDecl, WorkitemAction } from './model.ts';
import { findInPage, matchInPage, lookupRequest } from './platform-actions.ts';
import type { GenesysRequest, GenesysResponse } from './platform-actions.ts';
import { MAX_PAGES, platformClient } from './platform-run.ts';
import { idOf, updateBody } from './workitem-update.ts';
import type { PlatformRunContext } from './platform-run.ts';

const builtin = (name: string, type: ArchType): VariableDecl => ({
  name,
  type,
  isInput: true,
  isOutput: false,
  initial: null,
});

/**
 * The built-ins of a workitem flow: the workitem the flow runs for, why it runs (`workitemCreated`,
 * `workitemStatusChanged`…) and the event's data (`{ rule: { name } }`: the worktype rule that
 * launched it). The Task Management service sets them when it launches the flow.
 */
const WORKITEM_BUILTINS: readonly VariableDecl[] = [
  builtin('Workitem.Workitem', { base: 'Workitem', collection: false }),
  builtin('Workitem.EventType', { base: 'String', collection: false }),
  builtin('Workitem.EventData', { base: 'WorkitemEventData', collection: false }),
];

/** The built-in variables of a flow of this type (none but a workitem flow's). */
export function builtinsOf(flow: Pick<Flow, 'type'>): readonly VariableDecl[] {
  return flow.type === 'workitem' ? WORKITEM_BUILTINS : [];
}

/** The Architect name of each operation, for messages. */
const LABELS: Readonly<Record<WorkitemAction['operation'], string>> = {
  disconnect: 'Disconnect Workitem',
  terminate: 'Terminate Workitem',
  transferToAcd: 'Transfer to ACD',
  transferToUser: 'Transfer to User',
  update: 'Update Workitem',
};

const enc = encodeURIComponent;

/** Why the action failed, as its Failure path's outputs: the answer's code and message [INFERRED]. */
function failureOf(res: GenesysResponse, request: GenesysRequest): { errorType: string; errorMessage: string } {
  const body = isPlainObject(res.body) ? res.body : {};
  return {
    errorType: typeof body.code === 'string' ? body.code : `http.${res.status}`,
    errorMessage:
      typeof body.message === 'string'
        ? body.message
        : `${request.method} ${request.path.split('?')[0]} answered ${res.status}`,
  };
}

type Call = (stepId: string, request: GenesysRequest) => Promise<GenesysResponse>;

/**
 * Run a workitem action on the flow's workitem (`Workitem.Workitem`). An answer other than 2xx takes
 * the Failure path with its error type and message; no workitem takes it too (`workitem.not.set`
 * [INFERRED]), as does a queue or a user that is not found.
 */
export async function runWorkitemAction(
  ctx: PlatformRunContext,
  action: WorkitemAction,
  stepId: string,
): Promise<{ outcome: 'success' | 'failure'; detail: Record<string, unknown> }> {
  const label = LABELS[action.operation];
  const failed = (errorType: string, errorMessage: string) => {
    if (action.errorType) ctx.assign(action.errorType, errorType, action, `the error type of ${label}`);
    if (action.errorMessage) ctx.assign(action.errorMessage, errorMessage, action, `the error message of ${label}`);
    return { outcome: 'failure' as const, detail: { errorType, errorMessage } };
  };
  const workitemId = idOf(ctx.value({ kind: 'expression', text: 'Workitem.Workitem' }, action));
  if (!workitemId)
    return failed('workitem.not.set', `${label}: the flow has no workitem (Workitem.Workitem is NOT_SET)`);
  const call = platformClient(ctx, action, label);
  const base = `/api/v2/taskmanagement/workitems/${enc(workitemId)}`;
  let request: GenesysRequest;
  if (action.operation === 'disconnect') request = { method: 'POST', path: `${base}/disconnect` };
  else if (action.operation === 'update') {
    const assigned = (action.statements ?? []).map((s) => [s.variable, ctx.value(s.value, action)] as const);
    const body = updateBody(assigned);
    if (!body.ok) ctx.fail(ArchitectErrors.SB_ARCHITECT_EXPR_TYPE, `${label}: ${body.reason}`, action);
    request = { method: 'PATCH', path: base, body: body.body };
  } else if (action.operation === 'terminate') {
    const statusId = action.status ? idOf(ctx.value(action.status, action)) : undefined;
    request = { method: 'POST', path: `${base}/terminate`, body: statusId ? { statusId } : {} };
  } else if (action.operation === 'transferToUser') {
    const user = await userIdOf(ctx, action, stepId, call);
    if ('errorType' in user) return failed(user.errorType, user.errorMessage);
    // [INFERRED] Genesys does not document the request: the Platform API's manual assignment
    // (`patchTaskmanagementWorkitemAssignment`, body `WorkitemManualAssign` `{ id }`), which
    // answers no workitem.
    request = { method: 'PATCH', path: `${base}/assignment`, body: { id: user.id } };
  } else {
    const queue = await queueIdOf(ctx, action, stepId, call);
    if (!queue.id) return failed('queue.not.found', `${label}: no queue named "${queue.name ?? ''}"`);
    request = { method: 'PATCH', path: base, body: { queueId: queue.id, ...routingOf(ctx, action) } };
  }
  const res = await call(stepId, request);
  if (res.status < 200 || res.status > 299) {
    const f = failureOf(res, request);
    return failed(f.errorType, f.errorMessage);
  }
  // The flow reads the workitem as it now is (its status named, as the launch gave it) [INFERRED].
  if (action.operation === 'update') {
    const read = await call(`${stepId}@read`, { method: 'GET', path: `${base}?expands=status,type,queue,assignee` });
    if (read.status >= 200 && read.status < 300)
      ctx.assign('Workitem.Workitem', read.body, action, `the workitem after ${label}`);
  }
  return { outcome: 'success', detail: { workitemId, request: `${request.method} ${request.path}` } };
}

/** The queue of a Transfer to ACD: a Queue value's id, or the queue a name finds (Find Queue's request). */
async function queueIdOf(
  ctx: PlatformRunContext,
  action: WorkitemAction,
  stepId: string,
  call: Call,
): Promise<{ id?: string; name?: string }> {
  const v = action.queue ? ctx.value(action.queue, action) : null;
  if (isArchObject(v)) return typeof v.id === 'string' ? { id: v.id } : {};
  if (v === null) return {};
  if (typeof v !== 'string')
    ctx.fail(ArchitectErrors.SB_ARCHITECT_EXPR_TYPE, `the queue must be a Queue; got ${valueTypeName(v)}`, action);
  const request = lookupRequest('findQueue', v);
  const res = await call(`${stepId}@queue`, request);
  if (res.status < 200 || res.status > 299) return { name: v };
  const { match } = matchInPage('findQueue', v, res.body);
  return isPlainObject(match) && typeof match.id === 'string' ? { id: match.id } : { name: v };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The user of a Transfer to User: a User value's id, or a String that is an id (a UUID), an email
 * (found as Find User finds one) or a name (an export's user literal holds the user's name), found
 * in the same listing [INFERRED]. NOT_SET, no match and a refused listing are why it failed.
 */
async function userIdOf(
  ctx: PlatformRunContext,
  action: WorkitemAction,
  stepId: string,
  call: Call,
): Promise<{ id: string } | { errorType: string; errorMessage: string }> {
  const v = action.user ? ctx.value(action.user, action) : null;
  const unset = { errorType: 'user.not.set', errorMessage: `${LABELS.transferToUser}: the target user is NOT_SET` };
  if (isArchObject(v)) return typeof v.id === 'string' ? { id: v.id } : unset;
  if (v !== null && typeof v !== 'string')
    ctx.fail(ArchitectErrors.SB_ARCHITECT_EXPR_TYPE, `the target user must be a User; got ${valueTypeName(v)}`, action);
  const key = typeof v === 'string' ? v.trim() : '';
  if (key === '') return unset;
  if (UUID.test(key)) return { id: key };
  const field = key.includes('@') ? 'email' : 'name';
  for (let page = 1; page <= MAX_PAGES; page++) {
    const request = lookupRequest('findUser', key, page);
    const res = await call(`${stepId}@user${page === 1 ? '' : `-page${page}`}`, request);
    if (res.status < 200 || res.status > 299) return failureOf(res, request);
    const { match, more } = findInPage(field, key, res.body);
    if (match && typeof match.id === 'string') return { id: match.id };
    if (!more) break;
  }
  return { errorType: 'user.not.found', errorMessage: `${LABELS.transferToUser}: no user with ${field} "${key}"` };
}

/** Transfer to ACD's routing fields: priority, language skill, skills and preferred agents, when set. */
function routingOf(ctx: PlatformRunContext, action: WorkitemAction): Record<string, unknown> {
  const value = (s: ValueSource | undefined) => (s ? ctx.value(s, action) : null);
  const priority = value(action.priority);
  const language = idOf(value(action.languageSkill));
  const skills = (action.skills ?? []).map((s) => idOf(value(s))).filter((id) => id !== undefined);
  const agents = value(action.preferredAgents);
  const agentIds = Array.isArray(agents) ? agents.map(idOf).filter((id) => id !== undefined) : [];
  return {
    ...(typeof priority === 'number' ? { priority } : {}),
    ...(language ? { languageId: language } : {}),
    ...(skills.length > 0 ? { skillIds: skills } : {}),
    ...(agentIds.length > 0 ? { preferredAgentIds: agentIds } : {}),
  };
}
