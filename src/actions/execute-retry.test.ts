import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fetch } from '../core/index.ts';
import { createGenesysClient } from '../genesys/index.ts';
import { compileAction } from './compile.ts';
import { loadActionText } from './load.ts';
import { clock, standInApi } from './execute.test-util.ts';

const api = standInApi();
const { routes, run } = api;
beforeAll(() => api.start());
afterAll(() => api.stop());

describe('executeAction: which failures may pass when sent again', () => {
  const probe = compileAction(
    loadActionText(
      JSON.stringify({
        name: 'Probe',
        integrationType: 'purecloud-data-actions',
        actionType: 'custom',
        config: {
          request: {
            requestUrlTemplate: '/probe/${input.case}',
            requestType: 'PUT',
            headers: {},
            requestTemplate: '{}',
          },
          response: { translationMap: {}, successTemplate: '${rawResult}' },
        },
        contract: {
          input: { inputSchema: { type: 'object', properties: { case: { type: 'string' } } } },
          output: { successSchema: { type: 'object' } },
        },
        secure: false,
      }),
      'probe.custom.json',
    ),
  );

  it('a 429 is transient with the wait its Retry-After asks, else the "[N] seconds" of its message', async () => {
    routes['PUT /probe/limited'] = () => ({
      status: 429,
      body: JSON.stringify({ message: 'Rate limit exceeded', code: 'too.many.requests', status: 429 }),
      headers: { 'Retry-After': '7' },
    });
    routes['PUT /probe/limited-body'] = () => ({
      status: 429,
      body: JSON.stringify({
        message: 'Rate limit exceeded the maximum. Retry the request in [3] seconds',
        status: 429,
      }),
    });
    expect(await run(probe, { case: 'limited' })).toMatchObject({
      status: 'failure',
      transient: { kind: '429', status: 429, retryAfterMs: 7000 },
    });
    expect(await run(probe, { case: 'limited-body' })).toMatchObject({
      status: 'failure',
      transient: { kind: '429', status: 429, retryAfterMs: 3000 },
    });
  });

  it('500, 502, 503 and 504 are transient (with a Retry-After when sent), 501 and 4xx are final', async () => {
    for (const status of [500, 502, 503, 504]) {
      routes[`PUT /probe/s${status}`] = () => ({
        status,
        body: '{}',
        ...(status === 503 ? { headers: { 'Retry-After': '2' } } : {}),
      });
      const r = await run(probe, { case: `s${status}` });
      expect(r.transient).toEqual({ kind: '5xx', status, ...(status === 503 ? { retryAfterMs: 2000 } : {}) });
    }
    for (const status of [501, 400, 404, 409]) {
      routes[`PUT /probe/s${status}`] = () => ({ status, body: '{}' });
      const r = await run(probe, { case: `s${status}` });
      expect(r.status).toBe('failure');
      expect(r).not.toHaveProperty('transient');
    }
  });

  it('a timeout and a request that reached nobody are transient; a bad input is not', async () => {
    routes['PUT /probe/slow'] = () => ({ status: 200, body: '{}', delayMs: 300 });
    expect(await run(probe, { case: 'slow' }, { timeoutMs: 50 })).toMatchObject({
      status: 'timeout',
      transient: { kind: 'timeout' },
    });
    const refused: Fetch = async () => {
      throw new TypeError('fetch failed: connect ECONNREFUSED');
    };
    expect(await run(probe, { case: 'x' }, { fetch: refused })).toMatchObject({
      status: 'failure',
      transient: { kind: '5xx' },
    });
    const bad = await run(probe, { case: 42 });
    expect(bad.status).toBe('failure');
    expect(bad).not.toHaveProperty('transient');
  });

  it('an authenticated fetch whose token request met a 503 or a 429 is transient too', async () => {
    // The runtime's fetch is a Genesys client: its token request fails before the action's request is sent.
    const tokenAnswers: { status: number; headers?: Record<string, string> }[] = [
      { status: 503 },
      { status: 429, headers: { 'Retry-After': '4' } },
      { status: 401 },
    ];
    for (const answer of tokenAnswers) {
      routes['POST /oauth/token'] = () => ({
        status: answer.status,
        body: JSON.stringify({ message: 'token refused', code: 'x', status: answer.status }),
        ...(answer.headers ? { headers: answer.headers } : {}),
      });
      const client = createGenesysClient({
        baseUrl: api.base,
        clientId: 'c',
        clientSecret: 's',
        maxAttempts: 1,
        clock,
      });
      const r = await run(probe, { case: 'x' }, { fetch: client.fetch });
      expect(r.status).toBe('failure');
      if (answer.status === 503) expect(r.transient).toMatchObject({ kind: '5xx', status: 503 });
      else if (answer.status === 429)
        expect(r.transient).toMatchObject({ kind: '429', status: 429, retryAfterMs: 4000 });
      else expect(r).not.toHaveProperty('transient');
    }
    delete routes['POST /oauth/token'];
  });
});
