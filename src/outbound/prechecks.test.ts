// Pre-checks against the emulator in-process (its users, stations and presence APIs), through the
// Genesys client, as production code reaches a real org.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock, isSwitchboardError } from '../core/index.ts';
import { createEmulator } from '../emulator/index.ts';
import type { Emulator } from '../emulator/index.ts';
import { createGenesysClient } from '../genesys/index.ts';
import type { GenesysTarget } from './http-api.ts';
import { checkPresence, checkStation, precheckCaller, presenceKey, resolveMe, resolveUser } from './prechecks.ts';

const ALICE = 'a11ce000-0000-4000-8000-000000000001';
const BOB = 'b0b00000-0000-4000-8000-000000000002';
const DAVE = 'da7e0000-0000-4000-8000-000000000004';
const BOB_STATION = '57a71011-0000-4000-8000-000000000002';
const SPARE_STATION = '57a71011-0000-4000-8000-000000000009';
const MEAL = '3fd96123-badb-4f69-bc03-1b1ccc6d8014';
const BREAK = '227b37e2-f1d0-4dd0-8f50-badd7cf6d158';
const MEETING = 'bbdff279-7ae1-48ea-bade-7831d7234c64';

let emu: Emulator;
let target: GenesysTarget;

function clientTarget(permissions: string[]): GenesysTarget {
  const c = emu.createClient({ name: 'outbound test', permissions });
  const gc = createGenesysClient({
    baseUrl: 'http://emulator.local',
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    fetch: emu.fetch,
    clock: new VirtualClock(),
  });
  return { fetch: gc.fetch };
}

async function setPresence(userId: string, definitionId: string): Promise<void> {
  const res = await emu.fetch(`/api/v2/users/${userId}/presences/purecloud`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${emu.adminToken()}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ presenceDefinition: { id: definitionId }, primary: true }),
  });
  expect(res.status).toBe(200);
}

async function failure(
  p: Promise<unknown>,
): Promise<{ code: string; status: number; message: string; details: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    if (isSwitchboardError(e)) return { code: e.code, status: e.status, message: e.message, details: { ...e.details } };
    throw e;
  }
  throw new Error('expected a failure');
}

beforeEach(() => {
  emu = createEmulator({ seed: 'demo', clock: new VirtualClock(), statePath: ':memory:' });
  target = clientTarget(['directory:user:view']);
});
afterEach(async () => {
  await emu.close();
});

describe('presenceKey', () => {
  it('gives one spelling across the API surfaces', () => {
    expect(['On Queue', 'OnQueue', 'ON_QUEUE', 'on queue'].map(presenceKey)).toEqual([
      'ONQUEUE',
      'ONQUEUE',
      'ONQUEUE',
      'ONQUEUE',
    ]);
  });
});

describe('resolveUser', () => {
  it('finds a user by id, by email (any case) and by station', async () => {
    expect((await resolveUser(target, BOB)).email).toBe('bob@example.com');
    expect((await resolveUser(target, ' Bob@Example.com ')).id).toBe(BOB);
    expect((await resolveUser(target, `station:${BOB_STATION}`)).id).toBe(BOB);
  });

  it('404s an unknown id, email or station with SB_OUTBOUND_USER_NOT_FOUND naming what was received', async () => {
    const byId = await failure(resolveUser(target, '00000000-0000-4000-8000-00000000beef'));
    expect(byId).toMatchObject({ code: 'SB_OUTBOUND_USER_NOT_FOUND', status: 404 });
    expect(byId.message).toBe(
      'the caller must be a user of the org; no user has id "00000000-0000-4000-8000-00000000beef"',
    );
    expect((await failure(resolveUser(target, 'nobody@example.com'))).message).toContain(
      'no user has email "nobody@example.com"',
    );
    expect((await failure(resolveUser(target, 'station:00000000-0000-4000-8000-000000000000'))).code).toBe(
      'SB_OUTBOUND_USER_NOT_FOUND',
    );
  });

  it('refuses a station without a user, and a caller that is neither id, email nor station', async () => {
    expect(await failure(resolveUser(target, `station:${SPARE_STATION}`))).toMatchObject({
      code: 'SB_OUTBOUND_NO_STATION',
      status: 403,
    });
    const bad = await failure(resolveUser(target, 'bob'));
    expect(bad).toMatchObject({ code: 'SB_OUTBOUND_BAD_REQUEST', status: 400 });
    expect(bad.message).toBe('from must be a user id (UUID), an email or station:<stationId>; got "bob"');
  });

  it('maps a 403 on the lookup to SB_OUTBOUND_PERMISSION naming the missing permission', async () => {
    const f = await failure(resolveUser(clientTarget([]), BOB));
    expect(f).toMatchObject({ code: 'SB_OUTBOUND_PERMISSION', status: 403 });
    expect(f.details['missingPermissions']).toEqual(['directory:user:view']);
    expect(f.message).toContain('GET /api/v2/users/');
  });
});

