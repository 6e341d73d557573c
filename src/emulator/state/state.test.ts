import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock, isSwitchboardError } from '../../core/index.ts';
import type { NotificationEvent } from '../../core/index.ts';
import { createEmulator } from '../create-emulator.ts';
import type { Emulator } from '../create-emulator.ts';
import { SYSTEM_PRESENCE_IDS } from '../services/presence/naming.ts';
import { DEMO } from '../services/seed.ts';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-emu-state-'));
  dirs.push(dir);
  return join(dir, 'nested', 'emulator.sqlite');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function presenceOf(emu: Emulator, userId: string): Promise<string> {
  const res = await emu.fetch(`/api/v2/users/${userId}/presences/purecloud`, {
    headers: { Authorization: `Bearer ${emu.adminToken()}` },
  });
  return ((await res.json()) as { presenceDefinition: { id: string } }).presenceDefinition.id;
}

function patchPresence(emu: Emulator, userId: string, definitionId: string): Promise<Response> {
  return emu.fetch(`/api/v2/users/${userId}/presences/purecloud`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${emu.adminToken()}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ presenceDefinition: { id: definitionId }, primary: true }),
  });
}

describe('emulator state', () => {
  it('survives a restart: written through the API, closed, reopened from the SQLite file', async () => {
    const file = tempFile();
    const first = createEmulator({ statePath: file });
    expect((await patchPresence(first, DEMO.users.bob, DEMO.presences.lunch)).status).toBe(200);
    await first.close();

    const second = createEmulator({ statePath: file });
    expect(await presenceOf(second, DEMO.users.bob)).toBe(DEMO.presences.lunch);
    await second.close();
  });

  it('a reopened file is not re-seeded over the saved state', async () => {
    const file = tempFile();
    const first = createEmulator({ statePath: file, seed: 'empty' });
    await first.close();
    const second = createEmulator({ statePath: file, seed: 'demo' });
    const res = await second.fetch('/api/v2/users', { headers: { Authorization: `Bearer ${second.adminToken()}` } });
    expect(((await res.json()) as { total: number }).total).toBe(0);
    await second.close();
  });

  it('snapshot / restore round-trips and restore is persisted', async () => {
    const file = tempFile();
    const emu = createEmulator({ statePath: file });
    const before = emu.snapshot();
    await patchPresence(emu, DEMO.users.carol, SYSTEM_PRESENCE_IDS.BUSY);
    expect(await presenceOf(emu, DEMO.users.carol)).toBe(SYSTEM_PRESENCE_IDS.BUSY);
    emu.restore(before);
    expect(await presenceOf(emu, DEMO.users.carol)).toBe(SYSTEM_PRESENCE_IDS.AVAILABLE);
    await emu.close();
    const again = createEmulator({ statePath: file });
    expect(await presenceOf(again, DEMO.users.carol)).toBe(SYSTEM_PRESENCE_IDS.AVAILABLE);
    expect(again.snapshot()).toEqual(before);
    await again.close();
  });

  it('reset puts the org back to its seed', async () => {
    const emu = createEmulator({ statePath: ':memory:' });
    await patchPresence(emu, DEMO.users.dave, SYSTEM_PRESENCE_IDS.MEAL);
    emu.reset();
    expect(await presenceOf(emu, DEMO.users.dave)).toBe(SYSTEM_PRESENCE_IDS.OFFLINE);
    await emu.close();
  });

  it("reset stops the simulator's timers: no ghost timer fires into the new state", async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 5, 9, 0, 0));
    const emu = createEmulator({ clock, statePath: ':memory:' });
    const events: NotificationEvent[] = [];
    emu.services.events.subscribe(emu.orgId, (e) => events.push(e));
    const dialing = emu.simulator.placeCall({ fromUserId: DEMO.users.alice, to: { phoneNumber: '+13175551234' } });
    const queued = emu.simulator.inboundAcdCall({ ani: '+13175557777', queueId: DEMO.queues.support });
    const agent = emu.simulator.routeToAgent(queued.id, DEMO.users.bob);
    emu.simulator.answer(queued.id, agent.id);
    emu.simulator.hangUp(queued.id, 'customer');
    expect(clock.pending).toBe(2); // the dialing call's dial, the agent's wrap-up timeout
    emu.reset();
    expect(clock.pending).toBe(0);
    events.length = 0;
    await clock.advance(3_600_000);
    expect(events).toEqual([]);
    expect(emu.simulator.get(dialing.id)).toBeUndefined();
    // The simulator goes on working on the new state.
    const next = emu.simulator.placeCall({ fromUserId: DEMO.users.alice, to: { phoneNumber: '+13175550100' } });
    await clock.advance(3_000);
    expect(emu.simulator.get(next.id)!.participants.map((p) => p.state)).toEqual(['connected', 'connected']);
    await emu.close();
  });

  it("restore stops the simulator's timers, so a restored call is not moved by the replaced one's timers", async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 5, 9, 0, 0));
    const emu = createEmulator({ clock, statePath: ':memory:' });
    const conv = emu.simulator.placeCall({ fromUserId: DEMO.users.alice, to: { phoneNumber: '+13175551234' } });
    const snapshot = emu.snapshot();
    await clock.advance(1_000); // dialing is over: the far end rings, the ring timeout is armed
    expect(clock.pending).toBe(1);
    // A malformed snapshot changes nothing, timers included.
    expect(() => emu.restore({ format: 'switchboard-emulator-state', version: 2, orgs: {} })).toThrow(/version is 2/);
    expect(clock.pending).toBe(1);
    emu.restore(snapshot);
    expect(clock.pending).toBe(0);
    await clock.advance(3_600_000);
    // Still as snapshotted: dialing, not ended by the replaced call's ring timeout.
    expect(emu.simulator.get(conv.id)!.participants.map((p) => p.state)).toEqual(['dialing', 'dialing']);
    expect(emu.snapshot()).toEqual(snapshot);
    await emu.close();
  });

  it('rejects a malformed snapshot and keeps the state', async () => {
    const emu = createEmulator({ statePath: ':memory:' });
    await patchPresence(emu, DEMO.users.dave, SYSTEM_PRESENCE_IDS.MEAL);
    expect(() => emu.restore({ format: 'something-else', version: 1, orgs: {} })).toThrow(/format is "something-else"/);
    expect(await presenceOf(emu, DEMO.users.dave)).toBe(SYSTEM_PRESENCE_IDS.MEAL);
    await emu.close();
  });

  it('offers reset / snapshot / restore on the control API', async () => {
    const emu = createEmulator({ statePath: ':memory:' });
    const json = { 'Content-Type': 'application/json' };
    const snap = await (await emu.fetch('/_switchboard/state/snapshot')).json();
    await patchPresence(emu, DEMO.users.alice, SYSTEM_PRESENCE_IDS.TRAINING);
    const restored = await emu.fetch('/_switchboard/state/restore', {
      method: 'POST',
      headers: json,
      body: JSON.stringify(snap),
    });
    expect(restored.status).toBe(200);
    expect(await presenceOf(emu, DEMO.users.alice)).toBe(SYSTEM_PRESENCE_IDS.ON_QUEUE);
    const bad = await emu.fetch('/_switchboard/state/restore', {
      method: 'POST',
      headers: json,
      body: '{"format":"switchboard-emulator-state","version":2,"orgs":{}}',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('version is 2');
    await patchPresence(emu, DEMO.users.alice, SYSTEM_PRESENCE_IDS.TRAINING);
    expect((await emu.fetch('/_switchboard/state/reset', { method: 'POST' })).status).toBe(200);
    expect(await presenceOf(emu, DEMO.users.alice)).toBe(SYSTEM_PRESENCE_IDS.ON_QUEUE);
    await emu.close();
  });

  it('a corrupt state file is SB_EMULATOR_STATE naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-emu-state-'));
    dirs.push(dir);
    const file = join(dir, 'broken.sqlite');
    writeFileSync(file, 'this is not a database, just some text that is long enough to look like a header'.repeat(20));
    let err: unknown;
    try {
      createEmulator({ statePath: file });
    } catch (e) {
      err = e;
    }
    expect(isSwitchboardError(err) && err.code).toBe('SB_EMULATOR_STATE');
    expect((err as Error).message).toContain(file);
    expect((err as { details: Record<string, unknown> }).details).toEqual({ file });
  });

  it('a corrupt row is SB_EMULATOR_STATE naming the file and the store', async () => {
    const file = tempFile();
    await createEmulator({ statePath: file }).close();
    const db = new Database(file);
    db.prepare("UPDATE org_store SET json = '{oops' WHERE store_name = 'presence'").run();
    db.close();
    expect(() => createEmulator({ statePath: file })).toThrow(
      /emulator state file .*emulator\.sqlite: store "presence" of org .* is not valid JSON/,
    );
  });
});
