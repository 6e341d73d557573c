/**
 * @module
 * Genesys Cloud's error body (platform spec §5.2), shared by the client and the emulator.
 */

/** One field-level detail of an {@link ErrorBody}. */
export interface ErrorDetail {
  errorCode?: string;
  fieldName?: string;
  entityId?: string;
  entityName?: string;
}

/** A configurable org limit that was hit. */
interface ErrorLimit {
  key?: string;
  namespace?: string;
  value?: number;
}

/** Genesys Cloud's `ErrorBody`, as every Platform API error returns it. */
export interface ErrorBody {
  message?: string;
  code?: string;
  status?: number;
  entityId?: string;
  entityName?: string;
  messageWithParams?: string;
  messageParams?: Record<string, string>;
  contextId?: string;
  details?: ErrorDetail[];
  errors?: ErrorBody[];
  limit?: ErrorLimit;
}

/** The response header that carries the correlation id (equal to `contextId`). */
export const CORRELATION_HEADER = 'ININ-Correlation-Id';

/** Whether a parsed JSON value looks like an {@link ErrorBody}. */
export function isErrorBody(v: unknown): v is ErrorBody {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    (typeof (v as ErrorBody).code === 'string' || typeof (v as ErrorBody).message === 'string') &&
    (typeof (v as ErrorBody).status === 'number' || (v as ErrorBody).status === undefined)
  );
}

/**
 * The outputs of a data action's Failure path, exactly as Architect lists them for every Call
 * Data Action (platform.md §3.3 item 9): the flattened `ErrorBody` of the failed execution.
 */
export const DATA_ACTION_FAILURE_OUTPUTS = [
  'errorCode',
  'status',
  'correlationId',
  'entityId',
  'entityName',
  'userMessage',
  'userParamsMessage',
  'userParams.key',
  'userParams.value',
  'details.errorCode',
  'details.fieldName',
  'details.entityId',
  'details.entityName',
] as const;
