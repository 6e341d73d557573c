// The console on a real port: loopback by default with no token; with a token, the URL to open
// carries it once, the landing sets the cookie, and the API answers only with it. Passthrough
// serves the emulator's Platform API on the same port.
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
    const web = await serveConsole({ runtime: h.runtime, emulator: embeddedEmulatorLink(h.emulator), passthrough: { prefixes: ['/api/v2/', '/oauth/'], fetch: (req) => h.emulator.app.fetch(req) } });
    try {
      const users = await fetch(new URL('/api/v2/users', web.url), { headers: { Authorization: `Bearer ${h.emulator.adminToken()}` } });
      expect(users.status).toBe(200);
      expect(((await users.json()) as { entities: unknown[] }).entities).toHaveLength(4);
      expect((await fetch(new URL('/api/triggers', web.url))).status).toBe(200);
    } finally {
      await web.close();
    }
  });

  it('refuses an invalid port with a clear error', async () => {
    const err = await serveConsole({ runtime: h.runtime, port: 70_000 }).catch((e: unknown) => e);
    expect(isSwitchboardError(err) && err.code).toBe('SB_CONSOLE_CONFIG');
  });
});
