import { describe, expect, it } from 'vitest';
import { compileUrlPattern, hostMatcher, matchesUrl } from './url-pattern.ts';

describe('URL and host patterns', () => {
  it('* stays within a segment, ** crosses segments, the query counts only when the pattern has one', () => {
    const p = compileUrlPattern('https://*.example.com/v1/users/*')!;
    expect(p.origin.test('https://api.example.com')).toBe(true);
    expect(p.origin.test('http://api.example.com')).toBe(false);
    expect(p.path.test('/v1/users/42')).toBe(true);
    expect(p.path.test('/v1/users/42/roles')).toBe(false);
    expect(compileUrlPattern('https://a.example/v1/**')!.path.test('/v1/users/42/roles')).toBe(true);
    const q = compileUrlPattern('https://a.example/search?q=*')!;
    expect(q.withQuery && matchesUrl(q, 'https://a.example', '/search?q=cats')).toBe(true);
    expect(matchesUrl(q, 'https://a.example', '/search')).toBe(false);
    expect(compileUrlPattern('https://a.example/x.json')!.path.test('/xajson')).toBe(false);
    expect(compileUrlPattern('/api/v2/users')).toBeUndefined();
  });

  it('a query matches in any order of its parameters (interception sorts them), and ?** takes any query', () => {
    const token = compileUrlPattern('https://zoom.us/oauth/token?grant_type=account_credentials&account_id=acc123')!;
    for (const query of [
      'grant_type=account_credentials&account_id=acc123',
      'account_id=acc123&grant_type=account_credentials',
    ])
      expect(matchesUrl(token, 'https://zoom.us', `/oauth/token?${query}`)).toBe(true);
    expect(matchesUrl(token, 'https://zoom.us', '/oauth/token?account_id=other&grant_type=account_credentials')).toBe(
      false,
    );
    expect(matchesUrl(token, 'https://zoom.us', '/oauth/token?account_id=acc123')).toBe(false);
    const any = compileUrlPattern('https://zoom.us/oauth/token?**')!;
    expect(matchesUrl(any, 'https://zoom.us', '/oauth/token?b=2&a=1')).toBe(true);
  });

  it('host patterns match any port unless they name one', () => {
    expect(hostMatcher('*.salesforce.com')!('acme.my.salesforce.com:443')).toBe(true);
    expect(hostMatcher('api.example.com')!('api.example.com')).toBe(true);
    expect(hostMatcher('api.example.com')!('evil-api.example.com')).toBe(false);
    expect(hostMatcher('localhost:8080')!('localhost:9090')).toBe(false);
    expect(hostMatcher('https://x')).toBeUndefined();
  });

  it("a pattern naming the scheme's default port matches the request's origin, which leaves it out", () => {
    const hook = compileUrlPattern('https://apps.mypurecloud.com:443/webhooks/api/v1/webhook/*')!;
    expect(matchesUrl(hook, new URL('https://apps.mypurecloud.com:443/x').origin, '/webhooks/api/v1/webhook/a')).toBe(
      true,
    );
    expect(matchesUrl(compileUrlPattern('http://localhost:80/a')!, 'http://localhost', '/a')).toBe(true);
    // Another port is another origin.
    expect(matchesUrl(compileUrlPattern('https://api.example.com:8443/a')!, 'https://api.example.com', '/a')).toBe(
      false,
    );
  });
});
