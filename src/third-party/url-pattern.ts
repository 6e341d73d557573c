/**
 * @module
 * URL and host patterns of mocks and `--passthrough`: `*` matches within one path segment (or one
 * host label run), `**` across segments. Pure.
 */

/** A mock's URL pattern split into what the interception library matches separately. */
export interface CompiledUrlPattern {
  /** Matches `scheme://host[:port]`. */
  readonly origin: RegExp;
  /** Matches the path (without the query). */
  readonly path: RegExp;
  /** Whether the query string takes part in the match. */
  readonly withQuery: boolean;
  /** Matches the query, its parameters sorted by name (the order of a request's is not its meaning). */
  readonly query?: RegExp;
}

/** `b=2&a=1` → `a=1&b=2`: parameters in name order, each kept as written. */
function sortedQuery(query: string): string {
  return query
    .split('&')
    .filter((p) => p !== '')
    .sort((x, y) => {
      const kx = x.split('=')[0]!;
      const ky = y.split('=')[0]!;
      return kx < ky ? -1 : kx > ky ? 1 : 0;
    })
    .join('&');
}

function globToRegex(glob: string, single: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (c === '*') out += single;
    else out += c.replace(/[.+?^${}()|[\]\\/]/g, '\\$&');
  }
  return out;
}

/**
 * Compile `https://api.example.com/v1/users/*` into origin and path expressions; `undefined`
 * when the pattern is not an absolute http(s) URL.
 * @example
 * compileUrlPattern('https://*.example.com/v1/**')!.path.test('/v1/a/b') // true
 */
export function compileUrlPattern(pattern: string): CompiledUrlPattern | undefined {
  const m = /^(https?):\/\/([^/?#]+)([^#]*)$/i.exec(pattern.trim());
  if (!m) return undefined;
  const [, scheme, host, rest] = m as unknown as [string, string, string, string];
  const whole = rest === '' ? '/' : rest;
  const q = whole.indexOf('?');
  const withQuery = q >= 0;
  const pathPart = withQuery ? whole.slice(0, q) || '/' : whole;
  // A request's origin leaves the scheme's default port out (WHATWG URL), so the pattern does too:
  // an export's `https://apps.mypurecloud.com:443/…` matches the request it renders.
  const defaultPort = scheme.toLowerCase() === 'https' ? ':443' : ':80';
  const bare = host.toLowerCase().endsWith(defaultPort) ? host.slice(0, -defaultPort.length) : host;
  return {
    origin: new RegExp(`^${scheme.toLowerCase()}://${globToRegex(bare.toLowerCase(), '[^/]*')}$`, 'i'),
    path: new RegExp(`^${globToRegex(pathPart, '[^/?]*')}$`),
    withQuery,
    ...(withQuery ? { query: new RegExp(`^${globToRegex(sortedQuery(whole.slice(q + 1)), '[^&]*')}$`) } : {}),
  };
}

/**
 * Whether a request's origin and path (with its query, if any) match a compiled pattern; the query
 * counts only when the pattern has one, and then in any order of its parameters.
 * @example
 * matchesUrl(compileUrlPattern('https://api.example.com/v1/*')!, 'https://api.example.com', '/v1/a?x=1') // true
 */
export function matchesUrl(pattern: CompiledUrlPattern, origin: string, pathAndQuery: string): boolean {
  const q = pathAndQuery.indexOf('?');
  const path = q >= 0 ? pathAndQuery.slice(0, q) : pathAndQuery;
  if (!pattern.origin.test(origin) || !pattern.path.test(path)) return false;
  return !pattern.query || pattern.query.test(sortedQuery(q >= 0 ? pathAndQuery.slice(q + 1) : ''));
}

/**
 * A `--passthrough` host pattern (`api.example.com`, `*.salesforce.com`, `localhost:8080`) as a
 * test on `host[:port]`; `undefined` when the text is not a host pattern. A pattern without a
 * port matches the host on any port.
 * @example
 * hostMatcher('*.example.com')!('api.example.com:443') // true
 */
export function hostMatcher(pattern: string): ((host: string) => boolean) | undefined {
  const p = pattern.trim().toLowerCase();
  if (!/^[a-z0-9*.[\]:-]+$/.test(p) || p.includes('/') || p === '') return undefined;
  const hasPort = /:\d+$/.test(p) && !p.startsWith('[');
  const re = new RegExp(`^${globToRegex(p, '[^:]*')}${hasPort ? '' : '(:\\d+)?'}$`);
  return (host) => re.test(host.toLowerCase());
}
