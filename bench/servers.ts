/**
 * @module
 * Servers measured by the benches, started in a child process (`node --import tsx bench/servers.ts
 * <name>`) so the load generator does not share their event loop. The child reports
 * `{ url, token?, path }` over IPC and stops when the parent disconnects.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createEmulator, DEMO } from '../src/emulator/index.ts';

/** What a bench server reports to its parent. */
export interface ServerReady {
  url: string;
  /** The path to request. */
  path: string;
  /** A bearer token, for servers that want one. */
  token?: string;
}

async function start(name: string): Promise<ServerReady> {
  if (name === 'hono') {
    const app = new Hono().get('/hello', (c) => c.json({ hello: 'world' }));
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    return { url: `http://127.0.0.1:${port}`, path: '/hello' };
  }
  if (name === 'emulator') {
    // The per-token rate limit would cap the run at 300 requests per minute; throughput is the point here.
    const emu = createEmulator({ statePath: ':memory:', rateLimitPerMinute: 0 });
    const listening = await emu.listen(0, '127.0.0.1');
    return { url: listening.url, path: `/api/v2/users/${DEMO.users.alice}`, token: emu.adminToken() };
  }
  throw new Error(`unknown bench server "${name}"; expected hono or emulator`);
}

if (process.send) {
  const ready = await start(process.argv[2] ?? '');
  process.send(ready);
  process.on('disconnect', () => process.exit(0));
}
