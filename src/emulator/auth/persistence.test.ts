import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator } from '../create-emulator.ts';
import type { Emulator } from '../create-emulator.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function stateFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-oauth-'));
  dirs.push(dir);
  return join(dir, 'emulator.sqlite');
}

const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function login(emu: Emulator, id: string, secret: string): Promise<Response> {
  return emu.fetch('/oauth/token', {
    method: 'POST',
    headers: { Authorization: basic(id, secret), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
}

const users = (emu: Emulator, token: string): Promise<Response> =>
  emu.fetch('/api/v2/users', { headers: { Authorization: `Bearer ${token}` } });

describe('OAuth clients and tokens across an emulator restart', () => {
  it('a client created through the control API and its token still work after a restart on the same state file', async () => {
    const file = stateFile();
    const first = createEmulator({ statePath: file });
    const created = await first.fetch('/_switchboard/clients', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'runtime actions', permissions: ['directory:user:view'] }),
    });
    const client = (await created.json()) as { clientId: string; clientSecret: string };
    const token = (
      (await (await login(first, client.clientId, client.clientSecret)).json()) as { access_token: string }
    ).access_token;
    expect((await users(first, token)).status).toBe(200);
    const admin = first.admin;
    await first.close();

    const second = createEmulator({ statePath: file });
    try {
      // The token minted before the restart is still valid, with its permissions.
      expect((await users(second, token)).status).toBe(200);
      expect(
        (await second.fetch('/api/v2/routing/queues', { headers: { Authorization: `Bearer ${token}` } })).status,
      ).toBe(403);
      // The client still signs in.
      expect((await login(second, client.clientId, client.clientSecret)).status).toBe(200);
      // The admin client of the first run is kept when no credentials are fixed.
      expect(second.admin).toEqual(admin);
      expect((await login(second, admin.clientId, admin.clientSecret)).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('fixed admin credentials replace the stored admin client', async () => {
    const file = stateFile();
    const first = createEmulator({ statePath: file });
    const old = first.admin;
    await first.close();
    const second = createEmulator({ statePath: file, adminClient: { id: 'admin-id', secret: 'admin-secret' } });
    try {
      expect(second.admin).toEqual({ clientId: 'admin-id', clientSecret: 'admin-secret' });
      expect((await login(second, 'admin-id', 'admin-secret')).status).toBe(200);
      expect((await login(second, old.clientId, old.clientSecret)).status).toBe(401);
    } finally {
      await second.close();
    }
    const third = createEmulator({ statePath: file, adminClient: { id: 'admin-id', secret: 'admin-secret' } });
    try {
      expect((await login(third, 'admin-id', 'admin-secret')).status).toBe(200);
    } finally {
      await third.close();
    }
  });

  it('a reset of the org keeps every client signed in', async () => {
    const emu = createEmulator({ statePath: stateFile() });
    try {
      const token = emu.adminToken();
      expect(
        (
          await emu.fetch('/_switchboard/state/reset', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '{}',
          })
        ).status,
      ).toBe(200);
      expect((await users(emu, token)).status).toBe(200);
    } finally {
      await emu.close();
    }
  });
});
