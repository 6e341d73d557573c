// End to end on a real port: a client-credentials client places a call on behalf of a user with no
// queue; a Notifications websocket subscriber receives user.start WITHOUT queueId (what the
// terminate-voice-calls-with-no-queue trigger matches on); the client tags the conversation
// "No Queue" and disconnects it; analytics details show the conversation and its external tag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DEMO, createEmulator } from '../src/emulator/index.ts';
import type { Emulator, ListeningEmulator } from '../src/emulator/index.ts';
import { attachNotificationSocket } from '../src/emulator/services/notifications/socket.ts';

type Json = Record<string, unknown>;

let emu: Emulator;
let server: ListeningEmulator;
let token: string;

async function api(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Json | string | undefined }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as Json) };
}

beforeAll(async () => {
  emu = createEmulator({ seed: 'demo' });
  emu.attachToServer((s) => attachNotificationSocket(s, emu.services));
  server = await emu.listen(0, '127.0.0.1');
  const client = emu.createClient({
    name: 'No-queue terminator',
    permissions: [
      'conversation:call:add',
      'conversation:communication:disconnect',
      'conversation:externalTag:edit',
      'analytics:conversationDetail:view',
    ],
  });
  const res = await fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  expect(res.status).toBe(200);
  token = ((await res.json()) as { access_token: string }).access_token;
});

afterAll(async () => {
  await emu.close();
});

describe('e2e: a call with no queue', () => {
  it('is seen by a websocket subscriber without queueId, tagged "No Queue", disconnected, and visible in analytics', async () => {
    const channel = (await api('POST', '/api/v2/notifications/channels')).json as { id: string; connectUri: string };
    expect(channel.connectUri.startsWith(`ws://127.0.0.1:${server.port}/channels/`)).toBe(true);
    const sub = await api('PUT', `/api/v2/notifications/channels/${channel.id}/subscriptions`, [
      { id: 'v2.detail.events.conversation.{id}.user.start' },
    ]);
    expect(sub.status).toBe(200);

    const ws = new WebSocket(channel.connectUri);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const userStart = new Promise<Json>((resolve) => {
      ws.on('message', (data) => {
        const m = JSON.parse(String(data)) as Json;
        if (String(m.topicName).endsWith('.user.start')) resolve(m);
      });
    });

    const placed = await api('POST', `/api/v2/conversations/calls/user/${DEMO.users.alice}`, {
      phoneNumber: '+1 317 555 0100',
    });
    expect(placed.status).toBe(200);
    const conversationId = (placed.json as { id: string }).id;

    const event = await userStart;
    ws.close();
    expect(event.topicName).toBe(`v2.detail.events.conversation.${conversationId}.user.start`);
    const body = event.eventBody as Json;
    expect(Object.keys(body)).not.toContain('queueId');
    expect(body).toMatchObject({
      conversationId,
      userId: DEMO.users.alice,
      direction: 'OUTBOUND',
      mediaType: 'VOICE',
      provider: 'Edge',
      dnis: 'tel:+13175550100',
    });
    expect(typeof body.eventTime).toBe('number');

    expect((await api('PUT', `/api/v2/conversations/${conversationId}/tags`, { externalTag: 'No Queue' })).status).toBe(
      202,
    );
    expect((await api('POST', `/api/v2/conversations/${conversationId}/disconnect`)).status).toBe(202);

    const details = await api('GET', `/api/v2/analytics/conversations/${conversationId}/details`);
    expect(details.status).toBe(200);
    const d = details.json as {
      conversationId: string;
      externalTag: string;
      conversationEnd?: string;
      originatingDirection: string;
      participants: { purpose: string; sessions: { direction: string }[] }[];
    };
    expect(d.conversationId).toBe(conversationId);
    expect(d.externalTag).toBe('No Queue');
    expect(d.originatingDirection).toBe('outbound');
    expect(typeof d.conversationEnd).toBe('string');
    expect(d.participants.find((p) => p.purpose === 'external')?.sessions[0]?.direction).toBe('outbound');
  });
});
