/**
 * @module
 * Genesys-shaped API errors raised by providers and serialized by the gateway's last handler.
 */
import { defineErrorCodes } from '../core/index.ts';
import type { ErrorBody, ErrorDetail } from '../core/index.ts';

/** The emulator's own error codes (beside the Genesys codes its providers answer with). */
export const EmulatorErrors = defineErrorCodes('emulator', {
  SB_EMULATOR_STATE: {
    summary: 'The emulator state file cannot be opened, read or restored.',
    retry: 'never',
    hint: 'Check the --state path, or delete the file to start from a fresh org.',
    status: 500,
  },
  SB_EMULATOR_CONTROL_FORBIDDEN: {
    summary:
      'A control API request (/_switchboard/) came from a web page of another site, was addressed to a host name that is not loopback, or was a POST without a JSON content type.',
    retry: 'never',
    hint: 'Call the control API from a script or the CLI at http://127.0.0.1:<port>/_switchboard/ (or localhost), and send POST bodies with Content-Type: application/json.',
    status: 403,
  },
  SB_EMULATOR_FOREIGN_HOST: {
    summary:
      'A request for another service (not Genesys Cloud) reached the embedded emulator, e.g. a web-services data action calling a third-party API.',
    retry: 'never',
    hint: 'The emulator answers Genesys Cloud only: give it a mocks file for that host (switchboard emulator/up/start --mocks <file>, or createEmulator({ thirdParty })), pass the host through (--passthrough <host>), or run against a real org.',
    status: 502,
  },
  SB_EMULATOR_BODY_TOO_LARGE: {
    summary:
      'A request body to the emulator is larger than it accepts (10 MiB unless the maxBodyBytes option says otherwise).',
    retry: 'never',
    hint: 'Send a smaller body (page or split the request), or start the emulator with a larger maxBodyBytes.',
    status: 413,
  },
  SB_EMULATOR_NOT_MODELED: {
    summary:
      'The request names a Platform API operation the emulator knows from the SDK catalogue but does not model (docs/emulator-coverage.md lists the modeled ones).',
    retry: 'never',
    hint: 'Run this call against a real Genesys Cloud org, or add the operation to the emulator provider of its API area.',
    status: 501,
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

  constructor(
    status: number,
    code: string,
    message: string,
    extra: Partial<ErrorBody> = {},
    headers: Record<string, string> = {},
  ) {
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

/** 409 `general.conflict`: a name already taken, an object still in use. */
export function conflict(message: string): ApiError {
  return new ApiError(409, 'general.conflict', message);
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
