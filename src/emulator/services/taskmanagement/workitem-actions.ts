/**
 * @module
 * The workitem query, the two lifecycle actions the emulator models, and the manual assignment.
 *
 * - `POST /workitems/query` (query.ts): Genesys requires at least one `EQ` filter on `workbinId`,
 *   `assigneeId` or `typeId` (documented); `sort.name` is `dateDue` or `priority` (the SDK's enum);
 *   `expands` names the references that carry their name.
 * - `POST /workitems/{id}/terminate` (body `{ statusId? }`): moves the workitem to that status,
 *   which must be a Closed status of its worktype, or [INFERRED] to the worktype's first Closed
 *   status; stamps `dateClosed` and sets `assignmentState` Terminated [INFERRED].
 * - `POST /workitems/{id}/disconnect`: [INFERRED] sets `assignmentState` Disconnected and keeps the
 *   assignee; a workitem without an assignee is a 400.
 * - `PATCH /workitems/{id}/assignment` (body `WorkitemManualAssign` `{ id }`, the user): sets the
 *   assignee as a PATCH with `assigneeId` does, notifies the change (an `edit`) and answers 204 with
 *   no body (the SDK answers `void`; [INFERRED] the status code). [INFERRED] An unknown user is 400
 *   naming `id` (a PATCH's unknown `assigneeId` is 400 naming it); a workitem in a Closed-category
 *   status, or terminated, is 400 `workitem.closed`. Permission: ANY of `workitems:workitem:pull`,
 *   `workitems:workitem:assign` (the SDK's documentation).
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { badRequest } from '../../errors.ts';
import { readJsonBody } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { ID, afterContext, checkUsers, fieldError, modifiedBy, now, tm, touch, workitemOf } from './common.ts';
import { QueryBody, project, runQuery } from './query.ts';
import type { QuerySpec } from './query.ts';
import type { WorkitemRecord } from './store.ts';
import { TM, WORKITEM_EXPANDS, statusesOf, toWorkitem } from './views.ts';
import { afterUpdate } from './workitem-events.ts';

type C = Context<EmulatorEnv>;

const text = (get: (w: WorkitemRecord) => string | undefined) => ({ type: 'String' as const, get });
const date = (get: (w: WorkitemRecord) => string | undefined) => ({ type: 'String' as const, date: true, get });
const int = (get: (w: WorkitemRecord) => number | undefined) => ({ type: 'Int' as const, get });

/** Filled in per request: `statusCategory` reads the org's statuses. */
function spec(c: C): QuerySpec<WorkitemRecord> {
  const statuses = tm(c).statuses;
  return {
    attrs: {
      id: text((w) => w.id),
      name: text((w) => w.name),
      description: text((w) => w.description),
      typeId: text((w) => w.typeId),
      workbinId: text((w) => w.workbinId),
      statusId: text((w) => w.statusId),
      statusCategory: text((w) => statuses[w.statusId]?.category),
      assigneeId: text((w) => w.assigneeId),
      queueId: text((w) => w.queueId),
      divisionId: text((w) => w.divisionId),
      languageId: text((w) => w.languageId),
      externalContactId: text((w) => w.externalContactId),
      externalTag: text((w) => w.externalTag),
      priority: int((w) => w.priority),
      durationSeconds: int((w) => w.durationSeconds),
      ttl: int((w) => w.ttl),
      dateCreated: date((w) => w.dateCreated),
      dateModified: date((w) => w.dateModified),
      dateDue: date((w) => w.dateDue),
      dateExpires: date((w) => w.dateExpires),
      dateClosed: date((w) => w.dateClosed),
      dateStatusChanged: date((w) => w.dateStatusChanged),
    },
    sorts: ['dateDue', 'priority'],
  };
}

const ALIASES = {
  typeId: 'type',
  workbinId: 'workbin',
  statusId: 'status',
  assigneeId: 'assignee',
  queueId: 'queue',
  divisionId: 'division',
  languageId: 'language',
  externalContactId: 'externalContact',
  skillIds: 'skills',
  preferredAgentIds: 'preferredAgents',
  scriptId: 'script',
  utilizationLabelId: 'utilizationLabel',
};

const ANCHORS = ['workbinId', 'assigneeId', 'typeId'];

const WorkitemManualAssign = z.object({ id: ID }).loose();

const WorkitemTerminate = z.object({ statusId: ID.optional() }).loose();

/** The optional JSON body of a terminate (the SDK may send none). */
async function terminateBody(c: C): Promise<z.infer<typeof WorkitemTerminate>> {
  if ((await c.req.text()).trim() === '') return {};
  return readJsonBody(c, WorkitemTerminate, 'terminate request');
}

