/**
 * @module
 * Workbins: create, read, update, delete and query. A workbin lives in the org's home division
 * [INFERRED: the emulated org has one division, so another `divisionId` is a 400]. Its name is
 * unique in the org [INFERRED, 409 `general.conflict`]. A workbin that is a worktype's default
 * or holds workitems cannot be deleted [INFERRED, 409].
 */
import { z } from 'zod';
import { conflict } from '../../errors.ts';
import { readJsonBody } from '../../http.ts';
import type { EmulatorApp } from '../../provider-contract.ts';
import { requireAllPermissions, requirePermission } from '../../permissions.ts';
import { usersStore } from '../users/store.ts';
import { ID, fieldError, modifiedBy, nameTaken, now, tm, touch, workbinOf } from './common.ts';
import { QueryBody, project, runQuery } from './query.ts';
import type { QuerySpec } from './query.ts';
import type { WorkbinRecord } from './store.ts';
import { TM, toWorkbin } from './views.ts';

const NAME = z.string().trim().min(3, 'a name of 3 to 256 characters').max(256, 'a name of 3 to 256 characters');
const DESCRIPTION = z.string().max(512);

const WorkbinCreate = z.object({ name: NAME, description: DESCRIPTION.optional(), divisionId: ID.optional() }).loose();
const WorkbinUpdate = z.object({ name: NAME.optional(), description: DESCRIPTION.nullable().optional() }).loose();

const SPEC: QuerySpec<WorkbinRecord> = {
  attrs: {
    id: { type: 'String', get: (w) => w.id },
    name: { type: 'String', get: (w) => w.name },
    description: { type: 'String', get: (w) => w.description },
    divisionId: { type: 'String', get: (w) => w.divisionId },
    dateCreated: { type: 'String', date: true, get: (w) => w.dateCreated },
    dateModified: { type: 'String', date: true, get: (w) => w.dateModified },
  },
  sorts: ['dateModified', 'name'],
};

/** Register the workbin routes. */
export function registerWorkbins(app: EmulatorApp): void {
  app.post(`${TM}/workbins`, requirePermission('workitems:workbin:add'), async (c) => {
    const body = await readJsonBody(c, WorkbinCreate, 'workbin');
    const org = c.get('org');
    const home = org.get(usersStore).division.id;
    if (body.divisionId !== undefined && body.divisionId !== home)
      throw fieldError(
        'divisionId',
        `divisionId: division ${body.divisionId} does not exist (the org has one, ${home})`,
      );
    const store = tm(c);
    if (nameTaken(Object.values(store.workbins), body.name))
      throw conflict(`A workbin named "${body.name}" already exists`);
    const at = now(c);
    const record: WorkbinRecord = {
      id: c.get('services').ids.uuid(),
      name: body.name,
      ...(body.description !== undefined ? { description: body.description } : {}),
      divisionId: home,
      dateCreated: at,
      dateModified: at,
      ...modifiedBy(c),
    };
    store.workbins[record.id] = record;
    touch(c);
    return c.json(toWorkbin(org, record));
  });

  app.post(`${TM}/workbins/query`, requireAllPermissions('workitems:workbin:view'), async (c) => {
    const q = await readJsonBody(c, QueryBody, 'workbin query');
    const r = runQuery(Object.values(tm(c).workbins), q, SPEC);
    if (q.select === 'Count') return c.json({ count: r.count });
    const org = c.get('org');
    return c.json({
      entities: r.page.map((w) => project(toWorkbin(org, w), q.attributes, { divisionId: 'division' })),
      ...(r.after !== undefined ? { after: r.after } : {}),
    });
  });

  app.get(`${TM}/workbins/:workbinId`, requirePermission('workitems:workbin:view'), (c) =>
    c.json(toWorkbin(c.get('org'), workbinOf(c, c.req.param('workbinId')))),
  );

  app.patch(`${TM}/workbins/:workbinId`, requirePermission('workitems:workbin:edit'), async (c) => {
    const current = workbinOf(c, c.req.param('workbinId'));
    const body = await readJsonBody(c, WorkbinUpdate, 'workbin');
    const store = tm(c);
    if (body.name !== undefined && nameTaken(Object.values(store.workbins), body.name, current.id))
      throw conflict(`A workbin named "${body.name}" already exists`);
    const next: WorkbinRecord = {
      ...current,
      ...(body.name !== undefined ? { name: body.name } : {}),
      dateModified: now(c),
      ...modifiedBy(c),
    };
    if (body.description === null) delete next.description;
    else if (body.description !== undefined) next.description = body.description;
    store.workbins[current.id] = next;
    touch(c);
    return c.json(toWorkbin(c.get('org'), next));
  });

  app.delete(`${TM}/workbins/:workbinId`, requirePermission('workitems:workbin:delete'), (c) => {
    const bin = workbinOf(c, c.req.param('workbinId'));
    const store = tm(c);
    const type = Object.values(store.worktypes).find((t) => t.defaultWorkbinId === bin.id);
    if (type) throw conflict(`Workbin "${bin.name}" is the default workbin of worktype "${type.name}"`);
    if (Object.values(store.workitems).some((w) => w.workbinId === bin.id))
      throw conflict(`Workbin "${bin.name}" holds workitems; move or delete them first`);
    delete store.workbins[bin.id];
    touch(c);
    return c.body(null, 204);
  });
}
