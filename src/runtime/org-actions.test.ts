// The actions of flows deployed to an emulator: a web services action runs with its integration's
// credentials, and its request for another host goes to the emulator's third-party fetch (here a
// real HTTP service on a local port).
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock, randomIds } from '../core/index.ts';
import { createEmulator } from '../emulator/index.ts';
import type { Emulator } from '../emulator/index.ts';
import { orgActionInvoker } from './org-actions.ts';

let emu: Emulator | undefined;
let server: Server | undefined;
afterEach(async () => {
  await emu?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  emu = undefined;
  server = undefined;
});

const ctx = {
  runId: 'run-1',
  flow: 'Tiering',
  stepId: 'Main/1',
  idempotencyKey: 'run-1:Main/1',
  timeoutMs: 10_000,
  signal: new AbortController().signal,
};

describe('org action invoker', () => {
  it('runs a web services action of the org with its Basic Auth credential, through the third-party fetch', async () => {
    const seen: Array<string | undefined> = [];
    server = createServer((req, res) => {
      seen.push(`${req.url} ${req.headers.authorization}`);
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ tier: 'gold' }));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const clock = new VirtualClock(Date.UTC(2026, 0, 5));
    emu = createEmulator({ clock, rateLimitPerMinute: 0, thirdParty: fetch });
    const admin = emu.adminToken();
    const call = async (method: string, path: string, body: unknown) =>
      (await (
        await emu!.fetch(path, {
          method,
          headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json()) as { id: string };
    const cred = await call('POST', '/api/v2/integrations/credentials', {
      name: 'CRM',
      type: { name: 'basicAuth' },
      credentialFields: { userName: 'svc', password: 'pw' },
    });
    const integration = await call('POST', '/api/v2/integrations', {
      integrationType: { id: 'custom-rest-actions' },
      name: 'CRM',
    });
    await call('PUT', `/api/v2/integrations/${integration.id}/config/current`, {
      credentials: { basicAuth: { id: cred.id } },
    });
    await call('POST', '/api/v2/integrations/actions', {
      name: 'Get Tier',
      category: 'CRM',
      integrationId: integration.id,
      config: {
        request: { requestUrlTemplate: `${origin}/tiers/\${input.id}`, requestType: 'GET', headers: {} },
        response: { translationMap: { tier: '$.tier' }, successTemplate: '{"tier": ${tier}}' },
      },
      contract: {
        input: { inputSchema: { type: 'object', properties: { id: { type: 'string' } } } },
        output: { successSchema: { type: 'object', properties: { tier: { type: 'string' } } } },
      },
    });
    const invoke = orgActionInvoker(emu, { clock, ids: randomIds });
    const r = await invoke('Get Tier', { id: 'c7' }, ctx);
    expect(r).toMatchObject({ status: 'success', outputs: { tier: 'gold' } });
    expect(seen).toEqual([`/tiers/c7 Basic ${Buffer.from('svc:pw').toString('base64')}`]);
  });
});
