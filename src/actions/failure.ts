/**
 * @module
 * The standard failure outputs every data action exposes to Architect on its Failure path
 * (platform spec §3.3 item 9), built from the Genesys `ErrorBody` of the failed execution.
 */
import { DATA_ACTION_FAILURE_OUTPUTS } from '../core/index.ts';
import type { ErrorBody } from '../core/index.ts';

/** The failure output names, exactly as Architect lists them. */
export const FAILURE_OUTPUT_NAMES = DATA_ACTION_FAILURE_OUTPUTS;

/** The failure outputs that are single values, the same in nested and flattened form. */
function scalarOutputs(body: ErrorBody): Record<string, unknown> {
  return {
    errorCode: body.code ?? null,
    status: body.status ?? null,
    correlationId: body.contextId ?? null,
    entityId: body.entityId ?? null,
    entityName: body.entityName ?? null,
    userMessage: body.message ?? null,
    userParamsMessage: body.messageWithParams ?? null,
  };
}

/**
 * The failure outputs in nested form (what `/execute` callers and traces show).
 * @example
 * failureOutputs({ code: 'not.found', status: 404, message: 'Conversation c1 not found', contextId: 'x' }).errorCode // → 'not.found'
 */
export function failureOutputs(body: ErrorBody): Record<string, unknown> {
  return {
    ...scalarOutputs(body),
    userParams: Object.entries(body.messageParams ?? {}).map(([key, value]) => ({ key, value })),
    details: (body.details ?? []).map((d) => ({
      errorCode: d.errorCode ?? null,
      fieldName: d.fieldName ?? null,
      entityId: d.entityId ?? null,
      entityName: d.entityName ?? null,
    })),
  };
}

/**
 * The failure outputs as Architect sees them: exactly {@link FAILURE_OUTPUT_NAMES}; the
 * `userParams.*` and `details.*` outputs are collections.
 * @example
 * Object.keys(flattenFailure(body)) // → FAILURE_OUTPUT_NAMES
 */
export function flattenFailure(body: ErrorBody): Record<string, unknown> {
  const params = Object.entries(body.messageParams ?? {});
  const details = body.details ?? [];
  return {
    ...scalarOutputs(body),
    'userParams.key': params.map(([k]) => k),
    'userParams.value': params.map(([, v]) => v),
    'details.errorCode': details.map((d) => d.errorCode ?? null),
    'details.fieldName': details.map((d) => d.fieldName ?? null),
    'details.entityId': details.map((d) => d.entityId ?? null),
    'details.entityName': details.map((d) => d.entityName ?? null),
  };
}
