import { describe, expect, it } from 'vitest';
import { VirtualClock, isSwitchboardError } from '../core/index.ts';
import { createOnce, memoryIdempotencyStore } from './idempotency.ts';
import type { IdempotencyEntry } from './idempotency.ts';

function creator(
  clock: VirtualClock,
  fingerprint = 'f1',
): { create: () => Promise<IdempotencyEntry>; calls: () => number; release: () => void } {
  let n = 0;
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  return {
    create: async () => {
      n++;
      await gate;
      return { conversationId: `conv-${n}`, userId: 'u1', fingerprint, createdAt: clock.now() };
    },
    calls: () => n,
    release: () => release(),
  };
}

describe('createOnce', () => {
  it('creates once per key, and replays the remembered conversation', async () => {
    const clock = new VirtualClock();
    const store = memoryIdempotencyStore({ clock });
    const c = creator(clock);
    c.release();
    const first = await createOnce(store, 'k', 'f1', c.create);
    const again = await createOnce(store, 'k', 'f1', c.create);
    expect(first).toMatchObject({ replayed: false, entry: { conversationId: 'conv-1' } });
    expect(again).toMatchObject({ replayed: true, entry: { conversationId: 'conv-1' } });
    expect(c.calls()).toBe(1);
  });

  it('makes concurrent requests with one key share a single creation', async () => {
    const clock = new VirtualClock();
    const store = memoryIdempotencyStore({ clock });
    const c = creator(clock);
    const all = Promise.all([1, 2, 3, 4, 5].map(() => createOnce(store, 'k', 'f1', c.create)));
    await new Promise((r) => setImmediate(r));
    c.release();
    const results = await all;
    expect(c.calls()).toBe(1);
    expect(new Set(results.map((r) => r.entry.conversationId))).toEqual(new Set(['conv-1']));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
  });

  it('refuses a key reused for another request with SB_OUTBOUND_IDEMPOTENCY_CONFLICT (409)', async () => {
    const clock = new VirtualClock();
    const store = memoryIdempotencyStore({ clock });
    const c = creator(clock);
    c.release();
    await createOnce(store, 'k', 'f1', c.create);
    const e = await createOnce(store, 'k', 'f2', c.create).catch((x: unknown) => x);
    expect(isSwitchboardError(e) && [e.code, e.status]).toEqual(['SB_OUTBOUND_IDEMPOTENCY_CONFLICT', 409]);
    expect((e as Error).message).toBe(
      'an idempotency key must identify one call; key "k" already placed conversation conv-1 for another request',
    );
    expect(c.calls()).toBe(1);
  });

  it('does not remember a failed creation: the same key may try again', async () => {
    const clock = new VirtualClock();
    const store = memoryIdempotencyStore({ clock });
    let attempts = 0;
    const flaky = async (): Promise<IdempotencyEntry> => {
      if (attempts++ === 0) throw new Error('429');
      return { conversationId: 'conv-ok', userId: 'u1', fingerprint: 'f1', createdAt: clock.now() };
    };
    await expect(createOnce(store, 'k', 'f1', flaky)).rejects.toThrow('429');
    expect((await createOnce(store, 'k', 'f1', flaky)).entry.conversationId).toBe('conv-ok');
  });

  it('forgets keys after the TTL on the injected clock, and beyond the size cap', async () => {
    const clock = new VirtualClock();
    const store = memoryIdempotencyStore({ clock, ttlMs: 60_000, maxEntries: 2 });
    const entry = (id: string): IdempotencyEntry => ({
      conversationId: id,
      userId: 'u',
      fingerprint: 'f',
      createdAt: clock.now(),
    });
    await store.put('a', entry('1'));
    await clock.advance(59_999);
    expect((await store.get('a'))?.conversationId).toBe('1');
    await clock.advance(1);
    expect(await store.get('a')).toBeUndefined();
    await store.put('b', entry('2'));
    await store.put('c', entry('3'));
    await store.put('d', entry('4'));
    expect(await store.get('b')).toBeUndefined();
    expect((await store.get('d'))?.conversationId).toBe('4');
  });
});
