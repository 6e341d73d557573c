// Genesys Cloud chat webhooks (apps.<region>/webhooks/api/v1/webhook/<id>) answered offline by the
// third-party fetch: a post with a message is accepted, a malformed one refused with the rule; a
// mock or a passthrough for the host wins; a look-alike host or another path is still refused.
import { afterEach, describe, expect, it } from 'vitest';
import { SystemClock, isSwitchboardError } from '../core/index.ts';
import { validateMocks } from './mocks-file.ts';
import { MOCK_HEADER, ROUTE_HEADER, createThirdPartyFetch } from './third-party-fetch.ts';
import type { ThirdParty } from './third-party-fetch.ts';

const HOOK = 'https://apps.mypurecloud.com:443/webhooks/api/v1/webhook/d7a2ea24-0000-4513-b8da-a0b22bf2204a';
let open: ThirdParty[] = [];
afterEach(async () => {
  await Promise.all(open.map((t) => t.close()));
  open = [];
});
const make = (mocks: unknown[] = []): ThirdParty => {
  const t = createThirdPartyFetch({ mocks: validateMocks(mocks, 'test'), clock: new SystemClock() });
  open.push(t);
  return t;
};
const post = (t: ThirdParty, url: string, body: unknown, method = 'POST') =>
  t.fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(method === 'GET' ? {} : { body: JSON.stringify(body) }),
  });

describe('Genesys Cloud chat webhooks, offline', () => {
  it('accepts a message (and metadata) as Genesys does, answered as a Genesys service', async () => {
    const t = make();
    for (const url of [HOOK, 'https://apps.usw2.pure.cloud/webhooks/api/v1/webhook/abc-123']) {
      const res = await post(t, url, { message: '**Negative** sentiment on c-1', metadata: 'alert' });
      expect(res.status).toBe(200);
      expect(res.headers.get(ROUTE_HEADER)).toBe('genesys');
      expect(await res.json()).toEqual({});
    }
  });

  it('refuses a post without a message, a non-text metadata, a body that is not JSON and a GET, naming the rule', async () => {
    const t = make();
    const cases: [unknown, string, number, string][] = [
      [{ metadata: 'x' }, 'POST', 400, 'needs "message"'],
      [{ message: 'hi', metadata: 3 }, 'POST', 400, '"metadata" must be a text'],
      ['not json', 'POST', 400, 'must be a JSON object'],
      [undefined, 'GET', 405, 'takes POST'],
    ];
    for (const [body, method, status, says] of cases) {
      const res = typeof body === 'string' ? await t.fetch(HOOK, { method, body }) : await post(t, HOOK, body, method);
      expect(res.status).toBe(status);
      const answer = (await res.json()) as { message: string; code: string; status: number };
      expect(answer.message).toContain(says);
      expect(answer.status).toBe(status);
    }
  });

  it('a mock for the webhook answers instead', async () => {
    const t = make([
      { name: 'room down', method: 'POST', url: `${HOOK}`, response: { status: 503, body: { down: true } } },
    ]);
    const res = await post(t, HOOK, { message: 'hi' });
    expect(res.status).toBe(503);
    expect(res.headers.get(MOCK_HEADER)).toBe('room down');
  });

  it('a look-alike host or another path of apps. is refused, naming the mock to add', async () => {
    const t = make();
    for (const url of [
      'https://apps.mypurecloud.com.evil.example/webhooks/api/v1/webhook/abc',
      'https://apps.mypurecloud.com/webhooks/api/v2/other',
    ]) {
      const e: unknown = await post(t, url, { message: 'hi' }).catch((x: unknown) => x);
      expect(isSwitchboardError(e) && e.code).toBe('SB_THIRD_PARTY_NOT_MOCKED');
    }
  });
});
