/**
 * @module
 * Contacts of a contact list: add (and update by id), read, update, delete one or many, read many
 * by id, clear the list. Rules:
 *
 * - A contact's `data` names columns of its list only: another key is a 400 naming the column
 *   (`data.<column>`, `<i>.data.<column>` in an add). A value has at most 512 characters ([INFERRED]
 *   contact-list limit, quoted by a secondary source).
 * - `phoneNumberStatus` names phone columns of the list, `contactableStatus` the media types
 *   `Voice`, `SMS`, `Email`, `WhatsApp` (the SDK's description of the map).
 *
 * [INFERRED] A number or boolean `data` value is kept as its string (the model's values are
 * strings), a null one leaves the column empty. A body's `contactListId`, when given, must be the
 * path's list, and a PUT's `id` the path's contact (400 naming the field). An add of a contact
 * whose `id` the list has replaces its data: its `callable` and statuses are kept unless the body
 * sets them or `clearSystemData=true` resets them; one bad contact fails the whole add and nothing
 * is written; an add holds at most 1000 contacts and names an id once. `priority=true|false` is
 * kept as the contact's `configurationOverrides.priority`; `doNotQueue` is accepted and changes
 * nothing (the emulator dials no campaign). `POST …/contacts/bulk` answers the contacts it knows,
 * in the order asked, and `DELETE …/contacts?contactIds=` ignores an unknown id; both take at most
 * 100 ids. `POST …/clear` deletes at once.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { notFound } from '../../errors.ts';
import { readJsonBody } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { OB, boolQuery, contactListOf, fieldError, listQuery, now, ob, touch } from './common.ts';
import type { ContactListRecord, ContactRecord } from './store.ts';
import { toContact } from './views.ts';

type C = Context<EmulatorEnv>;

const MAX_ADD = 1000;
const MAX_IDS = 100;
const MAX_VALUE = 512;
const MEDIA_TYPES = ['Voice', 'SMS', 'Email', 'WhatsApp'];

const Status = z.object({ contactable: z.boolean().nullish() }).loose();
const ContactBody = z
  .object({
    id: z.string().trim().min(1).nullish(),
    contactListId: z.string().nullish(),
    data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).nullable()),
    callable: z.boolean().nullish(),
    phoneNumberStatus: z.record(z.string(), z.object({ callable: z.boolean().nullish() }).loose()).nullish(),
    contactableStatus: z
      .record(z.string(), Status.extend({ columnStatus: z.record(z.string(), Status).nullish() }))
      .nullish(),
    configurationOverrides: z.object({ priority: z.boolean().nullish() }).loose().nullish(),
  })
  .loose();
type Body = z.infer<typeof ContactBody>;

const UNMODELED = [
  'latestSmsEvaluations',
  'latestEmailEvaluations',
  'latestWhatsAppEvaluations',
  'retentionType',
  'retentionDays',
  'dateExpiration',
];

/** The fields of a contact a body sets, checked against its list (`at`: the field prefix). */
function contactFields(
  list: ContactListRecord,
  body: Body,
  at: string,
): Pick<ContactRecord, 'data'> & Partial<Pick<ContactRecord, 'callable' | 'phoneNumberStatus' | 'contactableStatus'>> {
  const raw = body as Record<string, unknown>;
  const f = UNMODELED.find((k) => raw[k] !== undefined && raw[k] !== null);
  if (f !== undefined)
    throw fieldError(`${at}${f}`, `${f} is not modeled by the emulator; send the contact without it`);
  if (body.contactListId != null && body.contactListId !== list.id)
    throw fieldError(
      `${at}contactListId`,
      `contactListId ${body.contactListId} is not the contact list of the path (${list.id})`,
    );
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(body.data)) {
    if (!list.columnNames.includes(key))
      throw fieldError(
        `${at}data.${key}`,
        `"${key}" is not a column of contact list ${list.name} (columns: ${list.columnNames.join(', ')})`,
      );
    if (value === null) continue;
    const text = String(value);
    if (text.length > MAX_VALUE)
      throw fieldError(`${at}data.${key}`, `the value of column "${key}" has more than ${MAX_VALUE} characters`);
    data[key] = text;
  }
  const out: ReturnType<typeof contactFields> = { data };
  if (body.callable != null) out.callable = body.callable;
  if (body.phoneNumberStatus != null) {
    const phones = list.phoneColumns.map((p) => p.columnName);
    out.phoneNumberStatus = {};
    for (const [col, s] of Object.entries(body.phoneNumberStatus)) {
      if (!phones.includes(col))
        throw fieldError(
          `${at}phoneNumberStatus.${col}`,
          `"${col}" is not a phone column of contact list ${list.name}`,
        );
      out.phoneNumberStatus[col] = { callable: s.callable ?? true };
    }
  }
  if (body.contactableStatus != null) {
    const bad = Object.keys(body.contactableStatus).find((k) => !MEDIA_TYPES.includes(k));
    if (bad !== undefined)
      throw fieldError(
        `${at}contactableStatus.${bad}`,
        `contactableStatus keys are ${MEDIA_TYPES.join(', ')}; got "${bad}"`,
      );
    out.contactableStatus = JSON.parse(
      JSON.stringify(body.contactableStatus, (_k, v: unknown) => v ?? undefined),
    ) as NonNullable<ContactRecord['contactableStatus']>;
  }
  return out;
}

