/**
 * @module
 * The statuses of a worktype: add, list, read, update, delete.
 *
 * Documented rules: a name of 3 to 256 characters, unique in its worktype (Genesys answers "a
 * status with same name already exists"; [INFERRED] 409 `general.conflict`); at most 24
 * destination statuses, an empty list meaning any status of the worktype; a
 * `defaultDestinationStatusId` needs `statusTransitionDelaySeconds`; `autoTerminateWorkitem`
 * applies to Closed statuses only; the default status cannot be deleted ([INFERRED] 409).
 * [INFERRED] Neither can a status a workitem has or another status names as a destination (409),
 * and the category cannot change. The emulator runs no automatic status transition.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { conflict } from '../../errors.ts';
import { readJsonBody } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { ID, fieldError, nameTaken, statusOf, tm, touch, worktypeOf } from './common.ts';
import { STATUS_CATEGORIES } from './store.ts';
import type { StatusCategory, StatusRecord } from './store.ts';
import { TM, statusesOf, toStatus } from './views.ts';

const NAME = z.string().trim().min(3, 'a name of 3 to 256 characters').max(256, 'a name of 3 to 256 characters');
const FIELDS = {
  destinationStatusIds: z.array(ID).max(24),
  description: z.string().max(512),
  defaultDestinationStatusId: ID,
  statusTransitionDelaySeconds: z.number().int().min(0),
  statusTransitionTime: z.string().regex(/^\d{2}:\d{2}:\d{2}(\.\d{1,3})?$/, 'a time HH:mm:ss.SSS without a zone'),
} as const;

const StatusCreate = z
  .object({
    name: NAME,
    category: z.enum(STATUS_CATEGORIES),
    destinationStatusIds: FIELDS.destinationStatusIds.optional(),
    description: FIELDS.description.optional(),
    defaultDestinationStatusId: FIELDS.defaultDestinationStatusId.optional(),
    statusTransitionDelaySeconds: FIELDS.statusTransitionDelaySeconds.optional(),
    statusTransitionTime: FIELDS.statusTransitionTime.optional(),
    autoTerminateWorkitem: z.boolean().optional(),
  })
  .loose();

const StatusUpdate = z
  .object({
    name: NAME.optional(),
    destinationStatusIds: FIELDS.destinationStatusIds.nullable().optional(),
    description: FIELDS.description.nullable().optional(),
    defaultDestinationStatusId: FIELDS.defaultDestinationStatusId.nullable().optional(),
    statusTransitionDelaySeconds: FIELDS.statusTransitionDelaySeconds.nullable().optional(),
    statusTransitionTime: FIELDS.statusTransitionTime.nullable().optional(),
    autoTerminateWorkitem: z.boolean().optional(),
  })
  .loose();

type C = Context<EmulatorEnv>;
const OPTIONAL = [
  'description',
  'defaultDestinationStatusId',
  'statusTransitionDelaySeconds',
  'statusTransitionTime',
] as const;

/** 400 naming the field a status breaks: destinations of its own worktype, the delay a default destination needs. */
function checkStatus(c: C, s: StatusRecord): void {
  const statuses = tm(c).statuses;
  const foreign = s.destinationStatusIds.find((id) => id === s.id || statuses[id]?.worktypeId !== s.worktypeId);
  if (foreign !== undefined)
    throw fieldError('destinationStatusIds', `destinationStatusIds: ${foreign} is not another status of this worktype`);
  const dflt = s.defaultDestinationStatusId;
  if (dflt !== undefined) {
    if (dflt === s.id || statuses[dflt]?.worktypeId !== s.worktypeId)
      throw fieldError(
        'defaultDestinationStatusId',
        `defaultDestinationStatusId: ${dflt} is not another status of this worktype`,
      );
    if (s.destinationStatusIds.length > 0 && !s.destinationStatusIds.includes(dflt))
      throw fieldError('defaultDestinationStatusId', 'defaultDestinationStatusId must be one of destinationStatusIds');
    if (s.statusTransitionDelaySeconds === undefined)
      throw fieldError(
        'statusTransitionDelaySeconds',
        'statusTransitionDelaySeconds is required with a defaultDestinationStatusId',
      );
  }
  if (s.autoTerminateWorkitem && s.category !== 'Closed')
    throw fieldError('autoTerminateWorkitem', 'autoTerminateWorkitem applies only to statuses of the Closed category');
  if (nameTaken(statusesOf(tm(c), s.worktypeId), s.name, s.id))
    throw conflict(`A status with same name already exists: "${s.name}"`);
}

