// Data actions of our own, written for the Platform API routes automations call beyond the seeds
// (agentless SMS, user search, queue observations and estimated wait, SCIM, summaries, a user's
// skills), run by the data-action engine against the emulator: each route answers what the action's
// translation map reads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileAction, executeAction, loadAction } from '../src/actions/index.ts';
import { VirtualClock, seededIds } from '../src/core/index.ts';
import type { Fetch } from '../src/core/index.ts';
import { DEMO, createEmulator } from '../src/emulator/index.ts';
import type { Emulator } from '../src/emulator/index.ts';

const DIR = join(import.meta.dirname, 'fixtures', 'platform-actions');

let emu: Emulator;
let clock: VirtualClock;
let authed: Fetch;

beforeEach(() => {
  clock = new VirtualClock(Date.UTC(2026, 0, 5, 9));
  emu = createEmulator({ clock, ids: seededIds(5), rateLimitPerMinute: 0 });
  const token = emu.adminToken();
  authed = (input, init) => {
    const req = new Request(input instanceof Request ? input : new URL(String(input), 'http://emulator.local'), init);
    req.headers.set('Authorization', `Bearer ${token}`);
    return emu.fetch(req);
  };
});

afterEach(async () => {
  await emu.close();
});

async function run(
  file: string,
  input: Record<string, unknown>,
): Promise<{ status: string; outputs: Record<string, unknown> }> {
  const action = compileAction(loadAction(JSON.parse(readFileSync(join(DIR, `${file}.custom.json`), 'utf8')), file));
  const r = await executeAction(action, input, { fetch: authed, clock });
  return { status: r.status, outputs: r.outputs };
}

async function control(method: string, path: string, body: unknown): Promise<{ id: string }> {
  const res = await emu.fetch(`/_switchboard${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBeLessThan(300);
  return (await res.json()) as { id: string };
}

describe('data actions on the routes automations call', () => {
  it('sends an agentless SMS, which the org records', async () => {
    const r = await run('send-sms', {
      fromAddress: '+13175550000',
      toAddress: '+13175550100',
      textBody: 'Your "order" is ready',
    });
    expect(r.status).toBe('success');
    const sent = (await (await emu.fetch('/_switchboard/agentless')).json()) as {
      messages: { conversationId: string; textBody: string }[];
    };
    expect(sent.messages).toEqual([
      expect.objectContaining({ conversationId: r.outputs.conversationId, textBody: 'Your "order" is ready' }),
    ]);
    expect((await run('send-sms', { fromAddress: 'Support', toAddress: '+13175550100', textBody: 'x' })).status).toBe(
      'failure',
    );
  });

  it('finds a user by email, and says when none matches', async () => {
    expect(await run('find-user-by-email', { email: 'carol@example.com' })).toEqual({
      status: 'success',
      outputs: { found: 1, userId: DEMO.users.carol, name: 'Carol Chen' },
    });
    expect(await run('find-user-by-email', { email: 'nobody@example.com' })).toEqual({
      status: 'success',
      outputs: { found: 0, userId: '', name: '' },
    });
  });

  it('counts the calls waiting in a queue and estimates the wait', async () => {
    expect((await run('queue-waiting', { queueId: DEMO.queues.support })).outputs).toEqual({ waiting: 0 });
    const before = (await run('queue-estimated-wait', { queueId: DEMO.queues.support })).outputs.seconds as number;
    await control('POST', '/simulator/inbound-calls', { ani: '+13175550100', queueId: DEMO.queues.support });
    await control('POST', '/simulator/inbound-calls', { ani: '+13175550101', queueId: DEMO.queues.support });
    expect((await run('queue-waiting', { queueId: DEMO.queues.support })).outputs).toEqual({ waiting: 2 });
    expect((await run('queue-estimated-wait', { queueId: DEMO.queues.support })).outputs.seconds).toBeGreaterThan(
      before,
    );
  });

  it('reads a provisioned user through SCIM with a filter in the query string', async () => {
    expect(await run('scim-user-active', { userName: 'bob@example.com' })).toEqual({
      status: 'success',
      outputs: { provisioned: 1, active: true },
    });
    expect(await run('scim-user-active', { userName: 'eve@example.com' })).toEqual({
      status: 'success',
      outputs: { provisioned: 0, active: false },
    });
  });

  it('reads a conversation summary once one exists', async () => {
    const call = await control('POST', '/simulator/inbound-calls', {
      ani: '+13175550100',
      queueId: DEMO.queues.support,
    });
    expect((await run('conversation-summary', { conversationId: call.id })).outputs).toEqual({ summary: '' });
    await control('PUT', `/conversations/${call.id}/insights`, { summary: { text: 'Asked to cancel' } });
    expect((await run('conversation-summary', { conversationId: call.id })).outputs).toEqual({
      summary: 'Asked to cancel',
    });
  });

  it("lists a user's routing skills", async () => {
    expect((await run('user-skills', { userId: DEMO.users.alice })).outputs).toEqual({ skills: ['Billing'] });
    expect((await run('user-skills', { userId: DEMO.users.bob })).outputs).toEqual({ skills: [] });
  });
});