/** The contact of a path, or 404. */
function contactOf(c: C, list: ContactListRecord, id: string): ContactRecord {
  const k = ob(c).contacts[list.id]?.[id];
  if (!k) throw notFound('contact', id);
  return k;
}

/** The contacts of a list (created on first use). */
function contactsOf(c: C, list: ContactListRecord): Record<string, ContactRecord> {
  const store = ob(c);
  return (store.contacts[list.id] ??= {});
}

/** The `priority` query parameter, when given. */
function priorityOf(c: C): boolean | undefined {
  return c.req.query('priority') === undefined ? undefined : boolQuery(c, 'priority');
}

/** Register the contact routes. */
export function registerContacts(app: EmulatorApp): void {
  const LIST = `${OB}/contactlists/:contactListId`;

  app.post(`${LIST}/contacts`, requirePermission('outbound:contact:add'), async (c) => {
    const list = contactListOf(c, c.req.param('contactListId'));
    const body = await readJsonBody(c, z.array(ContactBody).min(1, 'at least one contact').max(MAX_ADD), 'contacts');
    const priority = priorityOf(c);
    const clear = boolQuery(c, 'clearSystemData');
    boolQuery(c, 'doNotQueue');
    const contacts = contactsOf(c, list);
    const at = now(c);
    const seen = new Set<string>();
    const next = body.map((b, i): ContactRecord => {
      const fields = contactFields(list, b, `${i}.`);
      const id = b.id ?? c.get('services').ids.uuid();
      if (seen.has(id)) throw fieldError(`${i}.id`, `contact ${id} is named twice in the request`);
      seen.add(id);
      const current = contacts[id];
      const keep = current !== undefined && !clear;
      const record: ContactRecord = {
        id,
        contactListId: list.id,
        data: fields.data,
        callable: fields.callable ?? (keep ? current.callable : true),
        phoneNumberStatus: fields.phoneNumberStatus ?? (keep ? current.phoneNumberStatus : {}),
        dateCreated: current?.dateCreated ?? at,
      };
      const contactable = fields.contactableStatus ?? (keep ? current.contactableStatus : undefined);
      if (contactable !== undefined) record.contactableStatus = contactable;
      const p = priority ?? current?.priority;
      if (p !== undefined) record.priority = p;
      return record;
    });
    for (const k of next) contacts[k.id] = k;
    touch(c);
    return c.json(next.map((k) => toContact(list, k)));
  });

  app.post(`${LIST}/contacts/bulk`, requirePermission('outbound:contact:view'), async (c) => {
    const list = contactListOf(c, c.req.param('contactListId'));
    const ids = await readJsonBody(c, z.array(z.string()).max(MAX_IDS), 'contact ids');
    const contacts = contactsOf(c, list);
    return c.json(ids.flatMap((id) => (contacts[id] ? [toContact(list, contacts[id])] : [])));
  });

  app.delete(`${LIST}/contacts`, requirePermission('outbound:contact:delete'), (c) => {
    const list = contactListOf(c, c.req.param('contactListId'));
    const ids = listQuery(c, 'contactIds');
    if (ids.length === 0) throw fieldError('contactIds', 'contactIds is required: the ids of the contacts to delete');
    if (ids.length > MAX_IDS) throw fieldError('contactIds', `at most ${MAX_IDS} contactIds; got ${ids.length}`);
    const contacts = contactsOf(c, list);
    for (const id of ids) delete contacts[id];
    touch(c);
    return c.body(null, 204);
  });

  app.post(`${LIST}/clear`, requirePermission('outbound:contact:delete'), (c) => {
    const list = contactListOf(c, c.req.param('contactListId'));
    ob(c).contacts[list.id] = {};
    touch(c);
    return c.body(null, 204);
  });

  app.get(`${LIST}/contacts/:contactId`, requirePermission('outbound:contact:view'), (c) => {
    const list = contactListOf(c, c.req.param('contactListId'));
    return c.json(toContact(list, contactOf(c, list, c.req.param('contactId'))));
  });

  app.put(`${LIST}/contacts/:contactId`, requirePermission('outbound:contact:edit'), async (c) => {
    const list = contactListOf(c, c.req.param('contactListId'));
    const current = contactOf(c, list, c.req.param('contactId'));
    const body = await readJsonBody(c, ContactBody, 'contact');
    if (body.id != null && body.id !== current.id)
      throw fieldError('id', `id ${body.id} is not the contact of the path (${current.id})`);
    const fields = contactFields(list, body, '');
    const next: ContactRecord = {
      ...current,
      data: fields.data,
      callable: fields.callable ?? current.callable,
      phoneNumberStatus: fields.phoneNumberStatus ?? current.phoneNumberStatus,
    };
    if (fields.contactableStatus !== undefined) next.contactableStatus = fields.contactableStatus;
    const priority = body.configurationOverrides?.priority;
    if (priority != null) next.priority = priority;
    contactsOf(c, list)[current.id] = next;
    touch(c);
    return c.json(toContact(list, next));
  });

  app.delete(`${LIST}/contacts/:contactId`, requirePermission('outbound:contact:delete'), (c) => {
    const list = contactListOf(c, c.req.param('contactListId'));
    const k = contactOf(c, list, c.req.param('contactId'));
    delete contactsOf(c, list)[k.id];
    touch(c);
    return c.body(null, 204);
  });
}
