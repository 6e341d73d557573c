/**
 * @module
 * Architect data tables: a table with a JSON-schema of typed columns (the key column `key` is a
 * string), and its rows by key — what Architect's Data Table Lookup reads.
 *
 * | Method | Path | Permission |
 * |---|---|---|
 * | GET | `/api/v2/flows/datatables?name=` | `architect:datatable:view` |
 * | POST | `/api/v2/flows/datatables` | `architect:datatable:add` |
 * | GET, DELETE | `/api/v2/flows/datatables/{id}` | `architect:datatable:view` / `:delete` |
 * | GET, POST | `/api/v2/flows/datatables/{id}/rows` | ANY `architect:datatableRow:view`, `architect:datatable:view` / ANY `architect:datatableRow:add`, `architect:datatable:edit` |
 * | GET, PUT, DELETE | `/api/v2/flows/datatables/{id}/rows/{key}` | the same, with `:edit` / `:delete` for rows [INFERRED: the row permissions accept the table's] |
 *
 * A row's values must fit their columns' types (string, integer, number, boolean); a missing value
 * takes the column's default. `name=` matches case-insensitively, with `*` as a wildcard. Register
 * before the flows provider: `/api/v2/flows/{flowId}` would take `datatables` for an id.
 */
import type { Context } from 'hono';
import { isPlainObject } from '../../../core/index.ts';
import { ApiError, badRequest, notFound } from '../../errors.ts';
import { pageParams, paged, readJsonObject } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv, Provider } from '../../provider-contract.ts';
import { declareStore } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';

type ColumnType = 'string' | 'integer' | 'number' | 'boolean';
interface Column {
  readonly title: string;
  readonly type: ColumnType;
  readonly displayOrder: number;
  readonly default?: string | number | boolean;
}
interface TableRecord {
  readonly id: string;
  name: string;
  description?: string;
  readonly columns: Record<string, Column>;
  rows: Record<string, Record<string, string | number | boolean>>;
}

const datatablesStore = declareStore<{ tables: Record<string, TableRecord> }>('datatables', () => ({ tables: {} }));
const BASE = '/api/v2/flows/datatables';
const MAX_ROWS = 5_000;
const TYPES: readonly ColumnType[] = ['string', 'integer', 'number', 'boolean'];

function schemaView(t: TableRecord): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    key: { title: 'key', type: 'string', $id: '/properties/key', displayOrder: 0, minLength: 1, maxLength: 256 },
  };
  for (const [name, col] of Object.entries(t.columns))
    properties[name] = {
      title: col.title,
      type: col.type,
      $id: `/properties/${name}`,
      displayOrder: col.displayOrder,
      ...(col.default === undefined ? {} : { default: col.default }),
    };
  return {
    $schema: 'http://json-schema.org/draft-04/schema#',
    type: 'object',
    additionalProperties: false,
    required: ['key'],
    properties,
  };
}

function tableView(t: TableRecord): Record<string, unknown> {
  return {
    id: t.id,
    name: t.name,
    ...(t.description === undefined ? {} : { description: t.description }),
    schema: schemaView(t),
    selfUri: `${BASE}/${t.id}`,
  };
}

function columnsOf(body: Record<string, unknown>): Record<string, Column> {
  const schema = isPlainObject(body.schema) ? body.schema : undefined;
  const props = schema && isPlainObject(schema.properties) ? schema.properties : undefined;
  if (!props)
    throw badRequest('schema.properties must describe the columns', [
      { errorCode: 'missing.value', fieldName: 'schema.properties' },
    ]);
  const out: Record<string, Column> = {};
  let order = 1;
  for (const [name, raw] of Object.entries(props)) {
    if (name === 'key') continue;
    const p = isPlainObject(raw) ? raw : {};
    const type = p.type as ColumnType;
    if (!TYPES.includes(type))
      throw badRequest(`column "${name}" must have a type of ${TYPES.join(', ')}; got ${JSON.stringify(p.type)}`, [
        { errorCode: 'invalid.value', fieldName: `schema.properties.${name}.type` },
      ]);
    const def = p.default;
    out[name] = {
      title: typeof p.title === 'string' ? p.title : name,
      type,
      displayOrder: typeof p.displayOrder === 'number' ? p.displayOrder : order,
      ...(def === undefined ? {} : { default: def as string | number | boolean }),
    };
    order++;
  }
  return out;
}

function fits(type: ColumnType, v: unknown): boolean {
  if (type === 'string') return typeof v === 'string';
  if (type === 'boolean') return typeof v === 'boolean';
  if (type === 'integer') return typeof v === 'number' && Number.isInteger(v);
  return typeof v === 'number' && Number.isFinite(v);
}

function rowOf(t: TableRecord, body: Record<string, unknown>, key: string): Record<string, string | number | boolean> {
  const row: Record<string, string | number | boolean> = { key };
  for (const name of Object.keys(body)) {
    if (name !== 'key' && !t.columns[name])
      throw badRequest(`row field "${name}" is not a column of data table ${t.name}`, [
        { errorCode: 'invalid.property', fieldName: name },
      ]);
  }
  for (const [name, col] of Object.entries(t.columns)) {
    const v = body[name] ?? col.default;
    if (v === undefined || v === null) continue;
    if (!fits(col.type, v))
      throw badRequest(`row field "${name}" must be ${col.type}; got ${JSON.stringify(v)}`, [
        { errorCode: 'invalid.value', fieldName: name },
      ]);
    row[name] = v as string | number | boolean;
  }
  return row;
}

