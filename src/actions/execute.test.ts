import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileAction } from './compile.ts';
import { executeAction } from './execute.ts';
import { loadAction } from './load.ts';
import { toTestExecutionResult } from './test-result.ts';
import { FAILURE_OUTPUT_NAMES } from './failure.ts';
import { clock, exportOf, standInApi } from './execute.test-util.ts';

const api = standInApi();
const { seen, routes, run } = api;
beforeAll(() => api.start());
afterAll(() => api.stop());

describe('executeAction against an HTTP endpoint', () => {
  it('Get Callback Priority: renders the URL, translates the acd priority and validates the integer', async () => {
    routes['GET /api/v2/conversations/callbacks/c-1'] = () => ({
      status: 200,
      body: JSON.stringify({
        id: 'c-1',
        participants: [{ purpose: 'customer' }, { purpose: 'acd', conversationRoutingData: { priority: 7 } }],
      }),
    });
    const r = await run(exportOf('callback-prioritization/main/exports/Get-Callback-Priority.custom.json'), {
      conversationId: 'c-1',
    });
    expect(r.status).toBe('success');
    expect(r.outputs).toEqual({ priority: 7 });
    expect(r.trace.request).toMatchObject({ method: 'GET', url: `${api.base}/api/v2/conversations/callbacks/c-1` });
    expect(r.trace.request?.body).toBeUndefined();
    expect(r.trace.translations).toEqual([
      {
        name: 'pIdArray',
        path: "$.participants[?(@.purpose=='acd')].conversationRoutingData.priority",
        source: 'path',
        value: '[7]',
      },
    ]);
    expect(r.trace.renderedSuccess).toBe('{"priority": 7}');
  });

  it('Get Callback Priority without an acd participant: default [""] → "" → integer schema failure', async () => {
    routes['GET /api/v2/conversations/callbacks/c-2'] = () => ({
      status: 200,
      body: JSON.stringify({ id: 'c-2', participants: [{ purpose: 'customer' }] }),
    });
    const r = await run(exportOf('callback-prioritization/main/exports/Get-Callback-Priority.custom.json'), {
      conversationId: 'c-2',
    });
    expect(r.status).toBe('failure');
    expect(r.trace.translations[0]).toMatchObject({ source: 'default', value: '[""]' });
    expect(r.trace.renderedSuccess).toBe('{"priority": ""}');
    expect(r.trace.outputErrors).toEqual([{ pointer: '/priority', message: 'must be integer' }]);
    expect(r.trace.failure).toMatchObject({ code: 'SB_ACTION_OUTPUT_INVALID', stage: 'successSchema' });
  });

  it('Get Interaction State with no callback: the unquoted default "disconnected" is invalid JSON → Failure naming the position', async () => {
    routes['GET /api/v2/conversations/c-3'] = () => ({
      status: 200,
      body: JSON.stringify({ id: 'c-3', participants: [] }),
    });
    const r = await run(exportOf('callback-prioritization/main/exports/Get-Interaction-State.custom.json'), {
      conversationId: 'c-3',
    });
    expect(r.status).toBe('failure');
    expect(r.trace.renderedSuccess).toBe('{"state": disconnected}');
    expect(r.trace.failure).toMatchObject({
      code: 'SB_ACTION_OUTPUT_INVALID',
      stage: 'successTemplate',
      field: 'successTemplate',
      line: 1,
      column: 11,
    });
    expect(r.trace.failure?.message).toContain('state = default "disconnected", which is not JSON text');
  });

  it('Update Callback Priority: PATCH with the rendered body and the default Content-Type', async () => {
    routes['PATCH /api/v2/routing/conversations/c-4'] = (body) => ({
      status: 200,
      body: JSON.stringify({ priority: (JSON.parse(body) as { priority: number }).priority }),
    });
    const r = await run(exportOf('callback-prioritization/main/exports/Update-Callback-Priority.custom.json'), {
      conversationId: 'c-4',
      priority: 12,
    });
    expect(r.status).toBe('success');
    expect(r.outputs).toEqual({ priority: 12 });
    const req = seen.find((s) => s.url === '/api/v2/routing/conversations/c-4')!;
    expect(req.body).toBe('{\n  "priority":12\n}');
    expect(req.headers['content-type']).toBe('application/json');
  });

  it('Disconnect Voice Call: POST ${input.rawRequest}, the UserAgent header verbatim, an empty 202 passes through', async () => {
    routes['POST /api/v2/conversations/c-5/disconnect'] = () => ({ status: 202, body: '' });
    const r = await run(
      exportOf('terminate-voice-calls-with-no-queue/main/exports/Disconnect-Voice-Call.custom.json'),
      { conversationId: 'c-5' },
    );
    expect(r.status).toBe('success');
    expect(r.outputs).toEqual({});
    const req = seen.find((s) => s.url === '/api/v2/conversations/c-5/disconnect')!;
    expect(JSON.parse(req.body)).toEqual({ conversationId: 'c-5' });
    expect(req.headers.useragent).toBe('PureCloudIntegrations/1.0');
  });

  it('sends the idempotency key on a POST and a PATCH, never on a GET', async () => {
    routes['POST /api/v2/conversations/c-6/disconnect'] = () => ({ status: 202, body: '' });
    routes['PATCH /api/v2/routing/conversations/c-6'] = () => ({ status: 200, body: JSON.stringify({ priority: 3 }) });
    routes['GET /api/v2/conversations/callbacks/c-6'] = () => ({
      status: 200,
      body: JSON.stringify({ id: 'c-6', participants: [{ purpose: 'acd', conversationRoutingData: { priority: 3 } }] }),
    });
    await run(
      exportOf('terminate-voice-calls-with-no-queue/main/exports/Disconnect-Voice-Call.custom.json'),
      { conversationId: 'c-6' },
      { idempotencyKey: 'run-1:Disconnect' },
    );
    await run(
      exportOf('callback-prioritization/main/exports/Update-Callback-Priority.custom.json'),
      { conversationId: 'c-6', priority: 3 },
      { idempotencyKey: 'run-1:Update' },
    );
    const get = await run(
      exportOf('callback-prioritization/main/exports/Get-Callback-Priority.custom.json'),
      { conversationId: 'c-6' },
      { idempotencyKey: 'run-1:Get' },
    );
    expect(get.status).toBe('success');
    const header = (url: string, method: string) =>
      seen.find((s) => s.url === url && s.method === method)!.headers['idempotency-key'];
    expect(header('/api/v2/conversations/c-6/disconnect', 'POST')).toBe('run-1:Disconnect');
    expect(header('/api/v2/routing/conversations/c-6', 'PATCH')).toBe('run-1:Update');
    expect(header('/api/v2/conversations/callbacks/c-6', 'GET')).toBeUndefined();
  });

  it('a non-2xx response is a Failure carrying the upstream error body, with the standard failure outputs', async () => {
    const r = await run(exportOf('callback-prioritization/main/exports/Get-Interaction-State.custom.json'), {
      conversationId: 'nope',
    });
    expect(r.status).toBe('failure');
    expect(r.trace.response?.status).toBe(404);
    expect(Object.keys(r.flattened)).toEqual([...FAILURE_OUTPUT_NAMES]);
    expect(r.flattened).toMatchObject({
      errorCode: 'not.found',
      status: 404,
      correlationId: 'ctx-404',
      'details.errorCode': ['ACTION.REMOTE_ENDPOINT'],
    });
  });

  it('an input that breaks the input contract fails before any request', async () => {
    const before = seen.length;
    const r = await run(exportOf('callback-prioritization/main/exports/Update-Callback-Priority.custom.json'), {
      conversationId: 'c-6',
      priority: 'high',
    });
    expect(r.status).toBe('failure');
    expect(r.trace.inputErrors).toEqual([{ pointer: '/priority', message: 'must be integer' }]);
    expect(r.trace.request).toBeUndefined();
    expect(seen.length).toBe(before);
    expect(r.flattened.status).toBe(400);
  });

  it('a response slower than the timeout is a Timeout', async () => {
    routes['GET /api/v2/conversations/slow'] = () => ({ status: 200, body: '{}', delayMs: 500 });
    const r = await run(
      exportOf('callback-prioritization/main/exports/Get-Interaction-State.custom.json'),
      { conversationId: 'slow' },
      { timeoutMs: 50 },
    );
    expect(r.status).toBe('timeout');
    expect(r.trace.failure?.code).toBe('SB_ACTION_TIMEOUT');
    expect(r.trace.request?.url).toBe(`${api.base}/api/v2/conversations/slow`);
  });

  it("the caller's abort signal cancels the HTTP request in flight; the result is a timeout", async () => {
    let arrived!: () => void;
    let cancelled!: () => void;
    const received = new Promise<void>((r) => (arrived = r));
    const closed = new Promise<'cancelled'>((r) => (cancelled = () => r('cancelled')));
    // Never answers: only the client closing the connection ends the request.
    const hang = createServer((_req, res) => {
      res.on('close', () => {
        if (!res.writableEnded) cancelled();
      });
      arrived();
    });
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const hangBase = `http://127.0.0.1:${(hang.address() as AddressInfo).port}`;
    try {
      const caller = new AbortController();
      const action = exportOf('callback-prioritization/main/exports/Get-Interaction-State.custom.json');
      const pending = executeAction(
        action,
        { conversationId: 'hang' },
        { fetch, clock, baseUrl: hangBase, timeoutMs: 60_000, signal: caller.signal },
      );
      await received;
      caller.abort(new Error('worker stopped'));
      const r = await pending;
      expect(r.status).toBe('timeout');
      expect(r.trace.failure).toMatchObject({
        code: 'SB_ACTION_TIMEOUT',
        message: expect.stringContaining('the caller aborted it'),
      });
      const late = new Promise<'still open'>((r) => setTimeout(() => r('still open'), 2000).unref());
      expect(await Promise.race([closed, late])).toBe('cancelled');
      const before = seen.length;
      const early = await run(action, { conversationId: 'never' }, { signal: AbortSignal.abort() });
      expect(early.status).toBe('timeout');
      expect(seen.length).toBe(before);
    } finally {
      hang.closeAllConnections();
      await new Promise<void>((r) => hang.close(() => r()));
    }
  });

  it('a non-JSON, an oversized and an over-deep response each fail with a named reason', async () => {
    const action = exportOf('callback-prioritization/main/exports/Get-Interaction-State.custom.json');
    routes['GET /api/v2/conversations/html'] = () => ({ status: 200, body: '<html>oops</html>' });
    routes['GET /api/v2/conversations/big'] = () => ({ status: 200, body: JSON.stringify({ blob: 'x'.repeat(2000) }) });
    routes['GET /api/v2/conversations/deep'] = () => ({ status: 200, body: '['.repeat(51) + ']'.repeat(51) });
    const html = await run(action, { conversationId: 'html' });
    expect(html.trace.failure).toMatchObject({
      code: 'SB_ACTION_RESPONSE_INVALID',
      stage: 'response',
      line: 1,
      column: 1,
    });
    expect(html.trace.response?.body).toBe('<html>oops</html>');
    const big = await run(action, { conversationId: 'big' }, { maxResponseBytes: 1000 });
    expect(big.trace.failure).toMatchObject({ code: 'SB_ACTION_RESPONSE_INVALID', stage: 'response' });
    const deep = await run(action, { conversationId: 'deep' });
    expect(deep.trace.failure?.message).toContain('at most 50 levels');
  });

  it('a render error fails at its template and keeps the earlier stages in the trace', async () => {
    const action = compileAction(
      loadAction({
        name: 'Substring',
        integrationType: 'purecloud-data-actions',
        config: { request: { requestUrlTemplate: '/api/v2/x/${input.id.substring(5)}', requestType: 'GET' } },
        contract: { input: { inputSchema: { type: 'object' } }, output: { successSchema: { type: 'object' } } },
      }),
    );
    const r = await run(action, { id: 'ab' });
    expect(r.status).toBe('failure');
    expect(r.trace.stages).toEqual([
      { stage: 'input', ok: true },
      { stage: 'requestUrlTemplate', ok: false },
    ]);
    expect(r.trace.failure).toMatchObject({
      code: 'SB_ACTION_TEMPLATE',
      field: 'requestUrlTemplate',
      line: 1,
      column: 11,
    });
  });

  it('a fetch that throws is a transport failure, not a crash', async () => {
    const r = await run(
      exportOf('callback-prioritization/main/exports/Get-Interaction-State.custom.json'),
      { conversationId: 'x' },
      { fetch: () => Promise.reject(new Error('ECONNREFUSED')) },
    );
    expect(r.trace.failure).toMatchObject({ code: 'SB_ACTION_TRANSPORT', stage: 'http' });
  });

  it('builds the /test view: one operation per step up to the failure', async () => {
    const r = await run(exportOf('callback-prioritization/main/exports/Get-Interaction-State.custom.json'), {
      conversationId: 'c-3',
    });
    const test = toTestExecutionResult(r);
    expect(test.success).toBe(false);
    expect(test.operations.map((o) => [o.name, o.success])).toEqual([
      ['Validate input against the input contract', true],
      ['Resolve request URL template', true],
      ['Resolve request headers', true],
      ['Execute HTTP request', true],
      ['Parse response body', true],
      ['Resolve translation map', true],
      ['Resolve success template', false],
    ]);
    expect(test.operations[5]!.result).toEqual({ state: 'disconnected' });
    expect(test.error?.status).toBe(400);
  });
});