function newStatus(c: C, worktypeId: string, name: string, category: StatusCategory): StatusRecord {
  return {
    id: c.get('services').ids.uuid(),
    worktypeId,
    name,
    category,
    destinationStatusIds: [],
    autoTerminateWorkitem: false,
  };
}

/** Create a new worktype's default statuses, Open and Closed; the id of Open. */
export function createDefaultStatuses(c: C, worktypeId: string): string {
  const statuses = tm(c).statuses;
  const open = newStatus(c, worktypeId, 'Open', 'Open');
  const closed = newStatus(c, worktypeId, 'Closed', 'Closed');
  statuses[open.id] = open;
  statuses[closed.id] = closed;
  return open.id;
}

/** Register the routes of a worktype's statuses. */
export function registerStatuses(app: EmulatorApp): void {
  const base = `${TM}/worktypes/:worktypeId/statuses`;
  app.post(base, requirePermission('workitems:status:add'), async (c) => {
    const type = worktypeOf(c, c.req.param('worktypeId'));
    const body = await readJsonBody(c, StatusCreate, 'status');
    const s: StatusRecord = {
      ...newStatus(c, type.id, body.name, body.category),
      destinationStatusIds: body.destinationStatusIds ?? [],
      autoTerminateWorkitem: body.autoTerminateWorkitem ?? false,
    };
    for (const k of OPTIONAL) if (body[k] !== undefined) Object.assign(s, { [k]: body[k] });
    checkStatus(c, s);
    tm(c).statuses[s.id] = s;
    touch(c);
    return c.json(toStatus(tm(c), s));
  });

  app.get(base, requirePermission('workitems:status:view'), (c) => {
    const type = worktypeOf(c, c.req.param('worktypeId'));
    const store = tm(c);
    const entities = statusesOf(store, type.id).map((s) => toStatus(store, s));
    return c.json({ total: entities.length, entities, selfUri: `${TM}/worktypes/${type.id}/statuses` });
  });

  app.get(`${base}/:statusId`, requirePermission('workitems:status:view'), (c) =>
    c.json(toStatus(tm(c), statusOf(c, c.req.param('worktypeId'), c.req.param('statusId')))),
  );

  app.patch(`${base}/:statusId`, requirePermission('workitems:status:edit'), async (c) => {
    const current = statusOf(c, c.req.param('worktypeId'), c.req.param('statusId'));
    const body = await readJsonBody(c, StatusUpdate, 'status');
    const next: StatusRecord = structuredClone(current);
    if (body.name !== undefined) next.name = body.name;
    if (body.destinationStatusIds !== undefined) next.destinationStatusIds = body.destinationStatusIds ?? [];
    if (body.autoTerminateWorkitem !== undefined) next.autoTerminateWorkitem = body.autoTerminateWorkitem;
    for (const k of OPTIONAL) {
      if (body[k] === null) delete next[k];
      else if (body[k] !== undefined) Object.assign(next, { [k]: body[k] });
    }
    checkStatus(c, next);
    tm(c).statuses[next.id] = next;
    touch(c);
    return c.json(toStatus(tm(c), next));
  });

  app.delete(`${base}/:statusId`, requirePermission('workitems:status:delete'), (c) => {
    const s = statusOf(c, c.req.param('worktypeId'), c.req.param('statusId'));
    const store = tm(c);
    if (store.worktypes[s.worktypeId]?.defaultStatusId === s.id)
      throw conflict(`Status "${s.name}" is the worktype's default status; the default status cannot be deleted`);
    if (Object.values(store.workitems).some((w) => w.statusId === s.id))
      throw conflict(`Status "${s.name}" is the status of workitems; move them to another status first`);
    const user = statusesOf(store, s.worktypeId).find(
      (o) => o.destinationStatusIds.includes(s.id) || o.defaultDestinationStatusId === s.id,
    );
    if (user) throw conflict(`Status "${s.name}" is a destination of status "${user.name}"`);
    delete store.statuses[s.id];
    touch(c);
    return c.body(null, 204);
  });
}
