/**
 * @module
 * The Store contract: the event log, its retention and activity over time (test-only; called by
 * `runStoreContract`).
 */
import { describe, expect, it } from 'vitest';
import type { EventRetention } from './retention.ts';
import { T0, newRun } from './contract-support.ts';
import type { Store } from './types.ts';

/** The event-log cases, on a fresh store per test (`open` builds one with a given retention). */
export function eventLogContract(
  fresh: (options?: EventRetention) => Promise<Store>,
  open: (options?: EventRetention) => Promise<Store>,
): void {
  describe('event log', () => {
    it('appends events with increasing seq and lists them by topic, time and cursor', async () => {
      const s = await fresh();
      const topic = 'v2.detail.events.conversation.{id}.customer.start';
      const e1 = await s.appendEvent({
        id: 'e1',
        topic,
        body: { conversationId: 'c1', n: [1, null] },
        receivedAt: T0,
        trace: { matched: ['t1'] },
      });
      const e2 = await s.appendEvent({ id: 'e2', topic: 'other', body: 'text', receivedAt: T0 + 10 });
      const e3 = await s.appendEvent({ id: 'e3', topic, body: null, receivedAt: T0 + 20 });
      expect(e1.seq).toBeLessThan(e2.seq);
      expect(e2.seq).toBeLessThan(e3.seq);
      expect(await s.listEvents({ topic })).toEqual([
        {
          seq: e1.seq,
          id: 'e1',
          topic,
          body: { conversationId: 'c1', n: [1, null] },
          receivedAt: T0,
          trace: { matched: ['t1'] },
        },
        { seq: e3.seq, id: 'e3', topic, body: null, receivedAt: T0 + 20 },
      ]);
      expect((await s.listEvents({ afterSeq: e1.seq })).map((e) => e.id)).toEqual(['e2', 'e3']);
      expect((await s.listEvents({ receivedFrom: T0 + 5, receivedTo: T0 + 20 })).map((e) => e.id)).toEqual(['e2']);
      expect((await s.listEvents({ limit: 1 })).map((e) => e.id)).toEqual(['e1']);
    });

    it('reads newest first, paging back with a cursor, by topic and by conversation', async () => {
      const s = await fresh();
      const topic = (kind: string): string => `v2.detail.events.conversation.{id}.${kind}`;
      // Six events over two conversations and three topics; one names no conversation.
      const spec = [
        ['c1', 'customer.start'],
        ['c1', 'acd.start'],
        ['c2', 'customer.start'],
        [undefined, 'user.start'],
        ['c1', 'customer.end'],
        ['c2', 'acd.start'],
      ] as const;
      const seqs: number[] = [];
      for (const [i, [conversationId, kind]] of spec.entries()) {
        const rec = await s.appendEvent({
          id: `e${i}`,
          topic: topic(kind),
          body: { conversationId, i },
          receivedAt: T0 + i,
          ...(conversationId ? { conversationId } : {}),
        });
        expect(rec.conversationId).toBe(conversationId);
        seqs.push(rec.seq);
      }
      const ids = async (f: Parameters<Store['listEvents']>[0]): Promise<string[]> =>
        (await s.listEvents(f)).map((e) => e.id);
      expect(await ids({ order: 'desc' })).toEqual(['e5', 'e4', 'e3', 'e2', 'e1', 'e0']);
      expect(await ids({ order: 'asc', limit: 2 })).toEqual(['e0', 'e1']);
      expect(await ids({ order: 'desc', limit: 2 })).toEqual(['e5', 'e4']);
      expect(await ids({ order: 'desc', limit: 2, beforeSeq: seqs[4] })).toEqual(['e3', 'e2']);
      expect(await ids({ order: 'desc', beforeSeq: seqs[0] })).toEqual([]);
      expect(await ids({ order: 'desc', conversationId: 'c1' })).toEqual(['e4', 'e1', 'e0']);
      expect(await ids({ order: 'desc', conversationId: 'c1', limit: 1, beforeSeq: seqs[4] })).toEqual(['e1']);
      expect(await ids({ conversationId: 'c2' })).toEqual(['e2', 'e5']);
      expect(await ids({ order: 'desc', topic: topic('customer.start') })).toEqual(['e2', 'e0']);
      expect(await ids({ order: 'desc', topic: topic('acd.start'), conversationId: 'c2' })).toEqual(['e5']);
      expect(await ids({ order: 'desc', afterSeq: seqs[1], beforeSeq: seqs[5], receivedFrom: T0 + 3 })).toEqual([
        'e4',
        'e3',
      ]);
      expect(await ids({ order: 'desc', conversationId: 'c3' })).toEqual([]);
      const [newest] = await s.listEvents({ order: 'desc', limit: 1 });
      expect(newest).toEqual({
        seq: seqs[5],
        id: 'e5',
        topic: topic('acd.start'),
        body: { conversationId: 'c2', i: 5 },
        receivedAt: T0 + 5,
        conversationId: 'c2',
      });
    });

    it('keeps the newest maxEvents events, deleting the oldest as new ones arrive', async () => {
      const s = await fresh({ maxEvents: 5 });
      for (let i = 0; i < 12; i++)
        await s.appendEvent({
          id: `e${i}`,
          topic: 'v2.users.{id}.presence',
          body: { i },
          receivedAt: T0 + i,
          conversationId: i % 2 ? 'odd' : 'even',
        });
      expect((await s.listEvents({ order: 'desc', limit: 100 })).map((e) => e.id)).toEqual([
        'e11',
        'e10',
        'e9',
        'e8',
        'e7',
      ]);
      expect((await s.listEvents({ limit: 100 })).map((e) => e.id)).toEqual(['e7', 'e8', 'e9', 'e10', 'e11']);
      expect((await s.listEvents({ conversationId: 'even', limit: 100 })).map((e) => e.id)).toEqual(['e8', 'e10']);
    });

    it('prunes in batches: a large log holds at most maxEvents plus one batch, and never loses the newest', async () => {
      // maxEvents 3,000 deletes in batches of 3 (pruneBatch): between deletions the log holds up to 3 more.
      const s = await fresh({ maxEvents: 3000 });
      const counts: number[] = [];
      for (let i = 0; i < 3010; i++) {
        await s.appendEvent({ id: `e${i}`, topic: 't', body: null, receivedAt: T0 });
        if (i >= 2998) counts.push((await s.listEvents({ limit: 10_000 })).length);
      }
      expect(Math.max(...counts)).toBeLessThanOrEqual(3003);
      expect(Math.min(...counts.slice(5))).toBeGreaterThanOrEqual(3000);
      expect(counts.at(-1)).toBeGreaterThanOrEqual(3000);
      const [newest] = await s.listEvents({ order: 'desc', limit: 1 });
      expect(newest?.id).toBe('e3009');
      const [oldest] = await s.listEvents({ limit: 1 });
      expect(Number(oldest?.id.slice(1))).toBeGreaterThanOrEqual(3010 - 3003);
    });

    it('refuses a retention that keeps no event', async () => {
      await expect(open({ maxEvents: 0 })).rejects.toMatchObject({
        code: 'SB_STORE_INVALID_ARGUMENT',
        message: expect.stringContaining('maxEvents=0'),
      });
      await expect(open({ maxEvents: 2.5 })).rejects.toMatchObject({ code: 'SB_STORE_INVALID_ARGUMENT' });
    });
  });

  describe('activity', () => {
    it('counts events and runs per bucket, zero-filled, runs by status and with failed steps', async () => {
      const s = await fresh();
      const minute = 60_000;
      for (const [i, at] of [T0, T0 + 10, T0 + minute + 5, T0 + 3 * minute].entries())
        await s.appendEvent({ id: `e${i}`, topic: 't', body: {}, receivedAt: at });
      await s.appendEvent({ id: 'before', topic: 't', body: {}, receivedAt: T0 - 1 });
      await s.createRun(newRun('a', { createdAt: T0 + 1 }));
      await s.createRun(newRun('b', { createdAt: T0 + 2 }));
      await s.createRun(newRun('c', { createdAt: T0 + minute }));
      await s.updateRun('b', { status: 'completed', failedSteps: ['s1'], completedAt: T0 + 5, updatedAt: T0 + 5 });
      await s.updateRun('c', { status: 'failed', failedSteps: [], completedAt: T0 + minute, updatedAt: T0 + minute });
      const buckets = await s.activity({ from: T0, to: T0 + 3 * minute, bucketMs: minute });
      expect(buckets).toEqual([
        { at: T0, events: 2, runs: { pending: 1, completed: 1 }, runsWithFailedSteps: 1 },
        { at: T0 + minute, events: 1, runs: { failed: 1 }, runsWithFailedSteps: 0 },
        { at: T0 + 2 * minute, events: 0, runs: {}, runsWithFailedSteps: 0 },
      ]);
    });

    it('refuses a window it cannot count', async () => {
      const s = await fresh();
      await expect(s.activity({ from: T0, to: T0, bucketMs: 60_000 })).rejects.toMatchObject({
        code: 'SB_STORE_INVALID_ARGUMENT',
      });
      await expect(s.activity({ from: T0, to: T0 + 86_400_000, bucketMs: 1000 })).rejects.toMatchObject({
        code: 'SB_STORE_INVALID_ARGUMENT',
        message: expect.stringContaining('at most 1000'),
      });
    });
  });
}
