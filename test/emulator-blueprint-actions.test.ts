// The seed solutions' data actions, loaded unchanged from the published artifacts and executed by
// the data-action engine against the emulator: each JSONPath of their translation maps must read
// from the simulated conversations what blueprints.md §1–4 says it reads.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileAction, executeAction, loadAction } from '../src/actions/index.ts';
import { VirtualClock, seededIds } from '../src/core/index.ts';
import type { Fetch } from '../src/core/index.ts';
import { DEMO, createEmulator } from '../src/emulator/index.ts';
import type { Emulator } from '../src/emulator/index.ts';
import { blueprintPath } from './support/shared.ts';

const TERM = ['terminate-voice-calls-with-no-queue', 'main', 'exports'];
const PRES = ['update-gc-presence-on-communicate-call-activity-blueprint', 'main'];
const PRES_ANALYTICS = [
  'update-gc-presence-on-communicate-call-activity-blueprint',
  'nov-23-update__support-group-calls',
];
const CBPRIO = ['callback-prioritization', 'main', 'exports'];

let emu: Emulator;
let clock: VirtualClock;
let authed: Fetch;
let adminToken: string;

beforeEach(() => {
  clock = new VirtualClock(Date.UTC(2026, 0, 5, 9));
  emu = createEmulator({ clock, ids: seededIds(11), rateLimitPerMinute: 0 });
  adminToken = emu.adminToken();
  authed = (input, init) => {
    const req = new Request(input instanceof Request ? input : new URL(String(input), 'http://emulator.local'), init);
    req.headers.set('Authorization', `Bearer ${adminToken}`);
    return emu.fetch(req);
  };
});

afterEach(async () => {
  await emu.close();
});

async function run(
  parts: string[],
  input: Record<string, unknown>,
): Promise<{ status: string; outputs: Record<string, unknown> }> {
  const action = compileAction(loadAction(JSON.parse(readFileSync(blueprintPath(...parts), 'utf8')), parts.at(-1)));
  const r = await executeAction(action, input, { fetch: authed, clock });
  return { status: r.status, outputs: r.outputs };
}

