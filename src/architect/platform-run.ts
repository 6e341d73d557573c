/**
 * @module
 * Running the lookup actions (Find User/Queue/Group, Get External Contact) and what every platform
 * action shares: the interpreter lends its value, assign and fail helpers; every API request goes through
 * `FlowStepTools.genesys` under a deterministic step id, so a durable engine journals it.
 */
import { toVariableValue } from './bindings.ts';
import { ArchitectErrors } from './errors.ts';
import { valueTypeName } from './expr/values.ts';
import type { Action, ArchValue, LookupAction, ValueSource } from './model.ts';
import { LOOKUPS, isById, lookupRequest, matchInPage } from './platform-actions.ts';
import type { GenesysRequest, GenesysResponse } from './platform-actions.ts';

/** What the platform actions borrow from the running interpreter. */
export interface PlatformRunContext {
  readonly genesys: ((stepId: string, request: GenesysRequest) => Promise<GenesysResponse>) | undefined;
  value(source: ValueSource, action: Action): ArchValue;
  assign(name: string, raw: unknown, action: Action, what: string): void;
  fail(code: string, message: string, action: Action): never;
  /** The run's clock (epoch ms), replay-safe. */
  now(): number;
}

/** Lookup pages are capped so a flow cannot page through an unbounded directory. */
/** How many pages a lookup through a listing reads at most. */
export const MAX_PAGES = 50;

/** The run's Genesys client, or a flow error naming the action that needed one. */
export function platformClient(
  ctx: PlatformRunContext,
  action: Action,
  label: string,
): (stepId: string, request: GenesysRequest) => Promise<GenesysResponse> {
  if (!ctx.genesys) {
    ctx.fail(
      ArchitectErrors.SB_ARCHITECT_ACTION_FAILED,
      `${label} calls Genesys Cloud, and this run has no Genesys Cloud client (the engine passes none)`,
      action,
    );
  }
  return ctx.genesys;
}

/** A flow error for an error answer, naming the request and (on 403) the permission. */
export function refusedAnswer(
  ctx: PlatformRunContext,
  action: Action,
  label: string,
  request: GenesysRequest,
  res: GenesysResponse,
  permission?: string,
): never {
  const hint = res.status === 403 && permission ? `; the workflow's client needs the permission ${permission}` : '';
  return ctx.fail(
    ArchitectErrors.SB_ARCHITECT_ACTION_FAILED,
    `${label}: ${request.method} ${request.path.split('?')[0]} answered ${res.status}${hint}`,
    action,
  );
}

/** A String input, NOT_SET as `null`; another type is a flow error. */
export function textValue(ctx: PlatformRunContext, action: Action, source: ValueSource, what: string): string | null {
  const v = ctx.value(source, action);
  if (v === null) return null;
  if (typeof v !== 'string')
    ctx.fail(ArchitectErrors.SB_ARCHITECT_EXPR_TYPE, `${what} must be String; got ${valueTypeName(v)}`, action);
  return v;
}

/**
 * Run a Find/Get lookup. A NOT_SET or empty key, a 404 (or 400, a malformed id) and no match are
 * Not Found [INFERRED]; any other error status ends the flow through error handling.
 */
export async function runLookup(
  ctx: PlatformRunContext,
  action: LookupAction,
  stepId: string,
): Promise<{ outcome: 'found' | 'notFound'; detail: Record<string, unknown> }> {
  const spec = LOOKUPS[action.lookup];
  const key = textValue(ctx, action, action.key, `the ${spec.keys[0]} of ${spec.label}`);
  if (key === null || key.trim() === '') return { outcome: 'notFound', detail: { key } };
  const call = platformClient(ctx, action, spec.label);
  let found: unknown;
  if (isById(action.lookup)) {
    const request = lookupRequest(action.lookup, key);
    const res = await call(stepId, request);
    if (res.status === 404 || res.status === 400) return { outcome: 'notFound', detail: { key } };
    if (res.status < 200 || res.status > 299) refusedAnswer(ctx, action, spec.label, request, res, spec.permission);
    found = res.body;
  } else {
    for (let page = 1; page <= MAX_PAGES; page++) {
      const request = lookupRequest(action.lookup, key, page);
      const res = await call(page === 1 ? stepId : `${stepId}@page${page}`, request);
      if (res.status < 200 || res.status > 299) refusedAnswer(ctx, action, spec.label, request, res, spec.permission);
      const { match, more } = matchInPage(action.lookup, key, res.body);
      if (match) {
        found = match;
        break;
      }
      if (!more) break;
    }
  }
  if (found === undefined) return { outcome: 'notFound', detail: { key } };
  const converted = toVariableValue(found, { base: spec.type, collection: false });
  if (!converted.ok)
    ctx.fail(
      ArchitectErrors.SB_ARCHITECT_ACTION_FAILED,
      `${spec.label}: the response is not a ${spec.type}: ${converted.reason}`,
      action,
    );
  if (action.result) ctx.assign(action.result, converted.value, action, `the result of ${spec.label}`);
  return { outcome: 'found', detail: { key } };
}
