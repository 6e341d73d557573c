/**
 * @module
 * Contact lists: create, list, read, update and delete. What Genesys documents (the SDK's models):
 *
 * - `columnNames` is required; a column name has at most 128 characters, a list at most 50 columns
 *   and 10 phone columns [INFERRED: limits quoted by a secondary source].
 * - A phone, email or WhatsApp column, `previewModeColumnName` and `zipCodeColumnName` must be
 *   one of `columnNames`; a column's `callableTimeColumn` / `contactableTimeColumn` too.
 * - `zipCodeColumnName` is only allowed with `automaticTimeZoneMapping: true`, a phone column's
 *   `callableTimeColumn` only without it.
 * - An update (PUT) must carry the list's current `version`: 400 without one, 409 when stale.
 *
 * [INFERRED] Column names are unique case-insensitively (400 naming `columnNames`), and so are
 * list names in the org (409 `general.conflict`). A column is a phone column, an email column or a
 * WhatsApp column, not two of them. A PUT may add columns but not drop one a contact has a value
 * in. `attemptLimits` is kept unchecked (attempt limits are not modeled). A list lives in the org's
 * home division. `includeImportStatus` is accepted and no `importStatus` answered (nothing is
 * imported). Deleting a list deletes its contacts. The retention fields (`retentionType`,
 * `retentionDays`, `dateExpiration`, `timeZone`) and `columnDataTypeSpecifications` are not
 * modeled: a body that sets one is a 400 naming it.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { conflict } from '../../errors.ts';
import { readJsonBody } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import {
  OB,
  REF,
  boolQuery,
  checkVersion,
  contactListOf,
  divisionOf,
  fieldError,
  listing,
  nameTaken,
  newListBase,
  now,
  ob,
  touch,
} from './common.ts';
import type { ContactListRecord, TypedColumn } from './store.ts';
import { toContactList } from './views.ts';

type C = Context<EmulatorEnv>;

const MAX_COLUMNS = 50;
const MAX_PHONE_COLUMNS = 10;

const COLUMN_NAME = z.string().trim().min(1).max(128, 'a column name has at most 128 characters');
const OPTIONAL_NAME = z.string().trim().min(1).nullish();

const PhoneColumn = z
  .object({
    columnName: z.string(),
    type: z.string().trim().min(1),
    callableTimeColumn: OPTIONAL_NAME,
    callableTimeColumnName: OPTIONAL_NAME,
  })
  .loose();
const ContactColumn = z
  .object({
    columnName: z.string(),
    type: z.string().trim().min(1),
    contactableTimeColumn: OPTIONAL_NAME,
    contactableTimeColumnName: OPTIONAL_NAME,
  })
  .loose();

const ContactListBody = z
  .object({
    name: z.string().trim().min(1, 'a name is required').max(256),
    version: z.number().int().nullish(),
    division: REF.nullish(),
    columnNames: z.array(COLUMN_NAME).min(1, 'at least one column'),
    phoneColumns: z.array(PhoneColumn).nullish(),
    emailColumns: z.array(ContactColumn).nullish(),
    whatsAppColumns: z.array(ContactColumn).nullish(),
    previewModeColumnName: OPTIONAL_NAME,
    previewModeAcceptedValues: z.array(z.string()).nullish(),
    attemptLimits: REF.nullish(),
    automaticTimeZoneMapping: z.boolean().nullish(),
    zipCodeColumnName: OPTIONAL_NAME,
    trimWhitespace: z.boolean().nullish(),
  })
  .loose();
type Body = z.infer<typeof ContactListBody>;

const UNMODELED = ['retentionType', 'retentionDays', 'dateExpiration', 'timeZone', 'columnDataTypeSpecifications'];

/** 400 naming an SDK field the emulator does not model. */
function refuseUnmodeled(body: Record<string, unknown>): void {
  const f = UNMODELED.find((k) => {
    const v = body[k];
    return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
  });
  if (f !== undefined)
    throw fieldError(
      f,
      `${f} is not modeled by the emulator; send the contact list without it, or run against a real org`,
    );
}

/** The columns of a body's typed columns, checked against `columnNames`. */
function typedColumns(
  field: string,
  cols: readonly z.infer<typeof ContactColumn>[] | readonly z.infer<typeof PhoneColumn>[],
  columns: readonly string[],
  timeField: 'callableTimeColumn' | 'contactableTimeColumn',
  taken: Map<string, string>,
): TypedColumn[] {
  return cols.map((col, i) => {
    if (!columns.includes(col.columnName))
      throw fieldError(
        `${field}.${i}.columnName`,
        `${field}[${i}].columnName "${col.columnName}" is not one of columnNames (${columns.join(', ')})`,
      );
    const other = taken.get(col.columnName);
    if (other !== undefined)
      throw fieldError(`${field}.${i}.columnName`, `column "${col.columnName}" is already one of ${other}`);
    taken.set(col.columnName, field);
    const raw = col as Record<string, unknown>;
    const time = (raw[timeField] ?? raw[`${timeField}Name`]) as string | null | undefined;
    if (time != null && !columns.includes(time))
      throw fieldError(`${field}.${i}.${timeField}`, `${field}[${i}].${timeField} "${time}" is not one of columnNames`);
    return { columnName: col.columnName, type: col.type, ...(time != null ? { timeColumn: time } : {}) };
  });
}

