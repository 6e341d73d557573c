// The console on a real port: loopback by default with no token; with a token, the URL to open
// carries it once, the landing sets the cookie, and the API answers only with it. Passthrough
// serves the emulator's Platform API on the same port.
import { request } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../core/index.ts';
import { embeddedEmulatorLink } from './emulator-link.ts';
import { startHarness } from './harness.test-support.ts';
import type { Harness } from './harness.test-support.ts';
import { serveConsole } from './serve.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** The answer to a POST whose body is sent chunk by chunk until the server answers (at most `maxBytes`). */
function postUntilAnswered(
  url: string,
  headers: Record<string, string>,
  chunk: Buffer,
  maxBytes: number,
): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } });
    req.on('error', (e) => (answered ? undefined : reject(e)));
    req.on('response', (res: IncomingMessage) => {
      answered = true;
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body, sent });
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
    // Give the server a moment to answer on the headers alone before any body byte is sent.
    setTimeout(pump, 100);
  });
}

describe('serveConsole', () => {
  it('binds 127.0.0.1 by default and needs no token there', async () => {
    const web = await serveConsole({ runtime: h.runtime, emulator: embeddedEmulatorLink(h.emulator) });
    try {
      expect((web.server.address() as AddressInfo).address).toBe('127.0.0.1');
      expect(web.token).toBeUndefined();
      expect(web.openUrl).toBe(web.url);
      expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect((await fetch(new URL('/api/info', web.url))).status).toBe(200);
    } finally {
      await web.close();
    }
  });

  it('with a token: the open URL carries it, the landing sets the cookie, the API needs it', async () => {
    const token = 'serve-test-token-0123456789abcdef';
    const web = await serveConsole({ runtime: h.runtime, emulator: embeddedEmulatorLink(h.emulator), token });
    try {
      expect(web.url).not.toContain(token);
      expect(web.openUrl).toBe(`${web.url}?token=${token}`);
      expect((await fetch(new URL('/api/info', web.url))).status).toBe(401);
      const landing = await fetch(web.openUrl, { redirect: 'manual' });
      expect(landing.status).toBe(303);
      const cookie = landing.headers.get('set-cookie')!.split(';')[0]!;
      const res = await fetch(new URL('/api/info', web.url), { headers: { Cookie: cookie } });
      expect(res.status).toBe(200);
    } finally {
      await web.close();
    }
  });

  it('serves another app on the same port by path prefix (the emulator Platform API)', async () => {
    const web = await serveConsole({
      runtime: h.runtime,
      emulator: embeddedEmulatorLink(h.emulator),
      passthrough: { prefixes: ['/api/v2/', '/oauth/'], fetch: (req) => h.emulator.app.fetch(req) },
    });
    try {
      const users = await fetch(new URL('/api/v2/users', web.url), {
        headers: { Authorization: `Bearer ${h.emulator.adminToken()}` },
      });
      expect(users.status).toBe(200);
      expect(((await users.json()) as { entities: unknown[] }).entities).toHaveLength(4);
      expect((await fetch(new URL('/api/triggers', web.url))).status).toBe(200);
    } finally {
      await web.close();
    }
  });

  it('refuses a body over the limit on a real port: a large Content-Length before the body, a chunked body once it passes the limit', async () => {
    const web = await serveConsole({
      runtime: h.runtime,
      emulator: embeddedEmulatorLink(h.emulator),
      maxBodyBytes: 64 * 1024,
    });
    try {
      const declared = await postUntilAnswered(
        new URL('/events', web.url).href,
        { 'Content-Length': String(50 * 1024 * 1024) },
        Buffer.alloc(64 * 1024, 0x20),
        50 * 1024 * 1024,
      );
      expect(declared.status).toBe(413);
      expect(declared.sent).toBe(0);
      expect(JSON.parse(declared.body)).toMatchObject({
        code: 'SB_CONSOLE_BODY_TOO_LARGE',
        message: expect.stringContaining('at most 64 KiB (65536 bytes); this one declares 52428800 bytes'),
      });
      // Four chunked uploads at once: each is cut off soon after the limit, and health still answers meanwhile.
      const chunked = Promise.all(
        [1, 2, 3, 4].map(() =>
          postUntilAnswered(
            new URL('/events', web.url).href,
            { 'Transfer-Encoding': 'chunked' },
            Buffer.alloc(16 * 1024, 0x20),
            50 * 1024 * 1024,
          ),
        ),
      );
      expect((await fetch(new URL('/api/health', web.url))).status).toBe(200);
      for (const r of await chunked) {
        expect(r.status).toBe(413);
        expect(JSON.parse(r.body)).toMatchObject({
          code: 'SB_CONSOLE_BODY_TOO_LARGE',
          message: expect.stringContaining('passed the limit while it was sent'),
        });
        expect(r.sent).toBeLessThan(5 * 1024 * 1024);
      }
      expect((await fetch(new URL('/api/health', web.url))).status).toBe(200);
    } finally {
      await web.close();
    }
  });

  it('refuses an invalid port with a clear error', async () => {
    const err = await serveConsole({ runtime: h.runtime, port: 70_000 }).catch((e: unknown) => e);
    expect(isSwitchboardError(err) && err.code).toBe('SB_CONSOLE_CONFIG');
  });
});
