// The emulator's control API on a real port, as a browser page of another site would reach it:
// a cross-site Origin, a host name re-pointed at 127.0.0.1 and a form-style POST are refused
// (and change nothing); scripts and in-process callers pass. Request bodies over the limit are
// refused with a Genesys error body, on the control API and the Platform API alike.
import { request } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator } from './create-emulator.ts';
import type { Emulator, ListeningEmulator } from './create-emulator.ts';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function served(opts: { maxBodyBytes?: number } = {}): Promise<{ emu: Emulator; server: ListeningEmulator }> {
  emu = createEmulator({ rateLimitPerMinute: 0, ...opts });
  return { emu, server: await emu.listen(0, '127.0.0.1') };
}

/** An HTTP request with exactly these headers (fetch would not send a forged Host). */
function raw(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; headers: IncomingMessage['headers']; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers ?? {} }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        }),
      );
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const JSON_TYPE = { 'Content-Type': 'application/json' };

describe('control API access', () => {
  it('refuses a page of another site: no fault cleared, no admin client', async () => {
    const { emu, server } = await served();
    emu.faults.add({ path: '/api/v2/never', errorRate: 1, errorStatus: 500 });
    const evil = { Origin: 'https://evil.example', ...JSON_TYPE };
    const reset = await raw(`${server.url}/_switchboard/faults`, { method: 'DELETE', headers: evil });
    expect(reset.status).toBe(403);
    expect(reset.json).toMatchObject({
      code: 'SB_EMULATOR_CONTROL_FORBIDDEN',
      status: 403,
      message: expect.stringContaining('https://evil.example'),
      details: [{ fieldName: 'Origin' }],
    });
    expect(reset.json.contextId).toBe(reset.headers['inin-correlation-id']);
    expect(emu.faults.list()).toHaveLength(1);
    const client = await raw(`${server.url}/_switchboard/clients`, {
      method: 'POST',
      headers: evil,
      body: JSON.stringify({ name: 'pwned', roles: ['admin'] }),
    });
    expect(client.status).toBe(403);
    expect(client.json).not.toHaveProperty('clientSecret');
  });

  it('refuses a host name re-pointed at 127.0.0.1 (DNS rebinding)', async () => {
    const { server } = await served();
    const rebound = await raw(`${server.url}/_switchboard/state/snapshot`, {
      headers: { Host: `attacker.example:${server.port}` },
    });
    expect(rebound.status).toBe(403);
    expect(rebound.json).toMatchObject({
      code: 'SB_EMULATOR_CONTROL_FORBIDDEN',
      message: expect.stringContaining('attacker.example'),
      details: [{ fieldName: 'Host' }],
    });
    const local = await raw(`${server.url}/_switchboard/health`, { headers: { Host: `localhost:${server.port}` } });
    expect(local.status).toBe(200);
  });

  it('refuses a POST a browser could send cross-site without asking (text/plain, form, no type)', async () => {
    const { emu, server } = await served();
    for (const headers of [
      { 'Content-Type': 'text/plain' },
      { 'Content-Type': 'application/x-www-form-urlencoded' },
      {},
    ] as Record<string, string>[]) {
      const r = await raw(`${server.url}/_switchboard/clients`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'sneaky', roles: ['admin'] }),
      });
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(r.json).toMatchObject({
        code: 'SB_EMULATOR_CONTROL_FORBIDDEN',
        details: [{ fieldName: 'Content-Type' }],
        message: expect.stringContaining('Content-Type: application/json'),
      });
    }
    const ok = await raw(`${server.url}/_switchboard/clients`, {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify({ name: 'script', permissions: ['directory:user:view'] }),
    });
    expect(ok.status).toBe(201);
    // In process (emulator.fetch) no browser can reach it: no rule applies.
    expect((await emu.fetch('/_switchboard/state/reset', { method: 'POST' })).status).toBe(200);
  });

  it('leaves the Platform API to its bearer tokens', async () => {
    const { emu, server } = await served();
    const res = await raw(`${server.url}/api/v2/users`, {
      headers: { Origin: 'https://app.example', Authorization: `Bearer ${emu.adminToken()}` },
    });
    expect(res.status).toBe(200);
  });
});