async function control(
  path: string,
  body: unknown,
): Promise<{ id: string; participants: { id: string; userId?: string }[] }> {
  const res = await emu.fetch(`/_switchboard/simulator${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBeLessThan(300);
  return (await res.json()) as { id: string; participants: { id: string; userId?: string }[] };
}

describe('terminate-voice-calls-with-no-queue actions', () => {
  it('Check Conversation For PSTN Leg finds the outbound external session of a PSTN call, none for a user-to-user call', async () => {
    const pstn = await control('/calls', { fromUserId: DEMO.users.alice, to: { phoneNumber: '+13175550100' } });
    await clock.advance(1_000);
    expect(await run([...TERM, 'Check-Conversation-For-PSTN-Leg.custom.json'], { CONVERSATION_ID: pstn.id })).toEqual({
      status: 'success',
      outputs: { externalSegment: ['outbound'] },
    });
    const internal = await control('/calls', { fromUserId: DEMO.users.alice, to: { userId: DEMO.users.bob } });
    await clock.advance(1_000);
    expect(
      await run([...TERM, 'Check-Conversation-For-PSTN-Leg.custom.json'], { CONVERSATION_ID: internal.id }),
    ).toEqual({ status: 'success', outputs: { externalSegment: [] } });
  });

  it('Disconnect Voice Call then Put Conversation Tag end the call and tag it "No Queue"', async () => {
    const conv = await control('/calls', { fromUserId: DEMO.users.alice, to: { phoneNumber: '+13175551234' } });
    expect((await run([...TERM, 'Disconnect-Voice-Call.custom.json'], { conversationId: conv.id })).status).toBe(
      'success',
    );
    expect(
      (
        await run([...TERM, 'Put-Conversation-Tag.custom.json'], {
          conversationId: conv.id,
          externalTagName: 'No Queue',
        })
      ).status,
    ).toBe('success');
    const details = (await (await authed(`/api/v2/analytics/conversations/${conv.id}/details`)).json()) as {
      externalTag: string;
      conversationEnd?: string;
    };
    expect(details.externalTag).toBe('No Queue');
    expect(details.conversationEnd).toBeDefined();
  });
});

describe('update-gc-presence-on-communicate-call-activity actions', () => {
  it('the outbound pick-up check sees Interact only once the far end answered (conversations and analytics variants)', async () => {
    const conv = await control('/calls', { fromUserId: DEMO.users.carol, to: { phoneNumber: '+13175550100' } });
    await clock.advance(1_000);
    expect(
      await run([...PRES, 'GetOutboundConversationDetailsForPickUp.custom.json'], { CONVERSATION_ID: conv.id }),
    ).toEqual({ status: 'success', outputs: { segmentType: [] } });
    await clock.advance(2_000);
    expect(
      await run([...PRES, 'GetOutboundConversationDetailsForPickUp.custom.json'], { CONVERSATION_ID: conv.id }),
    ).toEqual({ status: 'success', outputs: { segmentType: ['Interact'] } });
    expect(
      await run([...PRES_ANALYTICS, 'GetOutboundConversationDetailsForPickUp.custom.json'], {
        CONVERSATION_ID: conv.id,
      }),
    ).toEqual({ status: 'success', outputs: { segmentType: ['interact'] } });
  });

  it('a group call shows the group participant, and the pick-up check names the member who answered', async () => {
    const conv = await control('/calls', { fromUserId: DEMO.users.carol, to: { groupId: DEMO.groups.pickup } });
    await clock.advance(1_000);
    const group = await run([...PRES, 'GetInboundConversationDetailsForPickUp-Includes-Group-Check.custom.json'], {
      CONVERSATION_ID: conv.id,
    });
    expect(group).toEqual({ status: 'success', outputs: { segmentType: [], purpose: ['group'] } });
    const ringing = (await (await emu.fetch(`/_switchboard/simulator/conversations/${conv.id}`)).json()) as {
      participants: { id: string; userId?: string; state: string }[];
    };
    const bob = ringing.participants.find((p) => p.userId === DEMO.users.bob && p.state === 'alerting')!;
    await control(`/conversations/${conv.id}/answer`, { participantId: bob.id });
    expect(
      await run([...PRES, 'GetInboundConversationCallsCheckForUserPickUp.custom.json'], { CONVERSATION_ID: conv.id }),
    ).toEqual({ status: 'success', outputs: { userId: [DEMO.users.bob] } });
    expect(
      (
        await run([...PRES, 'GetInboundConversationDetailsForPickUp-Includes-Group-Check.custom.json'], {
          CONVERSATION_ID: conv.id,
        })
      ).outputs,
    ).toEqual({ segmentType: ['Interact'], purpose: ['group'] });
    expect(
      (
        await run([...PRES_ANALYTICS, 'GetInboundConversationDetailsForPickUp-Includes-Group-Check.custom.json'], {
          CONVERSATION_ID: conv.id,
        })
      ).outputs,
    ).toEqual({ segmentType: ['interact'], purpose: ['group'] });
  });
});

describe('callback-prioritization actions', () => {
  it('reads the waiting state and priority, raises the priority, and sees the callback connected then gone', async () => {
    const cb = await control('/callbacks', {
      queueId: DEMO.queues.sales,
      callbackNumbers: ['+13175558888'],
      priority: 2,
    });
    expect(await run([...CBPRIO, 'Get-Interaction-State.custom.json'], { conversationId: cb.id })).toEqual({
      status: 'success',
      outputs: { state: 'waiting' },
    });
    expect(await run([...CBPRIO, 'Get-Callback-Priority.custom.json'], { conversationId: cb.id })).toEqual({
      status: 'success',
      outputs: { priority: 2 },
    });
    expect(
      await run([...CBPRIO, 'Update-Callback-Priority.custom.json'], { conversationId: cb.id, priority: 3 }),
    ).toEqual({ status: 'success', outputs: { priority: 3 } });
    expect((await run([...CBPRIO, 'Get-Callback-Priority.custom.json'], { conversationId: cb.id })).outputs).toEqual({
      priority: 3,
    });
    await control(`/conversations/${cb.id}/connect-callback`, { userId: DEMO.users.carol });
    expect((await run([...CBPRIO, 'Get-Interaction-State.custom.json'], { conversationId: cb.id })).outputs).toEqual({
      state: 'connected',
    });
    expect(
      (await run([...CBPRIO, 'Update-Callback-Priority.custom.json'], { conversationId: cb.id, priority: 4 })).status,
    ).toBe('failure');
    await control(`/conversations/${cb.id}/hang-up`, { side: 'agent' });
    expect((await run([...CBPRIO, 'Get-Interaction-State.custom.json'], { conversationId: cb.id })).outputs).toEqual({
      state: 'disconnected',
    });
  });
});
