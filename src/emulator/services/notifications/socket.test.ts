import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createEmulator } from '../../create-emulator.ts';
import type { Emulator, ListeningEmulator } from '../../create-emulator.ts';
import { DEMO } from '../seed.ts';
import { attachNotificationSocket } from './socket.ts';

let emu: Emulator | undefined;

afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function start(): Promise<{
  server: ListeningEmulator;
  api: (method: string, path: string, body?: unknown) => Promise<Response>;
}> {
  emu = createEmulator({ rateLimitPerMinute: 0 });
  const e = emu;
  e.attachToServer((server) => attachNotificationSocket(server, e.services));
  const server = await e.listen(0, '127.0.0.1');
  const token = e.adminToken();
  const api = (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { server, api };
}

/** A websocket client collecting parsed messages. */
function connect(uri: string): Promise<{
  ws: WebSocket;
  messages: Record<string, unknown>[];
  next: (pred: (m: Record<string, unknown>) => boolean) => Promise<Record<string, unknown>>;
  closed: Promise<number>;
}> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(uri);
    const messages: Record<string, unknown>[] = [];
    const waiters: { pred: (m: Record<string, unknown>) => boolean; done: (m: Record<string, unknown>) => void }[] = [];
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as Record<string, unknown>;
      messages.push(m);
      for (const w of [...waiters])
        if (w.pred(m)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.done(m);
        }
    });
    const next = (pred: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> => {
      const found = messages.find(pred);
      return found ? Promise.resolve(found) : new Promise((done) => waiters.push({ pred, done }));
    };
    ws.once('open', () => resolve({ ws, messages, next, closed }));
    ws.once('error', reject);
  });
}

describe('Notifications websocket on a real port', () => {
  it("creates a channel whose connectUri is the emulator's own port, and delivers subscribed detail events", async () => {
    const { server, api } = await start();
    const res = await api('POST', '/api/v2/notifications/channels');
    const channel = (await res.json()) as { id: string; connectUri: string; expires: string };
    expect(channel.connectUri).toBe(`ws://127.0.0.1:${server.port}/channels/${channel.id}`);
    expect(Date.parse(channel.expires) - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    expect((await api('HEAD', `/api/v2/notifications/channels/${channel.id}`)).status).toBe(200);
    expect((await api('HEAD', '/api/v2/notifications/channels/streaming-0-nope')).status).toBe(404);

    const sub = await api('PUT', `/api/v2/notifications/channels/${channel.id}/subscriptions`, [
      { id: 'v2.detail.events.conversation.{id}.customer.start' },
    ]);
    expect(await sub.json()).toEqual({
      entities: [{ id: 'v2.detail.events.conversation.{id}.customer.start', state: 'Permitted' }],
    });
    const listed = (await (await api('GET', '/api/v2/notifications/channels')).json()) as {
      entities: { id: string }[];
    };
    expect(listed.entities.map((c) => c.id)).toEqual([channel.id]);

    const client = await connect(channel.connectUri);
    const placed = await api('POST', '/_switchboard/simulator/calls', {
      fromUserId: DEMO.users.alice,
      to: { phoneNumber: '+13175551234' },
    });
    const conv = (await placed.json()) as { id: string };
    const msg = await client.next((m) => m.topicName !== 'channel.metadata');
    expect(msg).toMatchObject({
      topicName: `v2.detail.events.conversation.${conv.id}.customer.start`,
      version: '2',
      eventBody: { conversationId: conv.id, mediaType: 'VOICE' },
    });

    client.ws.send(JSON.stringify({ message: 'ping' }));
    expect(await client.next((m) => (m.eventBody as { message?: string }).message === 'pong')).toEqual({
      topicName: 'channel.metadata',
      eventBody: { message: 'pong' },
    });

    const second = await connect(channel.connectUri);
    expect(await client.closed).toBe(4000);
    second.ws.close();
  });

  it('refuses a socket for an unknown channel, and tells connected sockets it is closing on shutdown', async () => {
    const { server, api } = await start();
    await expect(connect(`ws://127.0.0.1:${server.port}/channels/streaming-0-unknown`)).rejects.toThrow(/404/);
    const channel = (await (await api('POST', '/api/v2/notifications/channels')).json()) as { connectUri: string };
    const client = await connect(channel.connectUri);
    await emu!.close();
    emu = undefined;
    expect(await client.closed).toBe(1001);
    expect(client.messages.at(-1)).toMatchObject({ topicName: 'v2.system.socket_closing' });
  });

  it('answers 400 past 1,000 topics and validates the subscription body', async () => {
    const { api } = await start();
    const channel = (await (await api('POST', '/api/v2/notifications/channels')).json()) as { id: string };
    const topics = Array.from({ length: 1_001 }, (_, i) => ({
      id: `v2.users.a11ce000-0000-4000-8000-00000000${String(i).padStart(4, '0')}.presence`,
    }));
    const res = await api('POST', `/api/v2/notifications/channels/${channel.id}/subscriptions`, topics);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 400, limit: { namespace: 'notifications', value: 1_000 } });
    const bad = await api('POST', `/api/v2/notifications/channels/${channel.id}/subscriptions`, { id: 'v2.users' });
    expect(((await bad.json()) as { details: { fieldName: string }[] }).details[0]!.fieldName).toBe('body');
    expect((await api('DELETE', `/api/v2/notifications/channels/${channel.id}/subscriptions`)).status).toBe(204);
  });

  it('?ignoreErrors=true omits rejected topics from POST and PUT; a non-boolean value is a 400', async () => {
    const { api } = await start();
    const channel = (await (await api('POST', '/api/v2/notifications/channels')).json()) as { id: string };
    const path = `/api/v2/notifications/channels/${channel.id}/subscriptions`;
    const userStart = 'v2.detail.events.conversation.{id}.user.start';
    const posted = await api('POST', `${path}?ignoreErrors=true`, [{ id: userStart }, { id: 'v2.nope' }]);
    expect(posted.status).toBe(200);
    expect(await posted.json()).toEqual({ entities: [{ id: userStart, state: 'Permitted' }] });
    const put = await api('PUT', `${path}?ignoreErrors=TRUE`, [{ id: 'v2.users' }, { id: 'v2.users.{id}.presence' }]);
    expect(await put.json()).toEqual({ entities: [{ id: 'v2.users.{id}.presence', state: 'Permitted' }] });
    const kept = await api('PUT', `${path}?ignoreErrors=false`, [{ id: 'v2.nope' }]);
    expect(await kept.json()).toMatchObject({ entities: [{ id: 'v2.nope', state: 'Rejected' }] });
    const bad = await api('POST', `${path}?ignoreErrors=yes`, [{ id: userStart }]);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ details: [{ fieldName: 'ignoreErrors' }] });
    expect(await (await api('GET', path)).json()).toMatchObject({ entities: [{ id: 'v2.nope', state: 'Rejected' }] });
  });
});
