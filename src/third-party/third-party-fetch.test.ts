import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock, VirtualClock, isSwitchboardError } from '../core/index.ts';
import { parseMocksText, validateMocks } from './mocks-file.ts';
import { MOCK_HEADER, ROUTE_HEADER, createThirdPartyFetch } from './third-party-fetch.ts';
import type { ThirdParty } from './third-party-fetch.ts';

// A real third-party service on a local port, for passthrough.
const hits: string[] = [];
let port = 0;
const server = createServer((req, res) => {
  hits.push(`${req.method} ${req.url}`);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ real: true, path: req.url }));
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

let open: ThirdParty[] = [];
afterEach(async () => {
  await Promise.all(open.map((t) => t.close()));
  open = [];
});
const make = (mocks: unknown, passthrough: string[] = [], clock = new SystemClock()): ThirdParty => {
  const t = createThirdPartyFetch({ mocks: validateMocks(mocks, 'test'), passthrough, clock });
  open.push(t);
  return t;
};

describe('third-party fetch', () => {
  it('answers a matching mock with its status, headers and JSON body, and says which mock answered', async () => {
    const t = make([
      {
        name: 'forecast',
        method: 'get',
        url: 'https://api.weather.example/v1/forecast/*',
        response: { status: 200, headers: { 'x-rate': '9' }, body: { temp: 21 } },
      },
    ]);
    const res = await t.fetch('https://api.weather.example/v1/forecast/46204?units=metric');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ temp: 21 });
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-rate')).toBe('9');
    expect(res.headers.get(ROUTE_HEADER)).toBe('mock');
    expect(res.headers.get(MOCK_HEADER)).toBe('forecast');
  });

  it('plays a sequence once each and repeats the last answer, and starts again on reset', async () => {
    const t = make([
      {
        url: 'https://crm.example.com/api/**',
        method: 'POST',
        responses: [
          { status: 503, body: 'busy' },
          { status: 201, body: { id: 'a1' } },
        ],
      },
    ]);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await t.fetch('https://crm.example.com/api/v2/contacts', { method: 'POST', body: '{}' })).status);
    expect(statuses).toEqual([503, 201, 201]);
    t.reset();
    expect((await t.fetch('https://crm.example.com/api/v2/contacts', { method: 'POST', body: '{}' })).status).toBe(503);
  });

  it('matches the request body as a JSON subset (or text) and headers by any case', async () => {
    const t = make([
      {
        name: 'vip',
        url: 'https://crm.example.com/lookup',
        match: { body: { customer: { tier: 'gold' } }, headers: { 'X-Api-Key': 'k1' } },
        response: { body: { vip: true } },
      },
      {
        name: 'text',
        url: 'https://crm.example.com/lookup',
        match: { body: 'plain' },
        response: { body: { vip: false } },
      },
    ]);
    const gold = await t.fetch('https://crm.example.com/lookup', {
      method: 'POST',
      headers: { 'x-api-key': 'k1' },
      body: JSON.stringify({ customer: { tier: 'gold', id: 7 } }),
    });
    expect(gold.headers.get(MOCK_HEADER)).toBe('vip');
    const plain = await t.fetch('https://crm.example.com/lookup', { method: 'POST', body: 'a plain body' });
    expect(plain.headers.get(MOCK_HEADER)).toBe('text');
    await expect(
      t.fetch('https://crm.example.com/lookup', {
        method: 'POST',
        headers: { 'x-api-key': 'wrong' },
        body: JSON.stringify({ customer: { tier: 'gold' } }),
      }),
    ).rejects.toMatchObject({ code: 'SB_THIRD_PARTY_NOT_MOCKED' });
  });

  it('refuses an unmocked host with the mock entry to add and the passthrough option', async () => {
    const t = make([{ url: 'https://crm.example.com/a', response: { body: {} } }]);
    const e = await t
      .fetch('https://graph.example.net/v1.0/users/42?select=id', { method: 'PATCH', body: '{}' })
      .catch((x: unknown) => x);
    expect(isSwitchboardError(e) && e.code).toBe('SB_THIRD_PARTY_NOT_MOCKED');
    const err = e as Error & { details: Record<string, unknown> };
    expect(err.message).toContain('PATCH https://graph.example.net/v1.0/users/42');
    expect(err.message).toContain(
      '{"method":"PATCH","url":"https://graph.example.net/v1.0/users/42","response":{"status":200,"body":{}}}',
    );
    expect(err.message).toContain('--passthrough graph.example.net');
    expect(err.details).toMatchObject({ method: 'PATCH', host: 'graph.example.net', path: '/v1.0/users/42' });
  });

  it('says a catalogue integration is not emulated and offers no passthrough for its placeholder host', async () => {
    const t = make([]);
    const e = (await t
      .fetch('https://salesforce-datadip.integration.invalid/services/data/v59.0/query?q=x')
      .catch((x: unknown) => x)) as Error & { details: Record<string, unknown> };
    expect(e.message).toContain(
      'a salesforce-datadip integration is not emulated, so its requests must be mocked; GET /services/data/v59.0/query',
    );
    expect(e.message).toContain('"url":"https://salesforce-datadip.integration.invalid/services/data/v59.0/query"');
    expect(e.message).not.toContain('--passthrough');
    expect(e.details.integrationType).toBe('salesforce-datadip');
  });

  it('sends a passthrough host to the real service and a mock still wins over it', async () => {
    const t = make([{ url: `http://127.0.0.1:${port}/mocked`, response: { body: { mocked: true } } }], ['127.0.0.1']);
    const real = await t.fetch(`http://127.0.0.1:${port}/orders/9`);
    expect(await real.json()).toEqual({ real: true, path: '/orders/9' });
    expect(real.headers.get(ROUTE_HEADER)).toBe('passthrough');
    const mocked = await t.fetch(`http://127.0.0.1:${port}/mocked`);
    expect(await mocked.json()).toEqual({ mocked: true });
    expect(hits).toEqual(['GET /orders/9']);
  });

  it('holds a delayed answer on the given clock, and a caller abort ends the wait', async () => {
    const clock = new VirtualClock(Date.parse('2026-01-01T00:00:00Z'));
    const t = make([{ url: 'https://slow.example.com/x', response: { body: { ok: 1 }, delayMs: 5000 } }], [], clock);
    let done = false;
    const pending = t.fetch('https://slow.example.com/x').then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    await clock.advance(5000);
    expect((await pending).status).toBe(200);
    const ac = new AbortController();
    const aborted = t.fetch('https://slow.example.com/x', { signal: ac.signal });
    await new Promise((r) => setTimeout(r, 20));
    ac.abort();
    await expect(aborted).rejects.toBeTruthy();
  });

  it('refuses a passthrough pattern that is not a host', () => {
    expect(() =>
      createThirdPartyFetch({ passthrough: ['https://api.example.com/x'], clock: new SystemClock() }),
    ).toThrow(/passthrough pattern must be a host/);
  });
});