describe('resolveMe', () => {
  it('is the token user, and refuses a from naming someone else', async () => {
    const token = emu.issueUserToken(BOB);
    const asBob: GenesysTarget = {
      fetch: (input, init) =>
        emu.fetch(input, {
          ...init,
          headers: { ...(init?.headers as Record<string, string>), Authorization: `Bearer ${token}` },
        }),
    };
    expect((await resolveMe(asBob, undefined)).id).toBe(BOB);
    expect((await resolveMe(asBob, 'bob@example.com')).id).toBe(BOB);
    const other = await failure(resolveMe(asBob, 'carol@example.com'));
    expect(other.code).toBe('SB_OUTBOUND_BAD_REQUEST');
    expect(other.message).toContain("the call is placed as the token's user");
  });
});

describe('checkPresence', () => {
  it.each([
    ['Offline', DAVE, undefined],
    ['Meal', BOB, MEAL],
    ['Break', BOB, BREAK],
  ])('refuses %s with SB_OUTBOUND_USER_STATE (403) naming the presence', async (presence, user, definition) => {
    if (definition) await setPresence(user, definition);
    const f = await failure(checkPresence(target, user));
    expect(f).toMatchObject({ code: 'SB_OUTBOUND_USER_STATE', status: 403 });
    expect(f.message).toBe(
      `the caller must be in a presence from which calls are placed (not OFFLINE, MEAL, BREAK); user ${user} is ${presence}`,
    );
  });

  it('allows Available, On Queue and Meeting, and honours a custom refusal list', async () => {
    expect(await checkPresence(target, BOB)).toBe('Available');
    expect(await checkPresence(target, ALICE)).toBe('On Queue');
    await setPresence(BOB, MEETING);
    expect(await checkPresence(target, BOB)).toBe('Meeting');
    expect((await failure(checkPresence(target, ALICE, ['OnQueue']))).code).toBe('SB_OUTBOUND_USER_STATE');
  });
});

describe('checkStation', () => {
  it('returns the associated station, or SB_OUTBOUND_NO_STATION', async () => {
    expect(await checkStation(target, BOB)).toBe(BOB_STATION);
    const f = await failure(checkStation(target, DAVE));
    expect(f).toMatchObject({ code: 'SB_OUTBOUND_NO_STATION', status: 403 });
    expect(f.message).toContain(`user ${DAVE} has no associated or effective station`);
  });
});

describe('precheckCaller', () => {
  it('checks presence before station: an offline user without a phone hears about the presence', async () => {
    expect((await failure(precheckCaller(target, 'dave@example.com'))).code).toBe('SB_OUTBOUND_USER_STATE');
    expect(await precheckCaller(target, 'bob@example.com')).toEqual({
      userId: BOB,
      name: 'Bob Brandt',
      email: 'bob@example.com',
      stationId: BOB_STATION,
      presence: 'Available',
    });
  });
});
