// Access control and secrecy: loopback needs no token; any other bind address requires one on
// every API route (bearer, header, or the cookie set by /?token=); no response body and no log
// line carries a client secret, an access token or the console token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../core/index.ts';
import { DEMO } from '../emulator/index.ts';
import { TOKEN_COOKIE, TOKEN_HEADER, accessPolicy, isLoopback } from './access.ts';
import { embeddedEmulatorLink } from './emulator-link.ts';
import { recordingLogger, startHarness } from './harness.test-support.ts';
import type { Harness } from './harness.test-support.ts';
import { REDACTED } from './redact.ts';
import { createConsoleApp } from './server.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('access policy', () => {
  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', 'LOCALHOST'])
      expect(isLoopback(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.com', '128.0.0.1'])
      expect(isLoopback(host), host).toBe(false);
  });

  it('needs no token on loopback, generates one elsewhere, and enforces a given one everywhere', () => {
    expect(accessPolicy('127.0.0.1', undefined)).toEqual({ token: undefined, generated: false });
    const generated = accessPolicy('0.0.0.0', undefined);
    expect(generated.generated).toBe(true);
    expect(generated.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(accessPolicy('0.0.0.0', undefined).token).not.toBe(generated.token);
    expect(accessPolicy('127.0.0.1', 'a-given-token-of-24-chars')).toEqual({
      token: 'a-given-token-of-24-chars',
      generated: false,
    });
  });

  it('refuses a weak token with a clear error', () => {
    try {
      accessPolicy('0.0.0.0', 'short');
      expect.unreachable();
    } catch (e) {
      expect(isSwitchboardError(e) && e.code).toBe('SB_CONSOLE_CONFIG');
    }
  });
});