function brief(row: Record<string, unknown>, showbrief: boolean): Record<string, unknown> {
  return showbrief ? { key: row.key } : row;
}

function register(app: EmulatorApp): void {
  const state = (c: Context<EmulatorEnv>) => c.get('org').get(datatablesStore);
  const touch = (c: Context<EmulatorEnv>): void => c.get('org').touch(datatablesStore);
  const table = (c: Context<EmulatorEnv>): TableRecord => {
    const id = c.req.param('datatableId') ?? '';
    const t = state(c).tables[id];
    if (!t) throw notFound('data table', id);
    return t;
  };
  // Genesys answers rows briefly (keys only) unless showbrief=false.
  const showbrief = (c: Context<EmulatorEnv>): boolean => c.req.query('showbrief') !== 'false';

  app.get(BASE, requirePermission('architect:datatable:view'), (c) => {
    const name = c.req.query('name');
    const re = name
      ? new RegExp(
          `^${name
            .split('*')
            .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('.*')}$`,
          'i',
        )
      : undefined;
    const all = Object.values(state(c).tables)
      .filter((t) => !re || re.test(t.name))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(tableView);
    return c.json(paged(all, pageParams(c), BASE));
  });
  app.post(BASE, requirePermission('architect:datatable:add'), async (c) => {
    const body = await readJsonObject(c);
    if (typeof body.name !== 'string' || body.name.trim() === '')
      throw badRequest('name is required', [{ errorCode: 'missing.value', fieldName: 'name' }]);
    const taken = Object.values(state(c).tables).find((t) => t.name.toLowerCase() === String(body.name).toLowerCase());
    if (taken)
      throw new ApiError(
        409,
        'conflict',
        `A data table named ${JSON.stringify(body.name)} already exists (${taken.id})`,
      );
    const t: TableRecord = {
      id: c.get('services').ids.uuid(),
      name: body.name,
      ...(typeof body.description === 'string' ? { description: body.description } : {}),
      columns: columnsOf(body),
      rows: {},
    };
    state(c).tables[t.id] = t;
    touch(c);
    return c.json(tableView(t));
  });
  app.get(`${BASE}/:datatableId`, requirePermission('architect:datatable:view'), (c) => c.json(tableView(table(c))));
  app.delete(`${BASE}/:datatableId`, requirePermission('architect:datatable:delete'), (c) => {
    const t = table(c);
    delete state(c).tables[t.id];
    touch(c);
    return c.body(null, 204);
  });
  app.get(
    `${BASE}/:datatableId/rows`,
    requirePermission('architect:datatableRow:view', 'architect:datatable:view'),
    (c) => {
      const t = table(c);
      const rows = Object.values(t.rows)
        .sort((a, b) => String(a.key).localeCompare(String(b.key)))
        .map((r) => brief(r, showbrief(c)));
      return c.json(paged(rows, pageParams(c), `${BASE}/${t.id}/rows`));
    },
  );
  app.post(
    `${BASE}/:datatableId/rows`,
    requirePermission('architect:datatableRow:add', 'architect:datatable:edit'),
    async (c) => {
      const t = table(c);
      const body = await readJsonObject(c);
      if (typeof body.key !== 'string' || body.key === '')
        throw badRequest('key is required and must be a string', [{ errorCode: 'missing.value', fieldName: 'key' }]);
      if (t.rows[body.key])
        throw new ApiError(
          409,
          'conflict',
          `Data table ${t.name} already has a row with key ${JSON.stringify(body.key)}`,
        );
      if (Object.keys(t.rows).length >= MAX_ROWS)
        throw badRequest(`A data table holds at most ${MAX_ROWS} rows`, [], 'limit.exceeded');
      const row = rowOf(t, body, body.key);
      t.rows[body.key] = row;
      touch(c);
      return c.json(row);
    },
  );
  app.get(
    `${BASE}/:datatableId/rows/:rowId`,
    requirePermission('architect:datatableRow:view', 'architect:datatable:view'),
    (c) => {
      const t = table(c);
      const row = t.rows[c.req.param('rowId')];
      if (!row) throw notFound('data table row', c.req.param('rowId'));
      return c.json(brief(row, showbrief(c)));
    },
  );
  app.put(
    `${BASE}/:datatableId/rows/:rowId`,
    requirePermission('architect:datatableRow:edit', 'architect:datatable:edit'),
    async (c) => {
      const t = table(c);
      const key = c.req.param('rowId');
      if (!t.rows[key]) throw notFound('data table row', key);
      const row = rowOf(t, { ...(await readJsonObject(c)), key }, key);
      t.rows[key] = row;
      touch(c);
      return c.json(row);
    },
  );
  app.delete(
    `${BASE}/:datatableId/rows/:rowId`,
    requirePermission('architect:datatableRow:delete', 'architect:datatable:edit'),
    (c) => {
      const t = table(c);
      const key = c.req.param('rowId');
      if (!t.rows[key]) throw notFound('data table row', key);
      delete t.rows[key];
      touch(c);
      return c.body(null, 204);
    },
  );
}

/** The Architect data tables provider. */
export const datatablesProvider: Provider = { name: 'datatables', register };
