/**
 * @module
 * SCIM's error body (RFC 7644 §3.12): every error of a SCIM route, the gateway's 403 and 400s
 * included, answers `{ schemas: [Error], status, scimType?, detail }` rather than Genesys's
 * `ErrorBody` `[INFERRED: Genesys documents the SCIM error model, not which failures use it]`.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../../errors.ts';
import type { EmulatorEnv } from '../../provider-contract.ts';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** RFC 7644 `scimType`s this provider answers. */
type ScimType =
  | 'invalidFilter'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'invalidValue'
  | 'invalidVers'
  | 'mutability'
  | 'noTarget'
  | 'uniqueness';

/**
 * A SCIM failure. It is an {@link ApiError}, so the gateway's error handler answers it quietly;
 * {@link scimErrors} then rewrites the answer in SCIM's shape.
 * @example
 * throw new ScimError(400, 'invalidValue', 'displayName is required');
 */
export class ScimError extends ApiError {
  readonly scimType: ScimType | undefined;

  constructor(status: 400 | 404 | 409, scimType: ScimType | undefined, detail: string) {
    super(status, status === 404 ? 'not.found' : status === 409 ? 'general.conflict' : 'bad.request', detail);
    this.scimType = scimType;
  }
}

/** Route middleware (first of a SCIM route): any 4xx of the route answers SCIM's error body. */
export const scimErrors: MiddlewareHandler<EmulatorEnv> = async (c, next) => {
  await next();
  const e = c.error;
  if (!(e instanceof ApiError) || e.status >= 500) return;
  const scimType = e instanceof ScimError ? e.scimType : e.status === 400 ? 'invalidSyntax' : undefined;
  c.res = c.json(
    { schemas: [ERROR], status: String(e.status), ...(scimType ? { scimType } : {}), detail: e.message },
    e.status as 400,
  );
};
