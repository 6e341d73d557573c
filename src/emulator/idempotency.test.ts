import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { VirtualClock, seededIds } from '../core/index.ts';
import { createEmulator } from './create-emulator.ts';
import type { Emulator } from './create-emulator.ts';
import { IDEMPOTENCY_TTL_MS } from './idempotency.ts';
import { DEMO } from './services/seed.ts';

const dir = mkdtempSync(join(tmpdir(), 'sb-idem-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const open: Emulator[] = [];
afterEach(async () => {
  for (const e of open.splice(0)) await e.close();
});

function start(
  statePath = ':memory:',
  clock = new VirtualClock(Date.UTC(2026, 0, 5, 9)),
): { emu: Emulator; clock: VirtualClock } {
  // A fixed admin client: keys are scoped to the OAuth client, which a restarted emulator must keep.
  const emu = createEmulator({
    clock,
    ids: seededIds(5),
    rateLimitPerMinute: 0,
    statePath,
    persistDelayMs: 0,
    adminClient: { id: 'admin-client', secret: 'admin-secret' },
  });
  open.push(emu);
  return { emu, clock };
}

async function send(
  emu: Emulator,
  method: string,
  path: string,
  body: unknown,
  key?: string,
): Promise<{ status: number; text: string; replayed: string | null; json: Record<string, unknown> | undefined }> {
  const res = await emu.fetch(path, {
    method,
    headers: {
      Authorization: `Bearer ${emu.adminToken()}`,
      'Content-Type': 'application/json',
      ...(key === undefined ? {} : { 'Idempotency-Key': key }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    replayed: res.headers.get('Idempotent-Replayed'),
    json: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>),
  };
}

function callIn(emu: Emulator): string {
  return emu.simulator.inboundAcdCall({ queueId: DEMO.queues.support, ani: '+13175550100' }).id;
}

describe('Idempotency-Key on every mutating route', () => {
  it('a repeated tag PUT answers the first 202 again without applying the tag a second time', async () => {
    const { emu } = start();
    const id = callIn(emu);
    const first = await send(emu, 'PUT', `/api/v2/conversations/${id}/tags`, { externalTag: 'No Queue' }, 'run-1:Tag');
    expect(first).toMatchObject({ status: 202, text: '', replayed: null });
    // Someone else changes the tag: a replay must not put the old one back.
    emu.simulator.setExternalTag(id, 'Changed later');
    const again = await send(emu, 'PUT', `/api/v2/conversations/${id}/tags`, { externalTag: 'No Queue' }, 'run-1:Tag');
    expect(again).toMatchObject({ status: 202, text: '', replayed: 'true' });
    expect(emu.simulator.get(id)?.externalTag).toBe('Changed later');
    // Without a key, the same request applies again.
    await send(emu, 'PUT', `/api/v2/conversations/${id}/tags`, { externalTag: 'No Queue' });
    expect(emu.simulator.get(id)?.externalTag).toBe('No Queue');
  });

  it('a repeated disconnect POST is replayed, not sent to the simulator twice', async () => {
    const { emu } = start();
    const id = callIn(emu);
    const events: string[] = [];
    emu.services.events.subscribe(emu.orgId, (e) => events.push(e.topicName));
    expect(
      (await send(emu, 'POST', `/api/v2/conversations/${id}/disconnect`, { conversationId: id }, 'run-2:Disconnect'))
        .status,
    ).toBe(202);
    const afterFirst = events.length;
    expect(afterFirst).toBeGreaterThan(0);
    const again = await send(
      emu,
      'POST',
      `/api/v2/conversations/${id}/disconnect`,
      { conversationId: id },
      'run-2:Disconnect',
    );
    expect(again).toMatchObject({ status: 202, replayed: 'true' });
    expect(events.length).toBe(afterFirst);
  });

  it('answers 409 in the ErrorBody shape when the key comes back with another method, path or body', async () => {
    const { emu } = start();
    const a = callIn(emu);
    const b = callIn(emu);
    await send(emu, 'PUT', `/api/v2/conversations/${a}/tags`, { externalTag: 'one' }, 'k');
    const otherBody = await send(emu, 'PUT', `/api/v2/conversations/${a}/tags`, { externalTag: 'two' }, 'k');
    expect(otherBody.status).toBe(409);
    expect(otherBody.json).toMatchObject({
      status: 409,
      code: 'idempotency.key.conflict',
      details: [{ errorCode: 'idempotency.key.conflict', fieldName: 'Idempotency-Key' }],
    });
    expect(typeof otherBody.json?.contextId).toBe('string');
    expect((await send(emu, 'PUT', `/api/v2/conversations/${b}/tags`, { externalTag: 'one' }, 'k')).status).toBe(409);
    expect((await send(emu, 'POST', `/api/v2/conversations/${a}/disconnect`, { externalTag: 'one' }, 'k')).status).toBe(
      409,
    );
    expect(emu.simulator.get(a)?.externalTag).toBe('one');
    expect(emu.simulator.get(b)?.externalTag).toBeUndefined();
  });

  it('ignores the key on a GET', async () => {
    const { emu } = start();
    const id = callIn(emu);
    const got = await send(emu, 'GET', `/api/v2/conversations/${id}`, undefined, 'k');
    expect(got).toMatchObject({ status: 200, replayed: null });
    expect((await send(emu, 'GET', `/api/v2/conversations/${id}`, undefined, 'k')).replayed).toBeNull();
  });

  it('applies the request again once the key is 24 h old on the emulator clock', async () => {
    const { emu, clock } = start();
    const id = callIn(emu);
    await send(emu, 'PUT', `/api/v2/conversations/${id}/tags`, { externalTag: 'first' }, 'daily');
    emu.simulator.setExternalTag(id, 'moved');
    await clock.advance(IDEMPOTENCY_TTL_MS - 1);
    expect(
      (await send(emu, 'PUT', `/api/v2/conversations/${id}/tags`, { externalTag: 'first' }, 'daily')).replayed,
    ).toBe('true');
    expect(emu.simulator.get(id)?.externalTag).toBe('moved');
    await clock.advance(1);
    expect(
      (await send(emu, 'PUT', `/api/v2/conversations/${id}/tags`, { externalTag: 'first' }, 'daily')).replayed,
    ).toBeNull();
    expect(emu.simulator.get(id)?.externalTag).toBe('first');
  });

  it('remembers keys in the state file: a restarted emulator replays them', async () => {
    const path = join(dir, 'emulator.sqlite');
    const clock = new VirtualClock(Date.UTC(2026, 0, 5, 9));
    const first = start(path, clock).emu;
    const id = callIn(first);
    expect(
      (await send(first, 'PUT', `/api/v2/conversations/${id}/tags`, { externalTag: 'kept' }, 'persisted')).replayed,
    ).toBeNull();
    await first.close();
    open.splice(open.indexOf(first), 1);
    const second = start(path, clock).emu;
    expect(
      (await send(second, 'PUT', `/api/v2/conversations/${id}/tags`, { externalTag: 'kept' }, 'persisted')).replayed,
    ).toBe('true');
    expect(
      (await send(second, 'PUT', `/api/v2/conversations/${id}/tags`, { externalTag: 'other' }, 'persisted')).status,
    ).toBe(409);
  });
});