/** The list's column settings from a body, by the documented rules. */
function columnsOf(
  body: Body,
): Omit<ContactListRecord, 'id' | 'name' | 'divisionId' | 'version' | 'dateCreated' | 'dateModified'> {
  const columns = body.columnNames;
  if (columns.length > MAX_COLUMNS)
    throw fieldError('columnNames', `a contact list has at most ${MAX_COLUMNS} columns; got ${columns.length}`);
  const seen = new Set<string>();
  for (const name of columns) {
    if (seen.has(name.toLowerCase())) throw fieldError('columnNames', `column "${name}" is named twice`);
    seen.add(name.toLowerCase());
  }
  const automatic = body.automaticTimeZoneMapping ?? false;
  const phones = body.phoneColumns ?? [];
  if (phones.length > MAX_PHONE_COLUMNS)
    throw fieldError(
      'phoneColumns',
      `a contact list has at most ${MAX_PHONE_COLUMNS} phone columns; got ${phones.length}`,
    );
  const taken = new Map<string, string>();
  const phoneColumns = typedColumns('phoneColumns', phones, columns, 'callableTimeColumn', taken);
  const timed = phoneColumns.findIndex((p) => p.timeColumn !== undefined);
  if (automatic && timed >= 0)
    throw fieldError(
      `phoneColumns.${timed}.callableTimeColumn`,
      'callableTimeColumn is not allowed when automaticTimeZoneMapping is true',
    );
  const emailColumns = typedColumns('emailColumns', body.emailColumns ?? [], columns, 'contactableTimeColumn', taken);
  const whatsAppColumns = typedColumns(
    'whatsAppColumns',
    body.whatsAppColumns ?? [],
    columns,
    'contactableTimeColumn',
    taken,
  );
  for (const f of ['previewModeColumnName', 'zipCodeColumnName'] as const) {
    const v = body[f];
    if (v != null && !columns.includes(v))
      throw fieldError(f, `${f} "${v}" is not one of columnNames (${columns.join(', ')})`);
  }
  if (body.zipCodeColumnName != null && !automatic)
    throw fieldError('zipCodeColumnName', 'zipCodeColumnName is only allowed when automaticTimeZoneMapping is true');
  return {
    columnNames: [...columns],
    phoneColumns,
    emailColumns,
    whatsAppColumns,
    ...(body.previewModeColumnName != null ? { previewModeColumnName: body.previewModeColumnName } : {}),
    ...(body.previewModeAcceptedValues != null
      ? { previewModeAcceptedValues: [...body.previewModeAcceptedValues] }
      : {}),
    ...(body.attemptLimits != null ? { attemptLimitsId: body.attemptLimits.id } : {}),
    automaticTimeZoneMapping: automatic,
    ...(body.zipCodeColumnName != null ? { zipCodeColumnName: body.zipCodeColumnName } : {}),
    trimWhitespace: body.trimWhitespace ?? true,
  };
}

async function readBody(c: C): Promise<Body> {
  const body = await readJsonBody(c, ContactListBody, 'contact list');
  refuseUnmodeled(body);
  return body;
}

/** Register the contact list routes. */
export function registerContactLists(app: EmulatorApp): void {
  app.post(`${OB}/contactlists`, requirePermission('outbound:contactList:add'), async (c) => {
    const body = await readBody(c);
    const store = ob(c);
    const record: ContactListRecord = {
      ...newListBase(c, Object.values(store.contactLists), body, 'contact list'),
      ...columnsOf(body),
    };
    store.contactLists[record.id] = record;
    store.contacts[record.id] = {};
    touch(c);
    return c.json(toContactList(c, record));
  });

  app.get(`${OB}/contactlists`, requirePermission('outbound:contactList:view'), (c) => {
    for (const p of ['timeZone', 'dateExpiration'])
      if (c.req.query(p) !== undefined)
        throw fieldError(p, `${p} is not modeled by the emulator (contact list retention); list without it`);
    boolQuery(c, 'includeImportStatus');
    boolQuery(c, 'allowEmptyResult');
    const size = boolQuery(c, 'includeSize');
    const all = Object.values(ob(c).contactLists);
    return c.json(listing(c, all, (l) => toContactList(c, l, size), `${OB}/contactlists`));
  });

  app.get(`${OB}/contactlists/:contactListId`, requirePermission('outbound:contactList:view'), (c) => {
    boolQuery(c, 'includeImportStatus');
    return c.json(toContactList(c, contactListOf(c, c.req.param('contactListId')), boolQuery(c, 'includeSize')));
  });

  app.put(`${OB}/contactlists/:contactListId`, requirePermission('outbound:contactList:edit'), async (c) => {
    const current = contactListOf(c, c.req.param('contactListId'));
    const body = await readBody(c);
    checkVersion('contact list', current, body.version ?? undefined);
    const store = ob(c);
    if (nameTaken(Object.values(store.contactLists), body.name, current.id))
      throw conflict(`A contact list named "${body.name}" already exists`);
    const columns = columnsOf(body);
    const contacts = Object.values(store.contacts[current.id] ?? {});
    for (const dropped of current.columnNames.filter((n) => !columns.columnNames.includes(n)))
      if (contacts.some((k) => (k.data[dropped] ?? '') !== ''))
        throw fieldError(
          'columnNames',
          `column "${dropped}" cannot be removed: contacts of the list have values in it`,
        );
    for (const k of contacts)
      for (const key of Object.keys(k.data)) if (!columns.columnNames.includes(key)) delete k.data[key];
    const next: ContactListRecord = {
      id: current.id,
      name: body.name,
      divisionId: divisionOf(c, body.division ?? undefined),
      version: current.version + 1,
      dateCreated: current.dateCreated,
      dateModified: now(c),
      ...columns,
    };
    store.contactLists[current.id] = next;
    touch(c);
    return c.json(toContactList(c, next));
  });

  app.delete(`${OB}/contactlists/:contactListId`, requirePermission('outbound:contactList:delete'), (c) => {
    const list = contactListOf(c, c.req.param('contactListId'));
    const store = ob(c);
    delete store.contactLists[list.id];
    delete store.contacts[list.id];
    touch(c);
    return c.body(null, 204);
  });
}
