/**
 * @module
 * Flow execution history (`POST /api/v2/flows/instances/query`, permission
 * `architect:flowInstance:search`): the executions the org recorded — launched through
 * `POST /api/v2/flows/executions` or started by a process-automation trigger — newest first, as
 * `FlowExecutionDataQueryResult`s, their end and error read from the attached workflow runtime.
 *
 * [INFERRED] Criteria: every group of `query` must hold; in a group, `criteria` and each of `and`
 * must hold, one of `or` (when given) and none of `not`. Keys `flowId`, `flowName`, `flowType`,
 * `flowVersion`, `conversationId` and `id`, operator `eq` (Genesys's query capabilities name more).
 */
import { isPlainObject } from '../../../core/index.ts';
import { badRequest } from '../../errors.ts';
import { readJsonObject } from '../../http.ts';
import type { EmulatorApp } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { compact } from '../conversations/views.ts';
import { flowLauncherOf } from './provider.ts';
import { flowsStore } from './store.ts';
import type { ExecutionRecord } from './store.ts';

const MAX_PAGE = 200;
const KEYS = ['flowId', 'flowName', 'flowType', 'flowVersion', 'conversationId', 'id'] as const;
type Key = (typeof KEYS)[number];

interface Item {
  readonly key: Key;
  readonly value: string;
}

function item(raw: unknown, field: string): Item {
  if (!isPlainObject(raw))
    throw badRequest(`${field} must be a criteria item {key, operator, value}`, [
      { errorCode: 'invalid.value', fieldName: field },
    ]);
  const key = raw.key;
  if (typeof key !== 'string' || !(KEYS as readonly string[]).includes(key)) {
    throw badRequest(`${field}.key must be one of ${KEYS.join(', ')}; got ${JSON.stringify(key)}`, [
      { errorCode: 'invalid.value', fieldName: `${field}.key` },
    ]);
  }
  const op = typeof raw.operator === 'string' ? raw.operator.toLowerCase() : 'eq';
  if (op !== 'eq' && op !== 'equals')
    throw badRequest(`${field}.operator must be eq; got ${JSON.stringify(raw.operator)}`, [
      { errorCode: 'invalid.value', fieldName: `${field}.operator` },
    ]);
  if (typeof raw.value !== 'string')
    throw badRequest(`${field}.value must be a string`, [{ errorCode: 'invalid.value', fieldName: `${field}.value` }]);
  return { key: key as Key, value: raw.value };
}

function list(raw: unknown, field: string): Item[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw))
    throw badRequest(`${field} must be an array of criteria items`, [{ errorCode: 'invalid.value', fieldName: field }]);
  return raw.map((r, i) => item(r, `${field}[${i}]`));
}

type Row = ExecutionRecord & { flowName: string; flowType: string };

function matches(row: Row, it: Item): boolean {
  const value: string | undefined =
    it.key === 'flowName'
      ? row.flowName
      : it.key === 'flowType'
        ? row.flowType
        : it.key === 'flowVersion'
          ? row.flowVersion
          : row[it.key];
  return it.key === 'flowName' || it.key === 'flowType'
    ? value?.toLowerCase() === it.value.toLowerCase()
    : value === it.value;
}

/**
 * Register `POST /api/v2/flows/instances/query`.
 * @example
 * registerFlowInstances(app);
 */
export function registerFlowInstances(app: EmulatorApp): void {
  app.post('/api/v2/flows/instances/query', requirePermission('architect:flowInstance:search'), async (c) => {
    const body = await readJsonObject(c);
    if (!Array.isArray(body.query))
      throw badRequest('query must be an array of criteria groups', [
        { errorCode: 'missing.value', fieldName: 'query' },
      ]);
    const groups = body.query.map((g, i) => {
      const field = `query[${i}]`;
      if (!isPlainObject(g))
        throw badRequest(`${field} must be a criteria group`, [{ errorCode: 'invalid.value', fieldName: field }]);
      return {
        criteria: g.criteria === undefined ? undefined : item(g.criteria, `${field}.criteria`),
        and: list(g.and, `${field}.and`),
        or: list(g.or, `${field}.or`),
        not: list(g.not, `${field}.not`),
      };
    });
    const raw = c.req.query('pageSize');
    const pageSize = raw === undefined || raw === '' ? 50 : Number(raw);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE)
      throw badRequest(
        `pageSize must be an integer between 1 and ${MAX_PAGE}; got "${raw}"`,
        [{ errorCode: 'invalid.value', fieldName: 'pageSize' }],
        'invalid.value',
      );
    const org = c.get('org');
    const state = org.get(flowsStore);
    const flowOf = (id: string): { name: string; type: string } | undefined => state.deployed?.[id] ?? state.flows[id];
    const rows: Row[] = Object.values(state.executions).map((e) => ({
      ...e,
      flowName: flowOf(e.flowId)?.name ?? e.name,
      flowType: flowOf(e.flowId)?.type ?? 'WORKFLOW',
    }));
    const selected = rows
      .filter((r) =>
        groups.every(
          (g) =>
            (!g.criteria || matches(r, g.criteria)) &&
            (g.and ?? []).every((i) => matches(r, i)) &&
            (!g.or || g.or.length === 0 || g.or.some((i) => matches(r, i))) &&
            !(g.not ?? []).some((i) => matches(r, i)),
        ),
      )
      .sort((a, b) => b.dateLaunched.localeCompare(a.dateLaunched) || b.id.localeCompare(a.id));
    const page = selected.slice(0, pageSize);
    const launcher = flowLauncherOf(c.get('services'));
    const entities = await Promise.all(
      page.map(async (r) => {
        const live = await launcher?.status(org.orgId, r.id);
        const failed = live?.status === 'FAILED' || live?.status === 'ERROR';
        return compact({
          id: r.id,
          name: r.name,
          startDateTime: r.dateLaunched,
          endDateTime: live?.dateCompleted,
          flowId: r.flowId,
          flowVersion: r.flowVersion,
          conversationId: r.conversationId,
          flowType: r.flowType,
          flowErrorReason: failed ? (live?.flowErrorInfo?.message ?? live?.completionReason) : undefined,
          flowName: r.flowName,
          selfUri: `/api/v2/flows/instances/${r.id}`,
        });
      }),
    );
    return c.json({
      entities,
      pageSize,
      pageNumber: 1,
      total: selected.length,
      pageCount: Math.ceil(selected.length / pageSize),
      selfUri: '/api/v2/flows/instances/query',
    });
  });
}