describe('mocks file', () => {
  it('reads JSON and YAML, a list or { mocks }', () => {
    expect(parseMocksText('[{"url":"https://a.example/x","response":{"status":204}}]', 'm.json')).toHaveLength(1);
    const yaml =
      'mocks:\n  - url: https://a.example/x\n    method: post\n    responses:\n      - status: 503\n      - body: { ok: true }\n';
    const [m] = parseMocksText(yaml, 'm.yaml');
    expect(m).toMatchObject({ method: 'POST', responses: [{ status: 503 }, { status: 200, body: { ok: true } }] });
  });

  it('names every broken field by JSON pointer', () => {
    const bad = JSON.stringify({
      mocks: [
        { url: '/relative', response: {} },
        { url: 'https://a.example/', response: { status: 99 }, responses: [] },
        { url: 'https://a.example/', reply: {} },
      ],
    });
    let message = '';
    try {
      parseMocksText(bad, 'mocks.json');
    } catch (e) {
      message = (e as Error).message;
      expect((e as { code: string }).code).toBe('SB_THIRD_PARTY_MOCKS_INVALID');
    }
    expect(message).toContain('mocks.json');
    expect(message).toContain('/mocks/0/url: must be an absolute http(s) URL pattern');
    expect(message).toContain('/mocks/1/response/status');
    expect(message).toContain('/mocks/2');
    expect(() => parseMocksText('{"mocks": [', 'mocks.json')).toThrow(/must be JSON; mocks.json/);
    expect(() => parseMocksText('a: [', 'mocks.yml')).toThrow(/must be YAML; mocks.yml/);
  });
});
