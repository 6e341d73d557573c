/**
 * @module
 * A hash router: `#/runs/<id>?flow=x` → `{ view: 'runs', rest: ['<id>'], query }`.
 */
import { useEffect, useState } from 'preact/hooks';

/** A parsed location. */
export interface Route {
  readonly view: string;
  readonly rest: readonly string[];
  readonly query: URLSearchParams;
}

/** Parse a location hash (pure). */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', qs = ''] = raw.split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { view: parts[0] ?? 'events', rest: parts.slice(1), query: new URLSearchParams(qs) };
}

/** A link target for a view. */
export function href(view: string, ...rest: string[]): string {
  return `#/${[view, ...rest.map(encodeURIComponent)].join('/')}`;
}

/** The current route, following `hashchange`. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = (): void => setRoute(parseHash(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** Navigate to a route. */
export function go(view: string, ...rest: string[]): void {
  location.hash = href(view, ...rest);
}
