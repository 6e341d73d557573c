// Conformance: every published data action (*.custom.json under the blueprints) loads, imports
// through /api/v2/integrations/actions and runs against the emulator with the outputs and quirks
// documented in blueprints.md §1.1, §2.1, §3.1 and §4.1.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileAction, loadActionText } from '../src/actions/index.ts';
import { DEMO, SYSTEM_PRESENCE_IDS, createEmulator } from '../src/emulator/index.ts';
import type { Emulator } from '../src/emulator/index.ts';
import { BLUEPRINTS_DIR, blueprintPath } from './support/shared.ts';

// Response bodies are arbitrary Genesys JSON, read field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : n.endsWith('.custom.json') ? [p] : [];
  });
}
const ALL = walk(BLUEPRINTS_DIR).sort();

let emu: Emulator;
let integrationId = '';
const actionIds = new Map<string, string>();

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Body }> {
  const res = await emu.fetch(path, {
    method,
    headers: { Authorization: `Bearer ${emu.adminToken()}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function actionId(rel: string): Promise<string> {
  const known = actionIds.get(rel);
  if (known) return known;
  const doc = JSON.parse(readFileSync(blueprintPath(rel), 'utf8')) as Record<string, unknown>;
  const r = await api('POST', '/api/v2/integrations/actions', { ...doc, category: 'Blueprints', integrationId });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  actionIds.set(rel, r.body.id as string);
  return r.body.id as string;
}

const execute = async (rel: string, input: Record<string, unknown>) =>
  api('POST', `/api/v2/integrations/actions/${await actionId(rel)}/execute`, input);
const testRun = async (rel: string, input: Record<string, unknown>) =>
  (await api('POST', `/api/v2/integrations/actions/${await actionId(rel)}/test`, input)).body;

async function sim(path: string, body: unknown = {}): Promise<Body> {
  const r = await api('POST', `/_switchboard/simulator${path}`, body);
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  return r.body;
}
/** Alice calls a PSTN test number that answers. */
async function pstnCall(): Promise<string> {
  const c = await sim('/calls', { fromUserId: DEMO.users.alice, to: { phoneNumber: '+13175550100' } });
  await sim(`/conversations/${c.id}/answer`);
  return c.id as string;
}
/** Alice calls Bob (user to user, no PSTN leg); Bob answers. */
async function userCall(): Promise<string> {
  const c = await sim('/calls', { fromUserId: DEMO.users.alice, to: { userId: DEMO.users.bob } });
  await sim(`/conversations/${c.id}/answer`);
  return c.id as string;
}
async function callback(priority: number): Promise<string> {
  const c = await sim('/callbacks', { queueId: DEMO.queues.support, callbackNumbers: ['+13175550100'], priority });
  return c.id as string;
}

beforeAll(async () => {
  emu = createEmulator({ rateLimitPerMinute: 0 });
  const client = emu.createClient({ name: 'Blueprint data actions', roles: ['admin'] });
  const cred = await api('POST', '/api/v2/integrations/credentials', {
    name: 'OAuth',
    type: { name: 'pureCloudOAuthClient' },
    credentialFields: { clientId: client.clientId, clientSecret: client.clientSecret },
  });
  const integration = await api('POST', '/api/v2/integrations', {
    integrationType: { id: 'purecloud-data-actions' },
    name: 'Blueprints',
  });
  integrationId = integration.body.id as string;
  await api('PUT', `/api/v2/integrations/${integrationId}/config/current`, {
    credentials: { pureCloudOAuthClient: { id: cred.body.id } },
  });
});
afterAll(() => emu.close());

describe('every published data action', () => {
  it('finds all 26 .custom.json exports', () => {
    expect(ALL.length).toBe(26);
  });
  it.each(ALL.map((f) => [relative(BLUEPRINTS_DIR, f)]))('%s loads, compiles and imports', async (rel) => {
    const def = loadActionText(readFileSync(blueprintPath(rel), 'utf8'), rel);
    expect(() => compileAction(def)).not.toThrow();
    expect(await actionId(rel)).toMatch(/[0-9a-f-]{36}/);
  });
});

describe('terminate-voice-calls-with-no-queue (blueprints.md §1.1)', () => {
  const PSTN = [
    'terminate-voice-calls-with-no-queue/main/exports/Check-Conversation-For-PSTN-Leg.custom.json',
    'terminate-voice-calls-with-no-queue/initial-creation-jan-2024/Check-Conversation-For-PSTN-Leg.custom.json',
  ];
  it.each(PSTN)('%s: an agent-to-PSTN call has externalSegment ["outbound"]', async (rel) => {
    const r = await execute(rel, { CONVERSATION_ID: await pstnCall() });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ externalSegment: ['outbound'] });
  });
  it.each(PSTN)('%s: a user-to-user call has externalSegment []', async (rel) => {
    const r = await execute(rel, { CONVERSATION_ID: await userCall() });
    expect(r.body).toEqual({ externalSegment: [] });
  });
  it('Put Conversation Tag sets the external tag; Disconnect Voice Call tears the call down', async () => {
    const id = await pstnCall();
    const tag = await execute('terminate-voice-calls-with-no-queue/main/exports/Put-Conversation-Tag.custom.json', {
      conversationId: id,
      externalTagName: 'No Queue',
    });
    expect(tag.status).toBe(200);
    expect((await api('GET', `/api/v2/conversations/${id}`)).body.externalTag).toBe('No Queue');
    const off = await execute('terminate-voice-calls-with-no-queue/main/exports/Disconnect-Voice-Call.custom.json', {
      conversationId: id,
    });
    expect(off.status).toBe(200);
    const after = (await api('GET', `/api/v2/conversations/calls/${id}`)).body;
    expect(after.participants.map((p: Body) => p.state)).toEqual(after.participants.map(() => 'disconnected'));
  });
});

describe('callback-prioritization (blueprints.md §4.1)', () => {
  const DIR = 'callback-prioritization/main/exports';
  it("Get Callback Priority reads the acd participant's priority; Update changes it", async () => {
    const id = await callback(3);
    expect((await execute(`${DIR}/Get-Callback-Priority.custom.json`, { conversationId: id })).body).toEqual({
      priority: 3,
    });
    expect(
      (await execute(`${DIR}/Update-Callback-Priority.custom.json`, { conversationId: id, priority: 4 })).body,
    ).toEqual({ priority: 4 });
    expect((await execute(`${DIR}/Get-Callback-Priority.custom.json`, { conversationId: id })).body).toEqual({
      priority: 4,
    });
  });
  it('Get Interaction State of a waiting callback is "waiting"', async () => {
    expect(
      (await execute(`${DIR}/Get-Interaction-State.custom.json`, { conversationId: await callback(1) })).body,
    ).toEqual({ state: 'waiting' });
  });
  it('Get Interaction State without a callback: the unquoted default "disconnected" is invalid JSON → Failure', async () => {
    const id = await pstnCall();
    const r = await execute(`${DIR}/Get-Interaction-State.custom.json`, { conversationId: id });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('successTemplate output line 1 column 11');
    const t = await testRun(`${DIR}/Get-Interaction-State.custom.json`, { conversationId: id });
    expect(t.operations.find((o: Body) => o.name === 'Resolve translation map').result).toEqual({
      state: 'disconnected',
    });
  });
  it('Get Callback Priority without an acd participant: firstFromArray on [""] gives "" → integer schema Failure', async () => {
    const r = await execute(`${DIR}/Get-Callback-Priority.custom.json`, { conversationId: await pstnCall() });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('/priority must be integer');
  });
});

describe('update-gc-presence-on-communicate-call-activity (blueprints.md §3.1) and update-external-tag (§2.1)', () => {
  const MAIN = 'update-gc-presence-on-communicate-call-activity-blueprint/main';
  const TAG = 'terminate-voice-calls-with-no-queue/update-external-tag';
  it('GC User Presence Update sets Busy; Get Genesys Cloud User Presence then reads it', async () => {
    const set = await execute(`${MAIN}/GC-User-Presence-Update.custom.json`, {
      USER_ID: DEMO.users.carol,
      PRESENCE_DEFINITION_ID: SYSTEM_PRESENCE_IDS.BUSY,
    });
    expect(set.status).toBe(200);
    expect(set.body.presenceDefinition.id).toBe(SYSTEM_PRESENCE_IDS.BUSY);
    expect(
      (await execute(`${MAIN}/Get-Genesys-Cloud-User-Presence.custom.json`, { USER_ID: DEMO.users.carol })).body,
    ).toEqual({ systemPresence: 'Busy' });
  });
  it('presence definition and its English label (update-external-tag)', async () => {
    const p = await execute(`${TAG}/GetGenesysCloudUserPresenceDefinition.custom.json`, { USER_ID: DEMO.users.carol });
    expect(p.body).toEqual({ systemPresence: 'Busy', presenceDefinitionId: SYSTEM_PRESENCE_IDS.BUSY });
    const label = await execute(`${TAG}/GetGenesysCloudPresenceDefinitionLabel.custom.json`, {
      presenceDefinitionId: SYSTEM_PRESENCE_IDS.BUSY,
    });
    expect(label.status).toBe(200);
    expect(label.body.presenceDefinitionEnglishLabel).toBe('Busy');
  });
  it('GetInboundConversationCallsCheckForUserPickUp finds the user who picked up', async () => {
    const r = await execute(`${MAIN}/GetInboundConversationCallsCheckForUserPickUp.custom.json`, {
      CONVERSATION_ID: await userCall(),
    });
    expect(r.body).toEqual({ userId: [DEMO.users.bob] });
  });
  it('Get…DetailsForPickUp: an answered call has an Interact segment; no group participant', async () => {
    const id = await userCall();
    const inbound = await execute(`${MAIN}/GetInboundConversationDetailsForPickUp-Includes-Group-Check.custom.json`, {
      CONVERSATION_ID: id,
    });
    expect(inbound.body).toEqual({ segmentType: ['Interact'], purpose: [] });
    const outbound = await execute(`${MAIN}/GetOutboundConversationDetailsForPickUp.custom.json`, {
      CONVERSATION_ID: await pstnCall(),
    });
    expect(outbound.body).toEqual({ segmentType: ['Interact'] });
  });
  it('the analytics variants (nov-23, initial) see the lowercase "interact" segment', async () => {
    const r = await execute(
      'update-gc-presence-on-communicate-call-activity-blueprint/initial-blueprint-creation/GetOutboundConversationDetailsForPickUp.custom.json',
      { CONVERSATION_ID: await pstnCall() },
    );
    expect(r.body.segmentType).toEqual(['interact']);
  });
});
