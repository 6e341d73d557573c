/**
 * @module
 * URL and host patterns of mocks and `--passthrough`: `*` matches within one path segment (or one
 * host label run), `**` across segments. Pure.
 */

/** A mock's URL pattern split into what the interception library matches separately. */
export interface CompiledUrlPattern {
  /** Matches `scheme://host[:port]`. */
  readonly origin: RegExp;
  /** Matches the path, with the query when the pattern has one. */
  readonly path: RegExp;
  /** Whether the query string takes part in the match. */
  readonly withQuery: boolean;
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
  const pathPart = rest === '' ? '/' : rest;
  const withQuery = pathPart.includes('?');
  return {
    origin: new RegExp(`^${scheme.toLowerCase()}://${globToRegex(host.toLowerCase(), '[^/]*')}$`, 'i'),
    path: new RegExp(`^${globToRegex(pathPart, '[^/?]*')}$`),
    withQuery,
  };
}

/**
 * Whether a request's origin and path (with its query, if any) match a compiled pattern; the query
 * counts only when the pattern has one.
 * @example
 * matchesUrl(compileUrlPattern('https://api.example.com/v1/*')!, 'https://api.example.com', '/v1/a?x=1') // true
 */
export function matchesUrl(pattern: CompiledUrlPattern, origin: string, pathAndQuery: string): boolean {
  return (
    pattern.origin.test(origin) && pattern.path.test(pattern.withQuery ? pathAndQuery : pathAndQuery.split('?')[0]!)
  );
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