describe('console bound off loopback', () => {
  const token = 'console-token-for-tests-0123456789';
  let logger: ReturnType<typeof recordingLogger>;
  let web: ReturnType<typeof createConsoleApp>;
  beforeAll(() => {
    logger = recordingLogger();
    web = createConsoleApp({
      runtime: h.runtime,
      emulator: embeddedEmulatorLink(h.emulator),
      host: '0.0.0.0',
      token,
      secrets: h.secrets,
      logger,
    });
  });

  it('rejects API requests without the token, or with a wrong one, with the error shape', async () => {
    for (const path of [
      '/api/info',
      '/api/triggers',
      '/api/runs',
      '/api/stream',
      '/api/simulator/conversations',
      '/events',
      '/outbound/calls',
    ]) {
      const res = await web.app.request(
        path,
        path === '/events' || path === '/outbound/calls' ? { method: 'POST', body: '{}' } : {},
      );
      expect(res.status, path).toBe(401);
      const body = (await res.json()) as { code: string; message: string };
      expect(body.code).toBe('SB_CONSOLE_UNAUTHORIZED');
      expect(body.message).toContain('none was sent');
    }
    const wrong = await web.app.request('/api/info', {
      headers: { Authorization: 'Bearer not-the-right-token-at-all' },
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { message: string }).message).toContain('not the right one');
  });

  it('accepts the token as a bearer, in its header, or in the cookie', async () => {
    expect((await web.app.request('/api/info', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await web.app.request('/api/info', { headers: { [TOKEN_HEADER]: token } })).status).toBe(200);
    expect((await web.app.request('/api/info', { headers: { Cookie: `${TOKEN_COOKIE}=${token}` } })).status).toBe(200);
  });

  it('/?token= sets an HttpOnly cookie and drops the token from the address', async () => {
    const res = await web.app.request(`/?token=${token}&x=1`);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/?x=1');
    const cookie = res.headers.get('Set-Cookie') ?? '';
    expect(cookie).toContain(`${TOKEN_COOKIE}=${token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(await res.text()).not.toContain(token);
    expect((await web.app.request('/?token=wrong-token-wrong-token')).status).toBe(401);
  });

  it('serves the page itself without a token (it holds no data)', async () => {
    expect([200, 503]).toContain((await web.app.request('/')).status);
  });

  it('never logs the token, even when it is in the query', async () => {
    await web.app.request(`/?token=${token}`);
    await web.app.request('/api/info', { headers: { Authorization: `Bearer ${token}` } });
    await web.app.request('/api/info?token=leaky');
    expect(logger.lines.length).toBeGreaterThan(0);
    for (const line of logger.lines) {
      expect(line).not.toContain(token);
      expect(line).not.toContain('leaky');
    }
  });
});

describe('console on loopback without a token', () => {
  let web: ReturnType<typeof createConsoleApp>;
  beforeAll(() => {
    web = createConsoleApp({ runtime: h.runtime, emulator: embeddedEmulatorLink(h.emulator) });
  });

  it('refuses a request another web site makes from the browser (cross-site request forgery)', async () => {
    // A form or no-cors fetch on any page can POST text/plain to 127.0.0.1; the browser marks it with Origin.
    const conversations = async (): Promise<number> =>
      ((await (await web.app.request('/api/simulator/conversations')).json()) as { entities: unknown[] }).entities
        .length;
    const before = await conversations();
    const forged = await web.app.request('/api/outbound/calls', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: 'https://evil.example' },
      body: JSON.stringify({ from: 'carol@example.com', to: '+13175550100' }),
    });
    expect(forged.status).toBe(403);
    const body = (await forged.json()) as { code: string; message: string };
    expect(body.code).toBe('SB_CONSOLE_FORBIDDEN');
    expect(body.message).toContain('https://evil.example');
    expect(await conversations()).toBe(before);
    for (const origin of ['null', 'http://localhost:1']) {
      expect((await web.app.request('/api/info', { headers: { Origin: origin } })).status, origin).toBe(403);
    }
    // The console's own page, and clients that are not browsers, still get through.
    expect((await web.app.request('/api/info', { headers: { Origin: 'http://localhost' } })).status).toBe(200);
    expect((await web.app.request('/api/info')).status).toBe(200);
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const rebound = await web.app.request('http://attacker.example:3000/api/info');
    expect(rebound.status).toBe(403);
    expect(((await rebound.json()) as { message: string }).message).toContain('attacker.example');
    for (const host of ['127.0.0.1:3000', 'localhost:3000', '[::1]:3000']) {
      expect((await web.app.request(`http://${host}/api/info`)).status, host).toBe(200);
    }
  });
});

describe('secrets never reach the browser', () => {
  it('no answer carries a client secret, an access token or the console token, even when an event holds one', async () => {
    const token = 'console-token-for-tests-abcdefghij';
    const web = createConsoleApp({
      runtime: h.runtime,
      emulator: embeddedEmulatorLink(h.emulator),
      host: '0.0.0.0',
      token,
      secrets: h.secrets,
    });
    const auth = { headers: { Authorization: `Bearer ${token}` } };
    const send = async (path: string, init: RequestInit = {}): Promise<string> => {
      const res = await web.app.request(path, {
        ...init,
        headers: {
          ...auth.headers,
          'Content-Type': 'application/json',
          ...(init.headers as Record<string, string> | undefined),
        },
      });
      return res.text();
    };
    // A call the seed workflow handles (its data actions authenticate with their own client).
    const placed = JSON.parse(
      await send('/api/simulator/calls', {
        method: 'POST',
        body: JSON.stringify({ fromUserId: DEMO.users.bob, to: { phoneNumber: '+13175550100' } }),
      }),
    ) as { id: string };
    await h.runtime.idle();
    // A pushed event that carries a secret in its body (a careless relay, say).
    const admin = h.emulator.admin.clientSecret;
    const conversationId = '5ec2e700-0000-4000-8000-000000000001';
    expect(
      await send('/events', {
        method: 'POST',
        body: JSON.stringify({
          topicName: `v2.detail.events.conversation.${conversationId}.user.start`,
          eventBody: {
            conversationId,
            note: admin,
            header: `Bearer ${h.emulator.adminToken()}`,
            queueId: DEMO.queues.sales,
          },
        }),
      }),
    ).toContain('accepted');

    const runs = JSON.parse(await send('/api/runs')) as { entities: { id: string }[] };
    expect(runs.entities.length).toBeGreaterThan(0);
    const bodies = await Promise.all([
      send('/api/info'),
      send('/api/triggers'),
      send('/api/bundles'),
      send('/api/check'),
      send('/api/health'),
      send('/api/runs'),
      ...runs.entities.map((r) => send(`/api/runs/${r.id}`)),
      send('/api/events?limit=1000'),
      send('/api/events/recent?limit=1000'),
      send('/api/simulator/conversations'),
      send(`/api/simulator/conversations/${placed.id}`),
      send('/api/no-such-route'),
    ]);
    const all = bodies.join('\n');
    expect(h.secrets.length).toBeGreaterThan(2);
    for (const secret of [...h.secrets, token])
      expect(all.includes(secret), `a secret (${secret.slice(0, 4)}…) reached a response`).toBe(false);
    expect(all).not.toMatch(/Bearer\s+(?!\[redacted\])[A-Za-z0-9._~+/=-]{8,}/);
    // The event is still there, with the secret blanked out.
    const recent = JSON.parse(await send(`/api/events/recent?conversationId=${conversationId}`)) as {
      entities: { body: { note: string; header: string } }[];
    };
    expect(recent.entities[0]?.body.note).toBe(REDACTED);
    expect(recent.entities[0]?.body.header).toBe(`Bearer ${REDACTED}`);
  });
});
