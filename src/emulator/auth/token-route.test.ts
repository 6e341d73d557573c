import { describe, expect, it } from 'vitest';
import { isSwitchboardError, VirtualClock } from '../../core/index.ts';
import { createEmulator } from '../create-emulator.ts';
import { DEMO } from '../services/seed.ts';

const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

function setup() {
  const clock = new VirtualClock();
  const emu = createEmulator({ clock, statePath: ':memory:', adminClient: { id: 'admin-id', secret: 'admin-secret' } });
  const login = (authorization: string | undefined, body = 'grant_type=client_credentials') =>
    emu.fetch('/oauth/token', {
      method: 'POST',
      headers: { ...FORM, ...(authorization ? { Authorization: authorization } : {}) },
      body,
    });
  return { clock, emu, login };
}

describe('POST /oauth/token', () => {
  it('issues a bearer token for the admin client given on the command line', async () => {
    const { emu, login } = setup();
    const res = await login(basic('admin-id', 'admin-secret'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(body.token_type).toBe('bearer');
    expect(body.expires_in).toBe(86_400);
    const users = await emu.fetch('/api/v2/users', { headers: { Authorization: `Bearer ${body.access_token}` } });
    expect(users.status).toBe(200);
  });

  it('accepts the credentials as form fields too', async () => {
    const { login } = setup();
    const res = await login(undefined, 'grant_type=client_credentials&client_id=admin-id&client_secret=admin-secret');
    expect(res.status).toBe(200);
  });

  it('400 unsupported_grant_type for other grants, with an OAuth-style body', async () => {
    const { login } = setup();
    const res = await login(basic('admin-id', 'admin-secret'), 'grant_type=password&username=a&password=b');
    expect(res.status).toBe(400);
    const body = (await res.json()) as Record<string, string>;
    expect(body.error).toBe('unsupported_grant_type');
    expect(body.description).toContain('"password"');
    expect(body.error_description).toBe(body.description);
  });

  it('400 invalid_request without grant_type', async () => {
    const { login } = setup();
    const res = await login(basic('admin-id', 'admin-secret'), '');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('401 invalid_client for a wrong secret, an unknown client or no credentials', async () => {
    const { login } = setup();
    for (const auth of [basic('admin-id', 'wrong'), basic('who', 'admin-secret'), undefined]) {
      const res = await login(auth);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: string }).error).toBe('invalid_client');
    }
  });

  it('tokens expire after the client accessTokenValiditySeconds on the injected clock', async () => {
    const { emu, login, clock } = setup();
    const client = emu.createClient({ name: 'short', roles: ['read-only'], accessTokenValiditySeconds: 600 });
    const res = await login(basic(client.clientId, client.clientSecret));
    const { access_token, expires_in } = (await res.json()) as { access_token: string; expires_in: number };
    expect(expires_in).toBe(600);
    const get = () => emu.fetch('/api/v2/users', { headers: { Authorization: `Bearer ${access_token}` } });
    await clock.advance(599_000);
    expect((await get()).status).toBe(200);
    await clock.advance(1_000);
    expect((await get()).status).toBe(401);
  });

  it('a client holds the permissions of its roles', async () => {
    const { emu, login } = setup();
    const client = emu.createClient({ name: 'presence', roles: ['presence'] });
    const { access_token } = (await (await login(basic(client.clientId, client.clientSecret))).json()) as {
      access_token: string;
    };
    const auth = { Authorization: `Bearer ${access_token}` };
    expect((await emu.fetch('/api/v2/presence/definitions', { headers: auth })).status).toBe(200);
    expect((await emu.fetch('/api/v2/routing/queues', { headers: auth })).status).toBe(403);
  });

  it('rejects unknown roles and out-of-range lifetimes with SB_INPUT_INVALID', () => {
    const { emu } = setup();
    const attempt = (fn: () => unknown): string => {
      try {
        fn();
        return 'no error';
      } catch (e) {
        return isSwitchboardError(e) ? `${e.code}: ${e.message}` : String(e);
      }
    };
    expect(attempt(() => emu.createClient({ name: 'x', roles: ['wizard'] }))).toMatch(
      /^SB_INPUT_INVALID: .*unknown role "wizard"/,
    );
    expect(attempt(() => emu.createClient({ name: 'x', accessTokenValiditySeconds: 60 }))).toMatch(
      /^SB_INPUT_INVALID: accessTokenValiditySeconds must be .* got 60$/,
    );
  });
});

describe('user tokens', () => {
  it('issueUserToken acts as the user', async () => {
    const { emu } = setup();
    const token = emu.issueUserToken(DEMO.users.bob);
    const res = await emu.fetch('/api/v2/users/me', { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe(DEMO.users.bob);
  });

  it('a client-credentials token has no user context', async () => {
    const { emu } = setup();
    const res = await emu.fetch('/api/v2/users/me', { headers: { Authorization: `Bearer ${emu.adminToken()}` } });
    expect(res.status).toBe(400);
  });

  it('honours narrowed permissions and refuses unknown users', async () => {
    const { emu } = setup();
    const token = emu.issueUserToken(DEMO.users.bob, ['presence:presenceDefinition:view']);
    expect(
      (await emu.fetch(`/api/v2/users/${DEMO.users.bob}`, { headers: { Authorization: `Bearer ${token}` } })).status,
    ).toBe(403);
    expect(() => emu.issueUserToken('nobody')).toThrow(/user nobody does not exist/);
  });

  it('is also minted by the control route', async () => {
    const { emu } = setup();
    const res = await emu.fetch('/_switchboard/tokens/user', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: DEMO.users.carol }),
    });
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    const me = await emu.fetch('/api/v2/users/me', { headers: { Authorization: `Bearer ${access_token}` } });
    expect(((await me.json()) as { id: string }).id).toBe(DEMO.users.carol);
    const bad = await emu.fetch('/_switchboard/tokens/user', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"userId":"nobody"}',
    });
    expect(bad.status).toBe(400);
  });
});
