/**
 * @module
 * The Notifications websocket on the emulator's own HTTP server: `ws://<host>/channels/<channelId>`
 * (the channel's `connectUri`). Only upgrade requests on that path are taken; the channel id is the
 * credential, as in Genesys.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { EmulatorServices } from '../../provider-contract.ts';
import { notificationHub } from './hub.ts';
import type { ChannelSocket } from './hub.ts';

const CHANNEL_PATH = /^\/channels\/([A-Za-z0-9_-]+)$/;
const attached = new WeakSet<Server>();

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function asChannelSocket(ws: WebSocket): ChannelSocket {
  return {
    send: (text) => {
      if (ws.readyState === ws.OPEN) ws.send(text);
    },
    close: (code, reason) => ws.close(code, reason),
  };
}

/**
 * Serve notification websockets on `server`. Returns a function that detaches and closes the
 * sockets. Pass it to the emulator's `attachToServer` hook.
 * @example
 * emulator.attachToServer((server) => attachNotificationSocket(server, emulator.services));
 */
export function attachNotificationSocket(server: Server, services: EmulatorServices): () => void {
  // Attaching twice would answer each upgrade twice; the second attach is a no-op.
  if (attached.has(server)) return () => {};
  attached.add(server);
  const hub = notificationHub(services);
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = new URL(req.url ?? '/', 'http://emulator').pathname;
    const m = CHANNEL_PATH.exec(path);
    if (!m) {
      if (server.listenerCount('upgrade') === 1) refuse(socket, '404 Not Found');
      return;
    }
    const channelId = m[1]!;
    if (!hub.has(channelId)) return refuse(socket, '404 Not Found');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const cs = asChannelSocket(ws);
      sockets.add(ws);
      ws.on('message', (data) =>
        hub.receive(channelId, cs, Buffer.isBuffer(data) ? data.toString('utf8') : String(data)),
      );
      ws.on('close', () => {
        sockets.delete(ws);
        hub.disconnected(channelId, cs);
      });
      ws.on('error', () => ws.terminate());
      if (!hub.connect(channelId, cs)) ws.close(4004, 'channel not found');
    });
  };

  // Upgraded sockets are no longer HTTP connections: closing the server would wait for them forever.
  const closeSockets = (): void => {
    for (const ws of sockets) {
      if (ws.readyState === ws.OPEN)
        ws.send(
          JSON.stringify({
            topicName: 'v2.system.socket_closing',
            eventBody: { message: 'the emulator is shutting down' },
          }),
        );
      ws.close(1001, 'server shutting down');
      setTimeout(() => ws.terminate(), 1_000).unref();
    }
    sockets.clear();
  };
  const originalClose = server.close.bind(server);
  server.close = (cb?: (err?: Error) => void) => {
    closeSockets();
    return originalClose(cb);
  };

  server.on('upgrade', onUpgrade);
  return () => {
    server.off('upgrade', onUpgrade);
    server.close = originalClose;
    attached.delete(server);
    closeSockets();
    wss.close();
  };
}
