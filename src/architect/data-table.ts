/**
 * @module
 * Data Table Lookup: the row of an Architect data table whose key is the lookup value, its columns
 * written to variables. Found, Not Found and Failure paths, as in Architect: a row that does not
 * exist is Not Found; a table that cannot be read (missing, no permission, an error of the org) is
 * Failure, with `errorType` and `errorMessage` written when the flow maps them [INFERRED: the
 * exact error types are not documented] (docs/architect-semantics.md).
 */
import { isPlainObject } from '../core/index.ts';
import { ArchitectErrors } from './errors.ts';
import type { DataTableLookupAction } from './model.ts';
import type { GenesysRequest } from './platform-actions.ts';
import type { PlatformRunContext } from './platform-run.ts';
import { valueTypeName } from './expr/values.ts';

/** The permission Data Table Lookup needs. */
const DATA_TABLE_PERMISSION = 'architect:datatable:view';

/** What a lookup did: its path, and what to record. */
export interface DataTableOutcome {
  readonly outcome: 'found' | 'notFound' | 'failure';
  readonly detail: Record<string, unknown>;
}

const enc = encodeURIComponent;

/**
 * Run a Data Table Lookup through the flow's Genesys client.
 * @example
 * const { outcome } = await runDataTableLookup(ctx, action, 'Main/3');
 */
export async function runDataTableLookup(
  ctx: PlatformRunContext,
  action: DataTableLookupAction,
  stepId: string,
): Promise<DataTableOutcome> {
  const raw = ctx.value(action.key, action);
  if (raw !== null && typeof raw !== 'string')
    ctx.fail(
      ArchitectErrors.SB_ARCHITECT_EXPR_TYPE,
      `the lookup value of Data Table Lookup must be String; got ${valueTypeName(raw)}`,
      action,
    );
  const key = raw;
  const failure = (errorType: string, errorMessage: string): DataTableOutcome => {
    if (action.errorType) ctx.assign(action.errorType, errorType, action, 'the errorType of Data Table Lookup');
    if (action.errorMessage)
      ctx.assign(action.errorMessage, errorMessage, action, 'the errorMessage of Data Table Lookup');
    return { outcome: 'failure', detail: { table: action.table, key, errorType, errorMessage } };
  };
  if (key === null || key === '') return failure('InvalidLookupValue', 'The lookup value is NOT_SET or empty');
  if (!ctx.genesys)
    ctx.fail(
      ArchitectErrors.SB_ARCHITECT_ACTION_FAILED,
      'Data Table Lookup calls Genesys Cloud, and this run has no Genesys Cloud client (the engine passes none)',
      action,
    );
  const call = ctx.genesys;
  const list: GenesysRequest = {
    method: 'GET',
    path: `/api/v2/flows/datatables?name=${enc(action.table)}&pageSize=100`,
  };
  const tables = await call(stepId, list);
  if (tables.status !== 200)
    return failure(
      tables.status === 403 ? 'PermissionDenied' : 'DataTableUnavailable',
      `GET /api/v2/flows/datatables answered ${tables.status}${tables.status === 403 ? `; the workflow's client needs ${DATA_TABLE_PERMISSION}` : ''}`,
    );
  const entities =
    isPlainObject(tables.body) && Array.isArray(tables.body.entities) ? tables.body.entities.filter(isPlainObject) : [];
  const table = entities.find((t) => typeof t.name === 'string' && t.name.toLowerCase() === action.table.toLowerCase());
  if (!table) return failure('DataTableNotFound', `The org has no data table named ${JSON.stringify(action.table)}`);
  const row = await call(`${stepId}@row`, {
    method: 'GET',
    path: `/api/v2/flows/datatables/${enc(String(table.id))}/rows/${enc(key)}?showbrief=false`,
  });
  if (row.status === 404) return { outcome: 'notFound', detail: { table: action.table, key } };
  if (row.status !== 200 || !isPlainObject(row.body))
    return failure(
      'DataTableUnavailable',
      `GET the row ${JSON.stringify(key)} of ${action.table} answered ${row.status}`,
    );
  const values: Record<string, unknown> = {};
  for (const o of action.outputs) {
    const v = Object.hasOwn(row.body, o.column) ? row.body[o.column] : null;
    values[o.column] = v;
    ctx.assign(o.variable, v, action, `column "${o.column}" of Data Table Lookup`);
  }
  return { outcome: 'found', detail: { table: action.table, key, values } };
}
