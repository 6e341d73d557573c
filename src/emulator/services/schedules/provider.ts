/**
 * @module
 * Architect schedules and schedule groups (and emergency groups, `emergency-groups.ts`) — what Evaluate Schedule (Group) reads, and what CX as
 * Code projects declare as `genesyscloud_architect_schedules` / `_schedulegroups`.
 *
 * | Method | Path | Permission |
 * |---|---|---|
 * | GET | `/api/v2/architect/schedules`, `/schedules/{scheduleId}` | `architect:schedule:view` |
 * | POST | `/api/v2/architect/schedules` | `architect:schedule:add` |
 * | PUT | `/api/v2/architect/schedules/{scheduleId}` | `architect:schedule:edit` |
 * | DELETE | `/api/v2/architect/schedules/{scheduleId}` | `architect:schedule:delete` |
 * | GET | `/api/v2/architect/schedulegroups`, `/schedulegroups/{scheduleGroupId}` | `architect:scheduleGroup:view` |
 * | POST | `/api/v2/architect/schedulegroups` | `architect:scheduleGroup:add` |
 * | PUT | `/api/v2/architect/schedulegroups/{scheduleGroupId}` | `architect:scheduleGroup:edit` |
 * | DELETE | `/api/v2/architect/schedulegroups/{scheduleGroupId}` | `architect:scheduleGroup:delete` |
 *
 * A schedule's `start` and `end` are local date-times without a zone, `end` after `start`; an
 * `rrule` starts with `FREQ=`. A group's `timeZone` is an IANA zone, and the schedules it names
 * must exist. A name already taken is 409 `general.conflict`, and so is deleting a schedule a
 * group uses `[INFERRED]`: Genesys refuses both without documenting the code.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { badRequest, conflict, notFound } from '../../errors.ts';
import { pageParams, paged, readJsonBody } from '../../http.ts';
import type { EmulatorEnv, OrgState, Provider } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import type { ScheduleGroupRecord, ScheduleRecord } from './store.ts';
import { schedulesStore } from './store.ts';
import { byName, division } from './views.ts';
import type { Stamp } from './views.ts';
import { registerEmergencyGroups } from './emergency-groups.ts';

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;
const ref = z.object({ id: z.string().min(1) }).loose();
const ScheduleBody = z
  .object({
    name: z.string().trim().min(1).max(256),
    description: z.string().max(2048).optional(),
    start: z.string().regex(LOCAL, 'a local date-time, YYYY-MM-DDTHH:mm:ss.SSS, without a zone'),
    end: z.string().regex(LOCAL, 'a local date-time, YYYY-MM-DDTHH:mm:ss.SSS, without a zone'),
    rrule: z
      .string()
      .max(1024)
      .regex(/^FREQ=/, 'an RRULE starting with FREQ=')
      .optional(),
  })
  .loose();
const GroupBody = z
  .object({
    name: z.string().trim().min(1).max(256),
    description: z.string().max(2048).optional(),
    timeZone: z
      .string()
      .min(1)
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'an IANA time zone, e.g. America/Indianapolis'),
    openSchedules: z.array(ref).max(100).optional(),
    closedSchedules: z.array(ref).max(100).optional(),
    holidaySchedules: z.array(ref).max(100).optional(),
  })
  .loose();

function scheduleView(org: OrgState, s: ScheduleRecord): Record<string, unknown> {
  const { version, ...rest } = s;
  return { ...rest, version, state: 'active', division: division(org), selfUri: `/api/v2/architect/schedules/${s.id}` };
}

function groupView(org: OrgState, g: ScheduleGroupRecord): Record<string, unknown> {
  const schedules = org.get(schedulesStore).schedules;
  const refs = (ids: readonly string[]) =>
    ids.map((id) => ({ id, name: schedules[id]?.name, selfUri: `/api/v2/architect/schedules/${id}` }));
  return {
    id: g.id,
    name: g.name,
    ...(g.description ? { description: g.description } : {}),
    version: g.version,
    dateCreated: g.dateCreated,
    dateModified: g.dateModified,
    state: 'active',
    timeZone: g.timeZone,
    openSchedules: refs(g.openScheduleIds),
    closedSchedules: refs(g.closedScheduleIds),
    holidaySchedules: refs(g.holidayScheduleIds),
    division: division(org),
    selfUri: `/api/v2/architect/schedulegroups/${g.id}`,
  };
}

function checkSchedule(body: z.infer<typeof ScheduleBody>): void {
  if (Date.parse(`${body.end}Z`) <= Date.parse(`${body.start}Z`))
    throw badRequest('The schedule is invalid: end must be after start', [
      { errorCode: 'invalid.value', fieldName: 'end' },
    ]);
}

function scheduleIds(
  org: OrgState,
  body: z.infer<typeof GroupBody>,
): Pick<ScheduleGroupRecord, 'openScheduleIds' | 'closedScheduleIds' | 'holidayScheduleIds'> {
  const known = org.get(schedulesStore).schedules;
  const ids = (field: 'openSchedules' | 'closedSchedules' | 'holidaySchedules'): string[] =>
    (body[field] ?? []).map((r, i) => {
      if (!known[r.id])
        throw badRequest(`The schedule group is invalid: ${field}[${i}] names schedule ${r.id}, which does not exist`, [
          { errorCode: 'invalid.value', fieldName: `${field}[${i}].id` },
        ]);
      return r.id;
    });
  return {
    openScheduleIds: ids('openSchedules'),
    closedScheduleIds: ids('closedSchedules'),
    holidayScheduleIds: ids('holidaySchedules'),
  };
}

function scheduleRecord(body: z.infer<typeof ScheduleBody>, stamp: Stamp): ScheduleRecord {
  return {
    ...stamp,
    name: body.name,
    ...(body.description ? { description: body.description } : {}),
    start: body.start,
    end: body.end,
    ...(body.rrule ? { rrule: body.rrule } : {}),
  };
}

function groupRecord(org: OrgState, body: z.infer<typeof GroupBody>, stamp: Stamp): ScheduleGroupRecord {
  return {
    ...stamp,
    name: body.name,
    ...(body.description ? { description: body.description } : {}),
    timeZone: body.timeZone,
    ...scheduleIds(org, body),
  };
}

/** The schedules provider. */
export const schedulesProvider: Provider = {
  name: 'schedules',
  register(app): void {
    const now = (c: Context<EmulatorEnv>): string => new Date(c.get('services').clock.now()).toISOString();
    const schedule = (c: Context<EmulatorEnv>): ScheduleRecord => {
      const id = c.req.param('scheduleId')!;
      const s = c.get('org').get(schedulesStore).schedules[id];
      if (!s) throw notFound('schedule', id);
      return s;
    };
    const group = (c: Context<EmulatorEnv>): ScheduleGroupRecord => {
      const id = c.req.param('scheduleGroupId')!;
      const g = c.get('org').get(schedulesStore).groups[id];
      if (!g) throw notFound('scheduleGroup', id);
      return g;
    };

    app.get('/api/v2/architect/schedules', requirePermission('architect:schedule:view'), (c) => {
      const org = c.get('org');
      const all = byName(Object.values(org.get(schedulesStore).schedules), c.req.query('name')).map((s) =>
        scheduleView(org, s),
      );
      return c.json(paged(all, pageParams(c), '/api/v2/architect/schedules'));
    });
    app.get('/api/v2/architect/schedules/:scheduleId', requirePermission('architect:schedule:view'), (c) =>
      c.json(scheduleView(c.get('org'), schedule(c))),
    );
    app.post('/api/v2/architect/schedules', requirePermission('architect:schedule:add'), async (c) => {
      const body = await readJsonBody(c, ScheduleBody, 'schedule');
      checkSchedule(body);
      const org = c.get('org');
      const store = org.get(schedulesStore);
      if (Object.values(store.schedules).some((s) => s.name.toLowerCase() === body.name.toLowerCase()))
        throw conflict(`A schedule named "${body.name}" already exists`);
      const id = c.get('services').ids.uuid();
      const at = now(c);
      store.schedules[id] = scheduleRecord(body, { id, version: 1, dateCreated: at, dateModified: at });
      org.touch(schedulesStore);
      return c.json(scheduleView(org, store.schedules[id]), 200);
    });
    app.put('/api/v2/architect/schedules/:scheduleId', requirePermission('architect:schedule:edit'), async (c) => {
      const current = schedule(c);
      const body = await readJsonBody(c, ScheduleBody, 'schedule');
      checkSchedule(body);
      const org = c.get('org');
      const store = org.get(schedulesStore);
      if (
        Object.values(store.schedules).some(
          (s) => s.id !== current.id && s.name.toLowerCase() === body.name.toLowerCase(),
        )
      )
        throw conflict(`A schedule named "${body.name}" already exists`);
      store.schedules[current.id] = scheduleRecord(body, {
        id: current.id,
        version: current.version + 1,
        dateCreated: current.dateCreated,
        dateModified: now(c),
      });
      org.touch(schedulesStore);
      return c.json(scheduleView(org, store.schedules[current.id]!), 200);
    });
    app.delete('/api/v2/architect/schedules/:scheduleId', requirePermission('architect:schedule:delete'), (c) => {
      const s = schedule(c);
      const org = c.get('org');
      const store = org.get(schedulesStore);
      const user = Object.values(store.groups).find((g) =>
        [...g.openScheduleIds, ...g.closedScheduleIds, ...g.holidayScheduleIds].includes(s.id),
      );
      if (user) throw conflict(`Schedule "${s.name}" is used by schedule group "${user.name}"`);
      delete store.schedules[s.id];
      org.touch(schedulesStore);
      return c.body(null, 200);
    });

    app.get('/api/v2/architect/schedulegroups', requirePermission('architect:scheduleGroup:view'), (c) => {
      const org = c.get('org');
      const all = byName(Object.values(org.get(schedulesStore).groups), c.req.query('name')).map((g) =>
        groupView(org, g),
      );
      return c.json(paged(all, pageParams(c), '/api/v2/architect/schedulegroups'));
    });
    app.get(
      '/api/v2/architect/schedulegroups/:scheduleGroupId',
      requirePermission('architect:scheduleGroup:view'),
      (c) => c.json(groupView(c.get('org'), group(c))),
    );
    app.post('/api/v2/architect/schedulegroups', requirePermission('architect:scheduleGroup:add'), async (c) => {
      const body = await readJsonBody(c, GroupBody, 'schedule group');
      const org = c.get('org');
      const store = org.get(schedulesStore);
      if (Object.values(store.groups).some((g) => g.name.toLowerCase() === body.name.toLowerCase()))
        throw conflict(`A schedule group named "${body.name}" already exists`);
      const id = c.get('services').ids.uuid();
      const at = now(c);
      store.groups[id] = groupRecord(org, body, { id, version: 1, dateCreated: at, dateModified: at });
      org.touch(schedulesStore);
      return c.json(groupView(org, store.groups[id]), 200);
    });
    app.put(
      '/api/v2/architect/schedulegroups/:scheduleGroupId',
      requirePermission('architect:scheduleGroup:edit'),
      async (c) => {
        const current = group(c);
        const body = await readJsonBody(c, GroupBody, 'schedule group');
        const org = c.get('org');
        const store = org.get(schedulesStore);
        if (
          Object.values(store.groups).some(
            (g) => g.id !== current.id && g.name.toLowerCase() === body.name.toLowerCase(),
          )
        )
          throw conflict(`A schedule group named "${body.name}" already exists`);
        store.groups[current.id] = groupRecord(org, body, {
          id: current.id,
          version: current.version + 1,
          dateCreated: current.dateCreated,
          dateModified: now(c),
        });
        org.touch(schedulesStore);
        return c.json(groupView(org, store.groups[current.id]!), 200);
      },
    );
    app.delete(
      '/api/v2/architect/schedulegroups/:scheduleGroupId',
      requirePermission('architect:scheduleGroup:delete'),
      (c) => {
        const g = group(c);
        const org = c.get('org');
        delete org.get(schedulesStore).groups[g.id];
        org.touch(schedulesStore);
        return c.body(null, 200);
      },
    );
    registerEmergencyGroups(app, now);
  },
};
