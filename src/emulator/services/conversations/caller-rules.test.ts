import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_PRESENCE_IDS } from '../presence/naming.ts';
import { DEMO } from '../seed.ts';
import { startApi } from './api.test-support.ts';
import type { ApiFixture } from './api.test-support.ts';
import { NO_STATION_CODE, PRESENCE_REFUSED_CODE } from './caller-rules.ts';

let fixture: ApiFixture | undefined;

afterEach(async () => {
  await fixture?.emu.close();
  fixture = undefined;
});

async function setPresence(f: ApiFixture, userId: string, definitionId: string): Promise<void> {
  const res = await f.call('PATCH', `/api/v2/users/${userId}/presences/purecloud`, {
    presenceDefinition: { id: definitionId },
    primary: true,
  });
  expect(res.status).toBe(200);
}

const onBehalf = (f: ApiFixture, userId: string) =>
  f.call('POST', `/api/v2/conversations/calls/user/${userId}`, { phoneNumber: '+13175550100' });

describe('presence rule on call creation', () => {
  it.each([
    ['Meal', SYSTEM_PRESENCE_IDS.MEAL],
    ['Break', SYSTEM_PRESENCE_IDS.BREAK],
    ['Offline', SYSTEM_PRESENCE_IDS.OFFLINE],
  ])(
    'refuses a caller in %s with 403 naming the user and the presence; nothing is created',
    async (label, definitionId) => {
      fixture = startApi();
      await setPresence(fixture, DEMO.users.bob, definitionId);
      fixture.events.length = 0;
      const res = await onBehalf(fixture, DEMO.users.bob);
      expect(res.status).toBe(403);
      expect(res.json).toMatchObject({
        code: PRESENCE_REFUSED_CODE,
        status: 403,
        messageParams: { userId: DEMO.users.bob, presence: label },
        contextId: res.headers.get('ININ-Correlation-Id'),
      });
      expect(res.json.message).toBe(
        `User ${DEMO.users.bob} cannot place a call while their presence is ${label}; calls are refused in Offline, Meal, Break`,
      );
      expect(fixture.emu.simulator.list()).toEqual([]);
      expect(fixture.events.filter((e) => e.topicName.startsWith('v2.detail.events.conversation'))).toEqual([]);
    },
  );

  it('allows the working presences, including an org presence under Away (Lunch) and On Queue', async () => {
    fixture = startApi();
    for (const definitionId of [
      SYSTEM_PRESENCE_IDS.BUSY,
      SYSTEM_PRESENCE_IDS.MEETING,
      SYSTEM_PRESENCE_IDS.ON_QUEUE,
      DEMO.presences.lunch,
    ]) {
      await setPresence(fixture, DEMO.users.bob, definitionId);
      expect((await onBehalf(fixture, DEMO.users.bob)).status).toBe(200);
    }
    expect(fixture.emu.simulator.list()).toHaveLength(4);
  });

  it('applies to the user-token route too', async () => {
    fixture = startApi();
    await setPresence(fixture, DEMO.users.carol, SYSTEM_PRESENCE_IDS.BREAK);
    const carol = fixture.emu.issueUserToken(DEMO.users.carol);
    const res = await fixture.call('POST', '/api/v2/conversations/calls', { callUserId: DEMO.users.bob }, carol);
    expect(res.status).toBe(403);
    expect(res.json.messageParams).toEqual({ userId: DEMO.users.carol, presence: 'Break' });
  });
});

describe('station rule on call creation', () => {
  it('refuses a user with no associated station with 400 naming the user, even when available', async () => {
    fixture = startApi();
    // Dave (the supervisor) has no station in the demo seed.
    await setPresence(fixture, DEMO.users.dave, SYSTEM_PRESENCE_IDS.AVAILABLE);
    const res = await onBehalf(fixture, DEMO.users.dave);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      code: NO_STATION_CODE,
      messageParams: { userId: DEMO.users.dave },
      details: [{ errorCode: NO_STATION_CODE, entityId: DEMO.users.dave }],
    });
    expect(res.json.message).toContain('has no associated station');
    expect(fixture.emu.simulator.list()).toEqual([]);
  });

  it('checks presence before the station: an offline user without a phone hears about the presence', async () => {
    fixture = startApi();
    const res = await onBehalf(fixture, DEMO.users.dave);
    expect(res.status).toBe(403);
    expect(res.json.messageParams.presence).toBe('Offline');
  });

  it('does not apply to the simulator control API, which simulates rather than authorizes', async () => {
    fixture = startApi();
    const res = await fixture.call('POST', '/_switchboard/simulator/calls', {
      fromUserId: DEMO.users.dave,
      to: { phoneNumber: '+13175550100' },
    });
    expect(res.status).toBe(201);
  });
});