describe('control API index', () => {
  it('GET /_switchboard/ lists the control routes, under the same access rules', async () => {
    const { server } = await served();
    for (const path of ['/_switchboard/', '/_switchboard']) {
      const index = await raw(`${server.url}${path}`);
      expect(index.status, path).toBe(200);
      const routes = index.json.routes as { method: string; path: string }[];
      expect(routes).toEqual(
        expect.arrayContaining([
          { method: 'POST', path: '/_switchboard/state/reset' },
          { method: 'POST', path: '/_switchboard/clients' },
          { method: 'GET', path: '/_switchboard/simulator/test-numbers' },
        ]),
      );
      expect(routes.every((r) => r.path.startsWith('/_switchboard/'))).toBe(true);
    }
    const forged = await raw(`${server.url}/_switchboard/`, { headers: { Origin: 'https://evil.example' } });
    expect(forged.status).toBe(403);
  });
});

/** The answer to a POST whose body is sent chunk by chunk until the server answers (at most `maxBytes`). */
function postUntilAnswered(
  url: string,
  headers: Record<string, string>,
  chunk: Buffer,
  maxBytes: number,
): Promise<{ status: number; json: Record<string, unknown>; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(url, { method: 'POST', headers: { ...JSON_TYPE, ...headers } });
    req.on('error', (e) => (answered ? undefined : reject(e)));
    req.on('response', (res: IncomingMessage) => {
      answered = true;
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown>, sent });
      });
    });
    const pump = (): void => {
      while (!answered && sent < maxBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
    };
    req.flushHeaders();
    setTimeout(pump, 100);
  });
}

describe('request body limit', () => {
  it('answers 413 with a Genesys error body naming the limit: at once for a large Content-Length, soon after the limit for a chunked body', async () => {
    const { emu, server } = await served({ maxBodyBytes: 32 * 1024 });
    const auth = { Authorization: `Bearer ${emu.adminToken()}` };
    const declared = await postUntilAnswered(
      `${server.url}/api/v2/analytics/conversations/details/query`,
      { ...auth, 'Content-Length': String(50 * 1024 * 1024) },
      Buffer.alloc(64 * 1024, 0x20),
      50 * 1024 * 1024,
    );
    expect(declared.status).toBe(413);
    expect(declared.sent).toBe(0);
    expect(declared.json).toMatchObject({
      code: 'SB_EMULATOR_BODY_TOO_LARGE',
      status: 413,
      message: expect.stringContaining('at most 32 KiB (32768 bytes)'),
      limit: { value: 32 * 1024 },
    });
    const chunked = await postUntilAnswered(
      `${server.url}/_switchboard/state/restore`,
      { 'Transfer-Encoding': 'chunked' },
      Buffer.alloc(16 * 1024, 0x20),
      50 * 1024 * 1024,
    );
    expect(chunked.status).toBe(413);
    expect(chunked.sent).toBeLessThan(5 * 1024 * 1024);
    expect((await raw(`${server.url}/_switchboard/health`)).status).toBe(200);
  });

  it('defaults to 10 MiB and takes bodies within the limit', async () => {
    const { emu } = await served();
    const big = await emu.fetch('/_switchboard/faults', {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify({ path: '/x', errorRate: 1, pad: 'x'.repeat(10 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { limit: { value: number } }).limit.value).toBe(10 * 1024 * 1024);
    expect(
      (
        await emu.fetch('/_switchboard/faults', {
          method: 'POST',
          headers: JSON_TYPE,
          body: JSON.stringify({ path: '/x', errorRate: 1 }),
        })
      ).status,
    ).toBe(201);
  });
});

describe('control API clients', () => {
  it('a caller that names its client (id and secret) gets the same one each time; another secret for that id is refused', async () => {
    const { emu } = await served();
    const ask = async (body: Record<string, unknown>) => {
      const res = await emu.fetch('/_switchboard/clients', {
        method: 'POST',
        headers: JSON_TYPE,
        body: JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const first = await ask({
      name: 'runtime',
      permissions: ['directory:user:view'],
      clientId: 'stable-1',
      clientSecret: 's3cret',
    });
    expect(first).toMatchObject({ status: 201, json: { clientId: 'stable-1', clientSecret: 's3cret' } });
    const again = await ask({
      name: 'runtime',
      permissions: ['directory:user:view', 'routing:queue:view'],
      clientId: 'stable-1',
      clientSecret: 's3cret',
    });
    expect(again).toMatchObject({
      status: 201,
      json: { clientId: 'stable-1', permissions: ['directory:user:view', 'routing:queue:view'] },
    });
    expect((await ask({ name: 'thief', clientId: 'stable-1', clientSecret: 'guess' })).status).toBe(400);
    const anonymous = await ask({ name: 'runtime' });
    expect(anonymous.json.clientId).not.toBe('stable-1');
  });
});
