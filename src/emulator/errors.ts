/**
 * @module
 * Genesys-shaped API errors raised by providers and serialized by the gateway's last handler.
 */
import { defineErrorCodes } from '../core/index.ts';
import type { ErrorBody, ErrorDetail } from '../core/index.ts';

export const EmulatorErrors = defineErrorCodes('emulator', {
  SB_EMULATOR_STATE: {
    summary: 'The emulator state file cannot be opened, read or restored.',
    retry: 'never',
    hint: 'Check the --state path, or delete the file to start from a fresh org.',
    status: 500,
  },
});

/**
 * An error that the gateway turns into a Genesys `ErrorBody` response. Throw it from providers.
 * @example
 * throw new ApiError(404, 'not.found', `User ${id} not found`);
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly extra: Partial<ErrorBody>;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, extra: Partial<ErrorBody> = {}, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.extra = extra;
    this.headers = headers;
  }

  /** The wire body, with the request's correlation id. */
  body(contextId: string): ErrorBody {
    return {
      message: this.message,
      code: this.code,
      status: this.status,
      ...this.extra,
      contextId,
      details: this.extra.details ?? [],
      errors: this.extra.errors ?? [],
    };
  }
}

/** 400 for an invalid field, naming it. */
export function badRequest(message: string, details: ErrorDetail[] = [], code = 'bad.request'): ApiError {
  return new ApiError(400, code, message, { details });
}

/** 404 for an unknown entity. */
export function notFound(entity: string, id: string): ApiError {
  return new ApiError(404, 'not.found', `${entity} ${id} not found`, { entityId: id, entityName: entity });
}

/** 403 naming the permission(s) the caller lacks. */
export function missingPermissions(anyOf: readonly string[]): ApiError {
  const list = anyOf.join(', ');
  return new ApiError(403, 'missing.permissions', `You are missing the following permission(s): [${list}]`, {
    messageWithParams: 'You are missing the following permission(s): [{permissions}]',
    messageParams: { permissions: list },
  });
}
