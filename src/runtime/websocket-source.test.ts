import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { silentLogger } from '../core/index.ts';
import type { TimerHandle } from '../core/index.ts';
import type { GenesysClient } from '../genesys/index.ts';
import { openWebsocketSource } from './websocket-source.ts';

const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    for (const c of s.clients) c.terminate();
    await new Promise((resolve) => s.close(resolve));
  }
});

it('a channel that reconnects while the source closes is closed too (no socket outlives close())', async () => {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const uri = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/channels/c`;
  const sockets: WebSocket[] = [];
  server.on('connection', (s) => sockets.push(s));

  // The second channel request is held until the test releases it, after close().
  let channels = 0;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const client = {
    baseUrl: 'http://127.0.0.1',
    async post() {
      if (++channels === 2) await held;
      return { id: `ch-${channels}`, connectUri: uri };
    },
    async put(_path: string, topics: { id: string }[]) {
      return { entities: topics.map((t) => ({ id: t.id, state: 'Permitted' })) };
    },
  } as unknown as GenesysClient;
  const pending: (() => void)[] = [];
  const timers = { setTimer: (fn: () => void): TimerHandle => (pending.push(fn), { cancel: () => undefined }) };

  const source = await openWebsocketSource({
    client,
    topics: ['v2.users.{id}.presence'],
    onMessage: () => undefined,
    logger: silentLogger,
    timers,
  });
  expect(source.connected).toBe(true);
  sockets[0]!.close();
  await expect.poll(() => pending.length).toBe(1);
  pending.shift()!(); // the reconnect starts and waits for its channel
  await expect.poll(() => channels).toBe(2);
  await source.close();
  release();
  await expect.poll(() => sockets.length).toBe(2);
  await expect.poll(() => sockets[1]!.readyState, { timeout: 3000 }).toBe(3 /* CLOSED */);
  expect(source.connected).toBe(false);
});