/** Store a changed workitem, notify the change (and run the flow rules), and answer it. */
function save(c: C, current: WorkitemRecord, next: WorkitemRecord): Response {
  const store = tm(c);
  store.workitems[next.id] = next;
  touch(c);
  afterUpdate(afterContext(c), current, next);
  return c.json(toWorkitem(c.get('org'), store, next));
}

/** 400 `workitem.closed` [INFERRED] for a workitem in a Closed-category status or terminated. */
function refuseClosed(c: C, w: WorkitemRecord): void {
  const status = tm(c).statuses[w.statusId];
  if (status?.category === 'Closed' || w.assignmentState === 'Terminated')
    throw badRequest(
      `Workitem ${w.id} is closed (status "${status?.name ?? w.statusId}") and can not be assigned; reopen it with a PATCH of statusId first`,
      [],
      'workitem.closed',
    );
}

/** Register the workitem query, terminate, disconnect and manual assignment. */
export function registerWorkitemActions(app: EmulatorApp): void {
  app.post(`${TM}/workitems/query`, requirePermission('workitems:workitem:view'), async (c) => {
    const q = await readJsonBody(c, QueryBody, 'workitem query');
    if (!q.filters.some((f) => f.operator === 'EQ' && ANCHORS.includes(f.name)))
      throw fieldError('filters', 'The query requires at least one EQ filter on workbinId, assigneeId or typeId');
    const expandList = typeof q.expands === 'string' ? q.expands.split(',') : (q.expands ?? []);
    const bad = expandList.find((e) => !(WORKITEM_EXPANDS as readonly string[]).includes(e.trim()));
    if (bad !== undefined) throw fieldError('expands', `expands "${bad}" is not one of ${WORKITEM_EXPANDS.join(', ')}`);
    const store = tm(c);
    const r = runQuery(Object.values(store.workitems), q, spec(c));
    if (q.select === 'Count') return c.json({ count: r.count });
    const org = c.get('org');
    const expands = new Set(expandList.map((e) => e.trim()));
    return c.json({
      entities: r.page.map((w) => project(toWorkitem(org, store, w, expands), q.attributes, ALIASES)),
      ...(r.after !== undefined ? { after: r.after } : {}),
    });
  });

  app.post(`${TM}/workitems/:workitemId/terminate`, requirePermission('workitems:workitem:terminate'), async (c) => {
    const current = workitemOf(c, c.req.param('workitemId'));
    const body = await terminateBody(c);
    const store = tm(c);
    const closed =
      body.statusId === undefined
        ? statusesOf(store, current.typeId).find((s) => s.category === 'Closed')
        : store.statuses[body.statusId];
    if (body.statusId !== undefined && (closed?.worktypeId !== current.typeId || closed.category !== 'Closed'))
      throw fieldError('statusId', `statusId: ${body.statusId} is not a Closed status of the workitem's worktype`);
    if (!closed) throw fieldError('statusId', "statusId is required: the workitem's worktype has no Closed status");
    const at = now(c);
    const next: WorkitemRecord = {
      ...structuredClone(current),
      statusId: closed.id,
      dateStatusChanged: closed.id === current.statusId ? current.dateStatusChanged : at,
      dateClosed: current.dateClosed ?? at,
      assignmentState: 'Terminated',
      dateAssignmentStateChanged: at,
      dateModified: at,
      ...modifiedBy(c),
    };
    return save(c, current, next);
  });

  app.post(`${TM}/workitems/:workitemId/disconnect`, requirePermission('workitems:workitem:disconnect'), (c) => {
    const current = workitemOf(c, c.req.param('workitemId'));
    if (current.assigneeId === undefined)
      throw badRequest(`Workitem ${current.id} has no assignee to disconnect`, [], 'bad.request');
    const at = now(c);
    return save(c, current, {
      ...structuredClone(current),
      assignmentState: 'Disconnected',
      dateAssignmentStateChanged: at,
      dateModified: at,
      ...modifiedBy(c),
    });
  });

  app.patch(
    `${TM}/workitems/:workitemId/assignment`,
    requirePermission('workitems:workitem:pull', 'workitems:workitem:assign'),
    async (c) => {
      const current = workitemOf(c, c.req.param('workitemId'));
      const body = await readJsonBody(c, WorkitemManualAssign, 'assignment');
      checkUsers(c.get('org'), [body.id], 'id');
      refuseClosed(c, current);
      const next: WorkitemRecord = {
        ...structuredClone(current),
        assigneeId: body.id,
        dateModified: now(c),
        ...modifiedBy(c),
      };
      const store = tm(c);
      store.workitems[next.id] = next;
      touch(c);
      afterUpdate(afterContext(c), current, next);
      return c.body(null, 204);
    },
  );
}
