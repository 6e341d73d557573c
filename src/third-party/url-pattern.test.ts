import { describe, expect, it } from 'vitest';
import { compileUrlPattern, hostMatcher } from './url-pattern.ts';

describe('URL and host patterns', () => {
  it('* stays within a segment, ** crosses segments, the query counts only when the pattern has one', () => {
    const p = compileUrlPattern('https://*.example.com/v1/users/*')!;
    expect(p.origin.test('https://api.example.com')).toBe(true);
    expect(p.origin.test('http://api.example.com')).toBe(false);
    expect(p.path.test('/v1/users/42')).toBe(true);
    expect(p.path.test('/v1/users/42/roles')).toBe(false);
    expect(compileUrlPattern('https://a.example/v1/**')!.path.test('/v1/users/42/roles')).toBe(true);
    const q = compileUrlPattern('https://a.example/search?q=*')!;
    expect(q.withQuery && q.path.test('/search?q=cats')).toBe(true);
    expect(compileUrlPattern('https://a.example/x.json')!.path.test('/xajson')).toBe(false);
    expect(compileUrlPattern('/api/v2/users')).toBeUndefined();
  });

  it('host patterns match any port unless they name one', () => {
    expect(hostMatcher('*.salesforce.com')!('acme.my.salesforce.com:443')).toBe(true);
    expect(hostMatcher('api.example.com')!('api.example.com')).toBe(true);
    expect(hostMatcher('api.example.com')!('evil-api.example.com')).toBe(false);
    expect(hostMatcher('localhost:8080')!('localhost:9090')).toBe(false);
    expect(hostMatcher('https://x')).toBeUndefined();
  });
});
