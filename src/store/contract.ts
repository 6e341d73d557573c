/**
 * @module
 * The Store contract suite: the behaviour every Store implementation must have. Each
 * implementation's test file is one call (Hono's `runTest({ newRouter })` pattern):
 * `runStoreContract('sqlite', async () => openSqliteStore({ path }))`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EventRetention } from './retention.ts';
import { eventLogContract } from './contract-events.ts';
import { journalContract } from './contract-journal.ts';
import { T0, newRun } from './contract-support.ts';
import type { RunRecord, Store } from './types.ts';

/**
 * Register the contract tests for one Store implementation.
 * @param name shown in the test names.
 * @param open returns a fresh, empty store for each test, with the given event retention.
 */
export function runStoreContract(name: string, open: (options?: EventRetention) => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    const fresh = async (options?: EventRetention): Promise<Store> => (store = await open(options));
    afterEach(async () => store?.close());

    describe('runs', () => {
      it('creates a pending run, ready at its creation time, and reads it back', async () => {
        const s = await fresh();
        const { run, created } = await s.createRun(newRun('r1', { eventId: 'e1', triggerId: 't1' }));
        expect(created).toBe(true);
        expect(run).toMatchObject({
          id: 'r1',
          flow: 'callback',
          kind: 'code',
          status: 'pending',
          input: { n: 'r1' },
          readyAt: T0,
          attempts: 0,
          eventId: 'e1',
          triggerId: 't1',
        });
        expect(await s.getRun('r1')).toEqual(run);
        expect(await s.getRun('nope')).toBeUndefined();
      });

      it('returns the existing run for a repeated idempotency key and creates nothing', async () => {
        const s = await fresh();
        const first = await s.createRun(newRun('r1', { idempotencyKey: 'event-42' }));
        const again = await s.createRun(newRun('r2', { idempotencyKey: 'event-42', input: { other: true } }));
        expect(again.created).toBe(false);
        expect(again.run).toEqual(first.run);
        expect(await s.getRun('r2')).toBeUndefined();
        expect(await s.listRuns()).toHaveLength(1);
      });

      it('keeps the workflow version a run started with, and each version of a workflow once (the first save wins)', async () => {
        const s = await fresh();
        const { run } = await s.createRun(newRun('r1', { flowVersion: 'v-abc' }));
        expect(run.flowVersion).toBe('v-abc');
        expect((await s.getRun('r1'))?.flowVersion).toBe('v-abc');
        expect((await s.createRun(newRun('r2'))).run.flowVersion).toBeUndefined();
        const source = {
          flow: { name: 'callback', states: [{ name: 'Main', actions: [{ type: 'wait', ms: 300_000 }] }] },
        };
        await s.saveFlowVersion({ flow: 'callback', version: 'v-abc', kind: 'architect', source, savedAt: T0 });
        await s.saveFlowVersion({
          flow: 'callback',
          version: 'v-abc',
          kind: 'architect',
          source: { replaced: true },
          savedAt: T0 + 1,
        });
        expect(await s.loadFlowVersion('callback', 'v-abc')).toEqual({
          flow: 'callback',
          version: 'v-abc',
          kind: 'architect',
          source,
          savedAt: T0,
        });
        expect(await s.loadFlowVersion('callback', 'v-other')).toBeUndefined();
        expect(await s.loadFlowVersion('other', 'v-abc')).toBeUndefined();
      });

      it('does not overwrite a run when the same id is created twice', async () => {
        const s = await fresh();
        await s.createRun(newRun('r1'));
        const again = await s.createRun(newRun('r1', { input: { changed: true } }));
        expect(again.created).toBe(false);
        expect(again.run.input).toEqual({ n: 'r1' });
      });

      it('rejects an input JSON cannot hold, naming it, and stores nothing', async () => {
        const s = await fresh();
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        await expect(s.createRun(newRun('bad', { input: cyclic }))).rejects.toMatchObject({
          code: 'SB_STORE_NOT_JSON',
          message: expect.stringContaining('input of run bad'),
        });
        await expect(s.createRun(newRun('bad2', { input: 10n }))).rejects.toMatchObject({ code: 'SB_STORE_NOT_JSON' });
        expect(await s.listRuns()).toEqual([]);
      });

      it('lists newest first, filtered by flow, status and creation time, with paging', async () => {
        const s = await fresh();
        for (let i = 0; i < 6; i++)
          await s.createRun(newRun(`r${i}`, { flow: i % 2 ? 'odd' : 'even', createdAt: T0 + i * 1000 }));
        await s.updateRun('r4', { status: 'completed', updatedAt: T0 + 9000 });
        await s.updateRun('r5', { status: 'failed', updatedAt: T0 + 9000 });
        const ids = (rs: RunRecord[]): string[] => rs.map((r) => r.id);
        expect(ids(await s.listRuns())).toEqual(['r5', 'r4', 'r3', 'r2', 'r1', 'r0']);
        expect(ids(await s.listRuns({ flow: 'even' }))).toEqual(['r4', 'r2', 'r0']);
        expect(ids(await s.listRuns({ status: 'completed' }))).toEqual(['r4']);
        expect(ids(await s.listRuns({ status: ['completed', 'failed'] }))).toEqual(['r5', 'r4']);
        expect(ids(await s.listRuns({ flow: 'odd', status: 'pending' }))).toEqual(['r3', 'r1']);
        expect(ids(await s.listRuns({ createdFrom: T0 + 2000, createdTo: T0 + 4000 }))).toEqual(['r3', 'r2']);
        expect(ids(await s.listRuns({ limit: 2, offset: 1 }))).toEqual(['r4', 'r3']);
      });

      it('filters by trigger before paging, so older runs of a trigger are not lost behind newer ones', async () => {
        const s = await fresh();
        await s.createRun(newRun('old', { triggerId: 't-a', createdAt: T0 }));
        for (let i = 0; i < 5; i++) await s.createRun(newRun(`b${i}`, { triggerId: 't-b', createdAt: T0 + 1000 + i }));
        await s.createRun(newRun('none', { createdAt: T0 + 2000 }));
        await s.createRun(newRun('new', { triggerId: 't-a', createdAt: T0 + 3000 }));
        const ids = (rs: RunRecord[]): string[] => rs.map((r) => r.id);
        expect(ids(await s.listRuns({ triggerId: 't-a', limit: 2 }))).toEqual(['new', 'old']);
        expect(ids(await s.listRuns({ triggerId: 't-a', limit: 1, offset: 1 }))).toEqual(['old']);
        expect(ids(await s.listRuns({ triggerId: 't-b', createdFrom: T0 + 1003 }))).toEqual(['b4', 'b3']);
        expect(await s.listRuns({ triggerId: 't-none' })).toEqual([]);
      });

      it('updates a run and reports a missing one', async () => {
        const s = await fresh();
        await s.createRun(newRun('r1'));
        const error = { code: 'SB_X', message: 'boom', stepId: 'a' };
        expect(
          await s.updateRun('r1', {
            status: 'failed',
            error,
            exitReason: 'failed',
            completedAt: T0 + 5,
            updatedAt: T0 + 5,
          }),
        ).toBe(true);
        expect(await s.getRun('r1')).toMatchObject({
          status: 'failed',
          error,
          exitReason: 'failed',
          completedAt: T0 + 5,
          updatedAt: T0 + 5,
        });
        expect(await s.updateRun('missing', { status: 'cancelled', updatedAt: T0 })).toBe(false);
      });

      it('updates a run only in the statuses asked for (an operator cancelling a waiting run)', async () => {
        const s = await fresh();
        await s.createRun(newRun('waits'));
        await s.updateRun('waits', { status: 'waiting', readyAt: T0 + 60_000, updatedAt: T0 + 1 });
        expect(
          await s.updateRun(
            'waits',
            { status: 'cancelled', completedAt: T0 + 2, updatedAt: T0 + 2 },
            { ifStatus: ['pending', 'waiting'] },
          ),
        ).toBe(true);
        expect(await s.getRun('waits')).toMatchObject({ status: 'cancelled', completedAt: T0 + 2 });
        expect(
          await s.updateRun('waits', { status: 'cancelled', updatedAt: T0 + 3 }, { ifStatus: ['pending', 'waiting'] }),
        ).toBe(false);
        expect((await s.getRun('waits'))!.updatedAt).toBe(T0 + 2);
        expect(await s.claimRunnable('w1', T0 + 120_000, 30_000, 10)).toEqual([]);
        expect(await s.updateRun('missing', { status: 'cancelled', updatedAt: T0 }, { ifStatus: ['waiting'] })).toBe(
          false,
        );
      });

      it('records the failed steps of a run on release and update, and filters on them before paging', async () => {
        const s = await fresh();
        for (const [i, id] of ['clean', 'degraded', 'old-degraded', 'unsettled'].entries()) {
          await s.createRun(newRun(id, { createdAt: T0 + 10 - i }));
        }
        const [claimed] = await s.claimRunnable('w1', T0 + 20, 30_000, 4);
        expect(claimed).not.toHaveProperty('failedSteps');
        await s.updateRun('clean', { status: 'completed', failedSteps: [], updatedAt: T0 + 21 });
        expect(
          await s.releaseLease('degraded', 'w1', {
            status: 'completed',
            failedSteps: ['Set Tag', 'Set Tag#2'],
            updatedAt: T0 + 21,
          }),
        ).toBe(true);
        expect(
          await s.releaseLease('old-degraded', 'w1', {
            status: 'waiting',
            failedSteps: ['lookup'],
            readyAt: T0 + 99,
            updatedAt: T0 + 21,
          }),
        ).toBe(true);
        expect((await s.getRun('clean'))!.failedSteps).toEqual([]);
        expect((await s.getRun('degraded'))!.failedSteps).toEqual(['Set Tag', 'Set Tag#2']);
        expect(await s.getRun('unsettled')).not.toHaveProperty('failedSteps');
        const ids = (rs: RunRecord[]): string[] => rs.map((r) => r.id);
        expect(ids(await s.listRuns({ withFailedSteps: true }))).toEqual(['degraded', 'old-degraded']);
        // The filter applies before the limit: an older degraded run is not hidden behind newer clean ones.
        expect(ids(await s.listRuns({ withFailedSteps: true, limit: 1, offset: 1 }))).toEqual(['old-degraded']);
        expect(ids(await s.listRuns({ withFailedSteps: true, status: 'completed' }))).toEqual(['degraded']);
        expect(await s.listRuns({ withFailedSteps: false })).toHaveLength(4);
      });

      it('finds runs by their id, the id of the event that started them, or a conversation id', async () => {
        const s = await fresh();
        await s.appendEvent({
          id: 'ev-1',
          topic: 'v2.detail.events.conversation.{id}.user.start',
          body: { conversationId: 'conv-A' },
          receivedAt: T0,
          conversationId: 'conv-A',
        });
        await s.createRun(newRun('by-event', { eventId: 'ev-1', createdAt: T0 + 1 }));
        await s.createRun(newRun('by-input', { input: { conversationId: 'conv-A' }, createdAt: T0 + 2 }));
        await s.createRun(newRun('other', { input: { conversationId: 'conv-B' }, eventId: 'ev-2', createdAt: T0 + 3 }));
        await s.createRun(newRun('text-input', { input: 'conv-A', createdAt: T0 + 4 }));
        const ids = (rs: RunRecord[]): string[] => rs.map((r) => r.id);
        expect(ids(await s.listRuns({ search: 'conv-A' }))).toEqual(['by-input', 'by-event']);
        expect(ids(await s.listRuns({ search: 'ev-2' }))).toEqual(['other']);
        expect(ids(await s.listRuns({ search: 'by-event' }))).toEqual(['by-event']);
        expect(ids(await s.listRuns({ search: 'conv-A', limit: 1, offset: 1 }))).toEqual(['by-event']);
        expect(await s.listRuns({ search: 'nothing' })).toEqual([]);
      });

      it('hands out copies: mutating a returned record changes nothing stored', async () => {
        const s = await fresh();
        const { run } = await s.createRun(newRun('r1'));
        (run.input as Record<string, unknown>).n = 'mutated';
        expect((await s.getRun('r1'))?.input).toEqual({ n: 'r1' });
      });
    });

    describe('claiming with leases', () => {
      it('claims ready runs once, with a lease, in ready order, up to the limit', async () => {
        const s = await fresh();
        await s.createRun(newRun('late', { readyAt: T0 + 60_000 }));
        await s.createRun(newRun('b', { createdAt: T0 + 2 }));
        await s.createRun(newRun('a', { createdAt: T0 + 1 }));
        await s.createRun(newRun('c', { createdAt: T0 + 3 }));
        const claimed = await s.claimRunnable('w1', T0 + 10, 30_000, 2);
        expect(claimed.map((r) => r.id)).toEqual(['a', 'b']);
        expect(claimed[0]).toMatchObject({
          status: 'running',
          leaseOwner: 'w1',
          leaseUntil: T0 + 30_010,
          attempts: 1,
          startedAt: T0 + 10,
        });
        expect((await s.claimRunnable('w2', T0 + 10, 30_000, 10)).map((r) => r.id)).toEqual(['c']);
        expect(await s.claimRunnable('w3', T0 + 10, 30_000, 10)).toEqual([]);
      });

      it('creates a run already claimed: leased like a claim at its creation, taken over only after the lease', async () => {
        const s = await fresh();
        const { run, created } = await s.createRun(
          newRun('r', { idempotencyKey: 'k', claim: { workerId: 'w1', leaseMs: 1000 } }),
        );
        expect(created).toBe(true);
        expect(run).toMatchObject({
          status: 'running',
          leaseOwner: 'w1',
          leaseUntil: T0 + 1000,
          attempts: 1,
          startedAt: T0,
          readyAt: T0,
        });
        expect(await s.getRun('r')).toEqual(run);
        expect(await s.nextWakeAt()).toBe(T0 + 1000);
        const again = await s.createRun(
          newRun('r2', { idempotencyKey: 'k', claim: { workerId: 'w2', leaseMs: 5000 } }),
        );
        expect(again).toEqual({ run, created: false });
        expect(await s.claimRunnable('w2', T0 + 999, 1000, 5)).toEqual([]);
        expect(await s.claimRunnable('w2', T0 + 1000, 1000, 5)).toMatchObject([
          { id: 'r', leaseOwner: 'w2', attempts: 2, startedAt: T0 },
        ]);
        expect(await s.releaseLease('r', 'w1', { status: 'completed', updatedAt: T0 + 1001 })).toBe(false);
      });

      it('refuses to create claimed a run with a delayed start, and stores nothing', async () => {
        const s = await fresh();
        await expect(
          s.createRun(newRun('d', { readyAt: T0 + 1, claim: { workerId: 'w', leaseMs: 1000 } })),
        ).rejects.toMatchObject({ code: 'SB_STORE_INVALID_ARGUMENT' });
        await expect(s.createRun(newRun('z', { claim: { workerId: 'w', leaseMs: 0 } }))).rejects.toMatchObject({
          code: 'SB_STORE_INVALID_ARGUMENT',
        });
        expect(await s.listRuns()).toEqual([]);
      });

      it('holds a delayed start until its ready time', async () => {
        const s = await fresh();
        await s.createRun(newRun('d', { readyAt: T0 + 60_000 }));
        expect(await s.claimRunnable('w', T0 + 59_999, 1000, 5)).toEqual([]);
        expect((await s.claimRunnable('w', T0 + 60_000, 1000, 5)).map((r) => r.id)).toEqual(['d']);
      });

      it('lets another worker take a run whose lease expired, counting the attempt', async () => {
        const s = await fresh();
        await s.createRun(newRun('r'));
        await s.claimRunnable('dead', T0, 1000, 1);
        expect(await s.claimRunnable('w2', T0 + 999, 1000, 1)).toEqual([]);
        const [again] = await s.claimRunnable('w2', T0 + 1000, 1000, 1);
        expect(again).toMatchObject({ id: 'r', leaseOwner: 'w2', attempts: 2, startedAt: T0 });
        expect(await s.releaseLease('r', 'dead', { status: 'completed', updatedAt: T0 + 1001 })).toBe(false);
        expect((await s.getRun('r'))?.status).toBe('running');
      });

      it('never gives one run to two concurrent claimers', async () => {
        const s = await fresh();
        for (let i = 0; i < 40; i++) await s.createRun(newRun(`r${i}`));
        const batches = await Promise.all(Array.from({ length: 8 }, (_, w) => s.claimRunnable(`w${w}`, T0, 5000, 7)));
        const ids = batches.flat().map((r) => r.id);
        expect(ids).toHaveLength(40);
        expect(new Set(ids).size).toBe(40);
      });

      it('claims only the requested flows', async () => {
        const s = await fresh();
        await s.createRun(newRun('x', { flow: 'x' }));
        await s.createRun(newRun('y', { flow: 'y' }));
        expect((await s.claimRunnable('w', T0, 1000, 10, { flows: ['y', 'z'] })).map((r) => r.id)).toEqual(['y']);
        expect(await s.nextWakeAt({ flows: ['z'] })).toBeUndefined();
        expect(await s.nextWakeAt({ flows: ['x'] })).toBe(T0);
      });

      it('renews a lease only for its holder', async () => {
        const s = await fresh();
        await s.createRun(newRun('r'));
        await s.claimRunnable('w1', T0, 1000, 1);
        expect(await s.renewLease('r', 'w2', T0 + 500, 1000)).toBe(false);
        expect(await s.renewLease('r', 'w1', T0 + 500, 1000)).toBe(true);
        expect(await s.claimRunnable('w2', T0 + 1200, 1000, 1)).toEqual([]);
        expect(await s.claimRunnable('w2', T0 + 1500, 1000, 1)).toHaveLength(1);
      });

      it('releases a lease into a wait, fenced by the holder, and wakes the run at its ready time', async () => {
        const s = await fresh();
        await s.createRun(newRun('r'));
        await s.claimRunnable('w1', T0, 1000, 1);
        expect(await s.releaseLease('r', 'w2', { status: 'waiting', readyAt: T0 + 5000, updatedAt: T0 + 1 })).toBe(
          false,
        );
        expect(await s.releaseLease('r', 'w1', { status: 'waiting', readyAt: T0 + 5000, updatedAt: T0 + 1 })).toBe(
          true,
        );
        const waiting = await s.getRun('r');
        expect(waiting).toMatchObject({ status: 'waiting', readyAt: T0 + 5000 });
        expect(waiting?.leaseOwner).toBeUndefined();
        expect(waiting?.leaseUntil).toBeUndefined();
        expect(await s.nextWakeAt()).toBe(T0 + 5000);
        expect(await s.claimRunnable('w2', T0 + 4999, 1000, 1)).toEqual([]);
        expect(await s.claimRunnable('w2', T0 + 5000, 1000, 1)).toMatchObject([
          { id: 'r', attempts: 2, leaseOwner: 'w2' },
        ]);
      });

      it('reports the next wake-up: earliest ready time or lease expiry; none once all runs ended', async () => {
        const s = await fresh();
        expect(await s.nextWakeAt()).toBeUndefined();
        await s.createRun(newRun('later', { readyAt: T0 + 9000 }));
        await s.createRun(newRun('now'));
        await s.claimRunnable('w', T0, 3000, 1);
        expect(await s.nextWakeAt()).toBe(T0 + 3000);
        await s.releaseLease('now', 'w', {
          status: 'completed',
          output: { ok: true },
          completedAt: T0 + 1,
          updatedAt: T0 + 1,
        });
        expect(await s.nextWakeAt()).toBe(T0 + 9000);
        await s.updateRun('later', { status: 'cancelled', updatedAt: T0 + 2 });
        expect(await s.nextWakeAt()).toBeUndefined();
        expect(await s.claimRunnable('w', T0 + 99_999, 1000, 10)).toEqual([]);
      });

      it('rejects a non-positive lease', async () => {
        const s = await fresh();
        await expect(s.claimRunnable('w', T0, 0, 1)).rejects.toMatchObject({ code: 'SB_STORE_INVALID_ARGUMENT' });
      });
    });

    journalContract(fresh);
    eventLogContract(fresh, open);
  });
}
