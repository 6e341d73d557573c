/**
 * @module
 * What the Task Management routes share: the clock's time, the caller as `modifiedBy`, the 404s
 * of unknown ids, the 400s naming a field, the `expands` parameter and the references a body
 * names (queues, users, external contacts) that must exist.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { badRequest, notFound } from '../../errors.ts';
import type { EmulatorEnv, EmulatorServices, OrgState } from '../../provider-contract.ts';
import { externalContactsStore } from '../external-contacts/store.ts';
import { routingStore } from '../routing/store.ts';
import { usersStore } from '../users/store.ts';
import { taskManagementStore } from './store.ts';
import type { StatusRecord, TaskManagementStore, WorkbinRecord, WorkitemRecord, WorktypeRecord } from './store.ts';

type C = Context<EmulatorEnv>;

/** A year of seconds: the largest duration, and how far ahead a date may be (Genesys's documented bound). */
export const YEAR_SECONDS = 365 * 24 * 3600;

/** Genesys's documented range of a priority. */
export const PRIORITY = z.number().int().min(-25_000_000).max(25_000_000);

/** An id in a body. */
export const ID = z.string().trim().min(1).max(128);

/** An ISO-8601 date-time with a zone (`yyyy-MM-ddTHH:mm:ss[.mmm]Z`). */
export const DATE_TIME = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/,
    'an ISO-8601 date-time with a zone',
  )
  .refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO-8601 date-time with a zone');

/** The org's Task Management store. */
export const tm = (c: C): TaskManagementStore => c.get('org').get(taskManagementStore);

/** Mark the store changed (persisted). */
export const touch = (c: C): void => c.get('org').touch(taskManagementStore);

/** The emulator clock's time, ISO-8601. */
export const now = (c: C): string => new Date(c.get('services').clock.now()).toISOString();

/** The services and org a change's aftermath (notification, flow launches) needs beyond the request. */
export const afterContext = (c: C): { services: EmulatorServices; org: OrgState } => ({
  services: c.get('services'),
  org: c.get('org'),
});

/** The caller's user id as `modifiedById` (a client-credentials caller has none). */
export const modifiedBy = (c: C): { modifiedById?: string } => {
  const userId = c.get('principal').userId;
  return userId === undefined ? {} : { modifiedById: userId };
};

/** 400 `bad.request` naming one field of the body. */
export function fieldError(field: string, message: string): Error {
  return badRequest(message, [{ errorCode: 'invalid.value', fieldName: field }]);
}

/** The workbin of a path parameter, or 404. */
export function workbinOf(c: C, id: string): WorkbinRecord {
  const w = tm(c).workbins[id];
  if (!w) throw notFound('workbin', id);
  return w;
}

/** The worktype of a path parameter, or 404. */
export function worktypeOf(c: C, id: string): WorktypeRecord {
  const w = tm(c).worktypes[id];
  if (!w) throw notFound('worktype', id);
  return w;
}

/** The status of a worktype named by the path, or 404 (a status of another worktype is unknown here). */
export function statusOf(c: C, worktypeId: string, statusId: string): StatusRecord {
  worktypeOf(c, worktypeId);
  const s = tm(c).statuses[statusId];
  if (!s || s.worktypeId !== worktypeId) throw notFound('status', statusId);
  return s;
}

/** The workitem of a path parameter, or 404. */
export function workitemOf(c: C, id: string): WorkitemRecord {
  const w = tm(c).workitems[id];
  if (!w) throw notFound('workitem', id);
  return w;
}

/**
 * The `expands` query parameter (repeated or comma-separated) as a set; 400 naming a value
 * outside `allowed`.
 */
export function expandsOf(c: C, allowed: readonly string[]): Set<string> {
  const values = (c.req.queries('expands') ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  const bad = values.find((v) => !allowed.includes(v));
  if (bad !== undefined) throw fieldError('expands', `expands "${bad}" is not one of ${allowed.join(', ')}`);
  return new Set(values);
}

/** 400 naming `field` unless the queue exists. */
export function checkQueue(org: OrgState, id: string | null | undefined, field: string): void {
  if (id && !org.get(routingStore).queues[id]) throw fieldError(field, `${field}: queue ${id} does not exist`);
}

/** 400 naming `field` unless every user exists. */
export function checkUsers(org: OrgState, ids: readonly string[] | null | undefined, field: string): void {
  const users = org.get(usersStore).users;
  const missing = (ids ?? []).find((id) => !users[id]);
  if (missing !== undefined) throw fieldError(field, `${field}: user ${missing} does not exist`);
}

/** 400 naming `field` unless the external contact exists. */
export function checkContact(org: OrgState, id: string | null | undefined, field: string): void {
  if (id && !org.get(externalContactsStore).contacts[id])
    throw fieldError(field, `${field}: external contact ${id} does not exist`);
}

/** 400 naming `field` when an ISO date-time is more than a year after `nowIso`. */
export function checkWithinYear(value: string | null | undefined, nowIso: string, field: string): void {
  if (value && Date.parse(value) > Date.parse(nowIso) + YEAR_SECONDS * 1000)
    throw fieldError(field, `${field} can not be more than 365 days from now; got ${value}`);
}

/** 400 naming `field` when an SDK field the emulator does not model is in the body. */
export function refuseUnmodeled(body: Record<string, unknown>, fields: readonly string[]): void {
  const f = fields.find((k) => body[k] !== undefined && body[k] !== null);
  if (f !== undefined)
    throw fieldError(f, `${f} is not modeled by the emulator; send the request without it, or run against a real org`);
}

/** Whether another record of `items` already has `name` (case-insensitive). */
export function nameTaken(items: Iterable<{ id: string; name: string }>, name: string, exceptId?: string): boolean {
  const n = name.trim().toLowerCase();
  for (const x of items) if (x.id !== exceptId && x.name.trim().toLowerCase() === n) return true;
  return false;
}
