/**
 * @module
 * The emulated routes, read from the gateway's Hono app: what is served, with which permissions.
 * The same table decides between 405 (known path, other method) and 501 (not emulated).
 */
import type { EmulatorApp } from './provider-contract.ts';
import { declaredPermissions } from './permissions.ts';

/** One emulated operation. */
export interface RouteInfo {
  readonly method: string;
  /** Genesys-style path template, e.g. `/api/v2/users/{userId}`. */
  readonly path: string;
  /** Permissions the route checks (empty: a valid token is enough). */
  readonly permissions: readonly string[];
  /** Whether the caller needs any one (`any`) or all (`all`) of `permissions`. */
  readonly permissionMode: 'any' | 'all';
  /** `METHOD path`, the name 501 messages and docs use. */
  readonly operation: string;
}

/** A compiled route pattern for method lookup. */
interface RoutePattern {
  readonly method: string;
  readonly regex: RegExp;
}

const toTemplate = (honoPath: string): string => honoPath.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?\??/g, '{$1}');

function toRegex(honoPath: string): RegExp {
  const body = honoPath
    .split(/(:[A-Za-z0-9_]+(?:\{[^}]*\})?\??|\*)/)
    .map((part) => (part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}/?$`);
}

/**
 * The route table of an app, sorted by path then method (middleware-only `ALL` entries skipped).
 * @example
 * routeTable(app).find((r) => r.operation === 'GET /api/v2/users/{userId}')?.permissions // ['directory:user:view']
 */
export function routeTable(app: EmulatorApp): RouteInfo[] {
  const byOp = new Map<string, { method: string; path: string; permissions: string[]; mode: 'any' | 'all' }>();
  for (const r of app.routes) {
    if (r.method === 'ALL') continue;
    const path = toTemplate(r.path);
    const op = `${r.method} ${path}`;
    const entry = byOp.get(op) ?? { method: r.method, path, permissions: [], mode: 'any' as const };
    const declared = declaredPermissions(r.handler);
    if (declared) {
      entry.permissions.push(...declared.permissions);
      entry.mode = declared.mode;
    }
    byOp.set(op, entry);
  }
  return [...byOp.entries()]
    .map(([operation, e]) => ({
      method: e.method,
      path: e.path,
      permissions: e.permissions,
      permissionMode: e.mode,
      operation,
    }))
    .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** Finds which methods an app serves for a concrete path. */
export class MethodIndex {
  readonly #patterns: RoutePattern[];

  constructor(app: EmulatorApp) {
    this.#patterns = app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => ({ method: r.method, regex: toRegex(r.path) }));
  }

  /** The methods served on `path` (empty: the path is unknown). */
  methodsFor(path: string): string[] {
    const out = new Set<string>();
    for (const p of this.#patterns) if (p.regex.test(path)) out.add(p.method);
    return [...out].sort();
  }
}
