/**
 * @module
 * Which catalogue operations the emulator models, computed from the routes its providers
 * registered (not a hand-kept list).
 */
import type { CatalogueRow } from './catalogue.ts';
import { templateKey } from './catalogue.ts';

/** A served route: method and path template. */
export interface ServedRoute {
  readonly method: string;
  readonly path: string;
}

/** Modeled and total operations of one SDK class. */
interface ClassCoverage {
  readonly sdkClass: string;
  readonly modeled: number;
  readonly total: number;
}

/** The emulator's coverage of the catalogue. */
export interface Coverage {
  /** The catalogue operations a provider serves, in catalogue order. */
  readonly modeled: readonly CatalogueRow[];
  /** Per SDK class, sorted by name. */
  readonly classes: readonly ClassCoverage[];
  /** Served `/api/v2` routes that are no catalogue operation. */
  readonly extra: readonly ServedRoute[];
}

/**
 * Match served routes against the catalogue (parameter names aside).
 * @example
 * coverage(platformCatalogue(), emulator.routes).modeled.length
 */
export function coverage(catalogue: readonly CatalogueRow[], routes: readonly ServedRoute[]): Coverage {
  const served = new Set(routes.map((r) => `${r.method} ${templateKey(r.path)}`));
  // Hono answers HEAD with the route's GET handler.
  for (const r of routes) if (r.method === 'GET') served.add(`HEAD ${templateKey(r.path)}`);
  const known = new Set(catalogue.map((r) => `${r.method} ${templateKey(r.path)}`));
  const modeled = catalogue.filter((r) => served.has(`${r.method} ${templateKey(r.path)}`));
  const perClass = new Map<string, { modeled: number; total: number }>();
  for (const r of catalogue) {
    const isModeled = served.has(`${r.method} ${templateKey(r.path)}`);
    for (const c of r.sdkClasses) {
      const e = perClass.get(c) ?? { modeled: 0, total: 0 };
      e.total++;
      if (isModeled) e.modeled++;
      perClass.set(c, e);
    }
  }
  const classes = [...perClass]
    .map(([sdkClass, e]) => ({ sdkClass, ...e }))
    .sort((a, b) => a.sdkClass.localeCompare(b.sdkClass));
  const extra = routes.filter((r) => r.path.startsWith('/api/v2/') && !known.has(`${r.method} ${templateKey(r.path)}`));
  return { modeled, classes, extra };
}
