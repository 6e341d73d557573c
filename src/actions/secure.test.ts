import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../core/index.ts';
import type { Fetch } from '../core/index.ts';
import { compileAction } from './compile.ts';
import { executeAction } from './execute.ts';
import { formatTrace } from './format-trace.ts';
import { loadAction } from './load.ts';
import { SECURE_MARKER, redactValue } from './secure.ts';
import { toTestExecutionResult } from './test-result.ts';

const CARD = '4111-1111-1111-1111';
const TOKEN = 'tok-7f3a9c';

// A payment vault: the card goes in the path, a header and the body; the token comes back.
const vaultAction = (secure: boolean) =>
  compileAction(
    loadAction({
      name: 'Tokenize Card',
      secure,
      config: {
        request: {
          requestUrlTemplate: '/api/v2/vault/${input.card}',
          requestType: 'POST',
          headers: { 'X-Card': '${input.card}', Accept: 'application/json' },
          requestTemplate: '{"card": "${esc.jsonString($input.card)}"}',
        },
        response: {
          translationMap: { token: '$.token', last4: '$.last4' },
          successTemplate: '{"token": ${token}, "last4": ${last4}}',
        },
      },
      contract: {
        input: { inputSchema: { type: 'object', required: ['card'], properties: { card: { type: 'string' } } } },
        output: {
          successSchema: { type: 'object', properties: { token: { type: 'string' }, last4: { type: 'string' } } },
        },
      },
    }),
  );

const vault = (status: number, body: unknown): { fetch: Fetch; seen: { url: string; body: string }[] } => {
  const seen: { url: string; body: string }[] = [];
  const fetch: Fetch = async (url, init) => {
    seen.push({ url: String(url), body: String(init?.body ?? '') });
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', 'x-echo': CARD },
    });
  };
  return { fetch, seen };
};

const run = (secure: boolean, status: number, body: unknown) => {
  const v = vault(status, body);
  return {
    seen: v.seen,
    result: executeAction(
      vaultAction(secure),
      { card: CARD },
      { fetch: v.fetch, clock: new VirtualClock(0), baseUrl: 'https://api.example.test' },
    ),
  };
};

describe('secure data actions', () => {
  it('sends the real input and gives the caller the real outputs, but the trace hides every value', async () => {
    const { seen, result } = run(true, 200, { token: TOKEN, last4: '1111' });
    const r = await result;
    expect(seen[0]?.url).toBe(`https://api.example.test/api/v2/vault/${CARD}`);
    expect(seen[0]?.body).toContain(CARD);
    expect(r.status).toBe('success');
    expect(r.outputs).toEqual({ token: TOKEN, last4: '1111' });
    expect(r.flattened).toEqual({ token: TOKEN, last4: '1111' });

    const text = JSON.stringify(r.trace);
    expect(text).not.toContain(CARD);
    expect(text).not.toContain(TOKEN);
    expect(r.trace.secure).toBe(true);
    expect(r.trace.input).toEqual({ card: SECURE_MARKER });
    // Structure stays: the method, the URL template, header names, a static header, the status and each variable's path.
    expect(r.trace.request).toEqual({
      method: 'POST',
      url: '/api/v2/vault/${input.card}',
      headers: { 'X-Card': SECURE_MARKER, Accept: 'application/json', 'Content-Type': 'application/json' },
      body: SECURE_MARKER,
    });
    expect(r.trace.response).toMatchObject({
      status: 200,
      body: SECURE_MARKER,
      headers: { 'content-type': 'application/json', 'x-echo': SECURE_MARKER },
    });
    expect(r.trace.translations).toEqual([
      { name: 'token', path: '$.token', source: 'path', value: SECURE_MARKER },
      { name: 'last4', path: '$.last4', source: 'path', value: SECURE_MARKER },
    ]);
    expect(r.trace.renderedSuccess).toBe(SECURE_MARKER);
    expect(r.trace.stages.every((s) => s.ok)).toBe(true);
  });

  it('the same action, not secure, shows the values (the redaction is what hides them)', async () => {
    const r = await run(false, 200, { token: TOKEN, last4: '1111' }).result;
    expect(r.trace.secure).toBeUndefined();
    expect(JSON.stringify(r.trace)).toContain(CARD);
    expect(JSON.stringify(r.trace)).toContain(TOKEN);
  });

  it('a remote failure echoing the input: the flow gets the failure outputs, the trace keeps only codes and status', async () => {
    const upstream = {
      message: `card ${CARD} declined`,
      code: 'card.declined',
      status: 402,
      contextId: 'ctx-1',
      messageParams: { card: CARD },
    };
    const r = await run(true, 402, upstream).result;
    expect(r.status).toBe('failure');
    expect(r.outputs.status).toBe(402);
    // The flow's failure outputs are Genesys's, unredacted: the upstream message and params reach it.
    expect(r.outputs.userMessage).toContain(`card ${CARD} declined`);
    expect(r.outputs.userParams).toEqual([{ key: 'card', value: CARD }]);
    expect(JSON.stringify(r.trace)).not.toContain(CARD);
    expect(r.trace.failure).toMatchObject({
      stage: 'http',
      code: 'SB_ACTION_REMOTE_ERROR',
      message: `the action's request must succeed; ${SECURE_MARKER}`,
      errorBody: {
        code: 'card.declined',
        status: 402,
        contextId: 'ctx-1',
        details: [{ errorCode: 'ACTION.REMOTE_ENDPOINT' }],
      },
    });
  });

  it('an input failing the contract keeps its pointer, not its value', async () => {
    const v = vault(200, {});
    const r = await executeAction(
      vaultAction(true),
      { card: 4111111111111111 },
      { fetch: v.fetch, clock: new VirtualClock(0) },
    );
    expect(r.status).toBe('failure');
    expect(v.seen).toHaveLength(0);
    expect(JSON.stringify(r.trace)).not.toContain('4111111111111111');
    expect(r.trace.inputErrors[0]?.pointer).toBe('/card');
    expect(r.trace.failure?.stage).toBe('input');
  });

  it('the /test view and the printed trace show no value of a secure action', async () => {
    const r = await run(true, 200, { token: TOKEN, last4: '1111' }).result;
    const test = toTestExecutionResult(r);
    expect(test.success).toBe(true);
    expect(test.finalResult).toEqual({ token: SECURE_MARKER, last4: SECURE_MARKER });
    expect(test.operations.map((o) => o.success)).toEqual(r.trace.stages.map((s) => s.ok));
    expect(JSON.stringify(test)).not.toMatch(new RegExp(`${CARD}|${TOKEN}`));
    const printed = formatTrace(r);
    expect(printed).toContain('SUCCESS');
    expect(printed).not.toMatch(new RegExp(`${CARD}|${TOKEN}`));
  });

  it('redactValue keeps keys and array lengths', () => {
    expect(redactValue({ a: 1, b: [true, null], c: { d: 'x' } })).toEqual({
      a: SECURE_MARKER,
      b: [SECURE_MARKER, SECURE_MARKER],
      c: { d: SECURE_MARKER },
    });
  });
});
