/**
 * @module
 * Permission checks. Genesys permissions are `domain:entity:action`; a role may grant `*` in any
 * position (e.g. `conversation:*:*`).
 */
import type { MiddlewareHandler } from 'hono';
import { missingPermissions } from './errors.ts';
import type { EmulatorEnv } from './provider-contract.ts';

/** Whether a granted permission (possibly with `*`) covers a required one. */
function permissionCovers(granted: string, required: string): boolean {
  if (granted === '*' || granted === required) return true;
  const g = granted.split(':');
  const r = required.split(':');
  if (g.length !== r.length) return false;
  return g.every((part, i) => part === '*' || part === r[i]);
}

/** Whether a permission set holds any of `anyOf` (an empty list needs only a valid token). */
function hasAnyPermission(granted: ReadonlySet<string>, anyOf: readonly string[]): boolean {
  if (anyOf.length === 0) return true;
  for (const req of anyOf) for (const g of granted) if (permissionCovers(g, req)) return true;
  return false;
}

/**
 * Route middleware: 403 `missing.permissions` naming the permissions unless the caller holds ANY.
 * @example
 * app.get('/api/v2/users/:id', requirePermission('directory:user:view'), handler)
 */
export function requirePermission(...anyOf: string[]): MiddlewareHandler<EmulatorEnv> {
  const check: MiddlewareHandler<EmulatorEnv> = async (c, next) => {
    if (!hasAnyPermission(c.get('principal').permissions, anyOf)) throw missingPermissions(anyOf);
    await next();
  };
  return tagPermissions(check, anyOf, 'any');
}

/** The permissions a route declares, as the gateway's route table reads them. */
export interface DeclaredPermissions {
  readonly permissions: readonly string[];
  readonly mode: 'any' | 'all';
}

const DECLARED = new WeakMap<object, DeclaredPermissions>();

function tagPermissions(
  mw: MiddlewareHandler<EmulatorEnv>,
  permissions: readonly string[],
  mode: 'any' | 'all',
): MiddlewareHandler<EmulatorEnv> {
  DECLARED.set(mw, { permissions: [...permissions], mode });
  return mw;
}

/** The permissions declared by a `requirePermission` / `requireAllPermissions` middleware, if it is one. */
export function declaredPermissions(handler: unknown): DeclaredPermissions | undefined {
  return typeof handler === 'function' ? DECLARED.get(handler) : undefined;
}

/** Like {@link requirePermission} but the caller must hold ALL of them. */
export function requireAllPermissions(...allOf: string[]): MiddlewareHandler<EmulatorEnv> {
  const check: MiddlewareHandler<EmulatorEnv> = async (c, next) => {
    const missing = allOf.filter((p) => !hasAnyPermission(c.get('principal').permissions, [p]));
    if (missing.length > 0) throw missingPermissions(missing);
    await next();
  };
  return tagPermissions(check, allOf, 'all');
}
