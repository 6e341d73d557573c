// Deploy against an emulator with its org automation: what is deployed runs there, with no runtime
// around it. Every expectation is read back through the Platform API or the emulator's own state.
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../core/index.ts';
import { createEmulator, DEMO, SYSTEM_PRESENCE_IDS } from '../emulator/index.ts';
import type { Emulator } from '../emulator/index.ts';
import { createGenesysClient } from '../genesys/index.ts';
import { loadFolder, loadSolution } from '../blueprints/index.ts';
import { attachOrgAutomation } from '../runtime/index.ts';
import type { OrgAutomation } from '../runtime/index.ts';
import { placeCall } from '../outbound/index.ts';
import { changes, deploy, destroy, exportBundle, planDeploy } from './index.ts';
import type { DeployTarget } from './index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const PSTN = '+13175550100';
let open: { e: Emulator; auto: OrgAutomation } | undefined;
afterEach(async () => {
  await open?.auto.close();
  await open?.e.close();
  open = undefined;
});

function start(permissions?: string[]) {
  const clock = new VirtualClock(Date.UTC(2026, 0, 5, 9, 0, 0));
  const e = createEmulator({ clock, rateLimitPerMinute: 0 });
  const auto = attachOrgAutomation(e);
  open = { e, auto };
  const creds = permissions ? e.createClient({ name: 'deployer', permissions }) : e.admin;
  const client = createGenesysClient({
    baseUrl: 'http://emulator.local',
    clientId: creds.clientId,
    clientSecret: creds.clientSecret,
    fetch: e.fetch,
    clock,
  });
  const target: DeployTarget = { client, upload: (u, i) => e.fetch(u, i) };
  const call = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const res = await e.fetch(path, {
      method,
      headers: {
        Authorization: `Bearer ${e.adminToken()}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return text === '' ? undefined : JSON.parse(text);
  };
  const pass = async (ms: number): Promise<void> => {
    const until = clock.now() + ms;
    await auto.idle();
    for (;;) {
      const due = clock.nextDue();
      if (due === undefined || due > until) break;
      await clock.advanceTo(due);
      await auto.idle();
    }
    await clock.advanceTo(until);
    await auto.idle();
  };
  const place = async (fromUserId: string, to: Record<string, string>, queueId?: string): Promise<string> => {
    const conv = await call('POST', '/_switchboard/simulator/calls', {
      fromUserId,
      to,
      ...(queueId ? { queueId } : {}),
    });
    await auto.idle();
    return conv.id as string;
  };
  const details = (id: string): Promise<Json> => call('GET', `/api/v2/analytics/conversations/${id}/details`);
  return { e, auto, clock, target, call, pass, place, details };
}

describe('deploy to an emulator: the shipped solutions run there with no runtime', () => {
  it('terminate-no-queue: a no-queue PSTN call is disconnected and tagged; a queue call is untouched', async () => {
    const t = start();
    const result = await deploy(loadSolution('terminate-no-queue'), t.target);
    expect(result.applied.length).toBeGreaterThan(5);
    const noQueue = await t.place(DEMO.users.bob, { phoneNumber: PSTN });
    const queued = await t.place(DEMO.users.alice, { phoneNumber: PSTN }, DEMO.queues.support);
    await t.pass(5_000);
    const d = await t.details(noQueue);
    expect(d.externalTag).toBe('No Queue');
    expect(typeof d.conversationEnd).toBe('string');
    expect((await t.details(queued)).externalTag).toBeUndefined();
    const history = await t.call('POST', '/api/v2/flows/instances/query', {
      query: [{ criteria: { key: 'conversationId', operator: 'eq', value: noQueue } }],
    });
    expect(history.entities.length).toBeGreaterThan(0);
  });

  it("presence-tag: the call is tagged with the user's presence", async () => {
    const t = start();
    await deploy(loadSolution('presence-tag'), t.target);
    await t.call('PATCH', `/api/v2/users/${DEMO.users.bob}/presences/purecloud`, {
      presenceDefinition: { id: SYSTEM_PRESENCE_IDS.BUSY },
    });
    const id = await t.place(DEMO.users.bob, { phoneNumber: PSTN });
    await t.pass(3_000);
    expect((await t.details(id)).externalTag).toBe('Busy: Busy');
  });

  it('presence-busy: a direct call makes both users Busy once answered, Available once it ends', async () => {
    const t = start();
    await deploy(loadSolution('presence-busy'), t.target);
    const id = await t.place(DEMO.users.bob, { userId: DEMO.users.carol });
    await t.pass(2_000);
    await t.call('POST', `/_switchboard/simulator/conversations/${id}/answer`, {});
    await t.pass(6_000);
    const presence = async (u: string): Promise<string> =>
      (await t.call('GET', `/api/v2/users/${u}/presences/purecloud`)).presenceDefinition.systemPresence;
    expect([await presence(DEMO.users.bob), await presence(DEMO.users.carol)]).toEqual(['Busy', 'Busy']);
    await t.call('POST', `/_switchboard/simulator/conversations/${id}/hang-up`, { side: 'caller' });
    await t.pass(1_000);
    expect([await presence(DEMO.users.bob), await presence(DEMO.users.carol)]).toEqual(['Available', 'Available']);
  });

  it('callback-prioritization: a waiting callback gains 1 priority every 5 minutes, 5 times at most', async () => {
    const t = start();
    await deploy(loadSolution('callback-prioritization'), t.target);
    const cb = await t.call('POST', '/_switchboard/simulator/callbacks', {
      queueId: DEMO.queues.sales,
      callbackNumbers: [PSTN],
      priority: 2,
    });
    await t.auto.idle();
    const seen: number[] = [];
    for (let i = 0; i < 7; i++) {
      await t.pass(5 * 60_000);
      const conv = await t.call('GET', `/api/v2/conversations/${cb.id}`);
      seen.push(conv.participants.find((p: Json) => p.purpose === 'acd').conversationRoutingData.priority);
    }
    expect(seen).toEqual([3, 4, 5, 6, 7, 7, 7]);
  });

  it('outbound-on-behalf: its OAuth client, holding the least-privilege role, places a call on behalf of an agent', async () => {
    const t = start();
    const result = await deploy(loadSolution('outbound-on-behalf'), t.target);
    expect(result.plan.steps.map((s) => s.kind)).toEqual(['role', 'oauth-client']);
    const [client] = (await t.call('GET', '/api/v2/oauth/clients')).entities.filter(
      (c: Json) => c.name === 'Switchboard outbound-on-behalf / Outbound calls on behalf of agents',
    );
    // The secret is shown only when made: the admin issues a new one to act as the client.
    const { secret } = await t.call('POST', `/api/v2/oauth/clients/${client.id}/secret`);
    const asClient = createGenesysClient({
      baseUrl: 'http://emulator.local',
      clientId: client.id,
      clientSecret: secret,
      fetch: t.e.fetch,
      clock: t.clock,
    });
    const placed = await placeCall({ fetch: asClient.fetch, clock: t.clock }, { from: DEMO.users.bob, to: PSTN });
    expect(placed.conversationId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.call('GET', `/api/v2/conversations/${placed.conversationId}`)).participants.length).toBeGreaterThan(
      0,
    );
  });

  it('a Terraform project deploys as the bundle inferred from it (variables given as --var would)', async () => {
    const t = start();
    const { bundle } = loadFolder(new URL('../../examples/terraform', import.meta.url).pathname, {
      vars: { oauth_credential_id: 'unused' },
    });
    const result = await deploy(bundle, t.target);
    expect(result.plan.steps.map((s) => s.kind)).toEqual([
      'role',
      'oauth-client',
      'credential',
      'integration',
      'data-action',
      'workflow',
      'trigger',
    ]);
    const id = await t.place(DEMO.users.bob, { phoneNumber: PSTN });
    await t.pass(3_000);
    expect((await t.details(id)).externalTag).toBe('No queue');
  });
});

describe('plan, apply, destroy', () => {
  it('a second apply changes nothing; destroy removes exactly what deploy made', async () => {
    const t = start();
    const bundle = loadSolution('presence-tag');
    const before = await t.call('GET', '/api/v2/authorization/roles');
    const first = await planDeploy(bundle, t.target);
    expect(first.plan.steps.every((s) => s.op === 'create')).toBe(true);
    expect(first.plan.steps.map((s) => s.kind)).toEqual([
      'role',
      'oauth-client',
      'credential',
      'integration',
      'data-action',
      'data-action',
      'data-action',
      'workflow',
      'trigger',
    ]);
    const role = first.desired.accesses[0]!;
    expect(role.permissions).toEqual(['presence:presenceDefinition:view', 'conversation:externalTag:edit']);
    await deploy(bundle, t.target);
    const again = await planDeploy(bundle, t.target);
    expect(again.plan.steps.filter((s) => s.op !== 'keep')).toEqual([]);
    expect(changes(again.plan)).toBe(0);

    const gone = await destroy(bundle.name, t.target);
    expect(gone.applied.map((s) => s.kind)).toEqual([
      'trigger',
      'workflow',
      'data-action',
      'data-action',
      'data-action',
      'integration',
      'credential',
      'oauth-client',
      'role',
    ]);
    expect((await t.call('GET', '/api/v2/authorization/roles')).total).toBe(before.total);
    expect((await t.call('GET', '/api/v2/processautomation/triggers')).entities).toEqual([]);
    expect((await planDeploy(bundle, t.target)).plan.steps.every((s) => s.op === 'create')).toBe(true);
  });

  it('a changed data action or workflow is updated in place, nothing else', async () => {
    const t = start();
    const bundle = loadSolution('presence-tag');
    await deploy(bundle, t.target);
    const [action] = (await t.call('GET', '/api/v2/integrations/actions?pageSize=100')).entities.filter(
      (a: Json) => a.name === bundle.actions[0]!.name,
    );
    const draft = await t.call('POST', `/api/v2/integrations/actions/${action.id}/draft`);
    const patched = await t.call('PATCH', `/api/v2/integrations/actions/${action.id}/draft`, {
      version: draft.version,
      config: { ...draft.config, request: { ...draft.config.request, requestTemplate: '{"changed": true}' } },
    });
    await t.call('POST', `/api/v2/integrations/actions/${action.id}/draft/publish`, { version: patched.version });
    const plan = (await planDeploy(bundle, t.target)).plan;
    expect(plan.steps.filter((s) => s.op !== 'keep')).toEqual([
      expect.objectContaining({
        op: 'update',
        kind: 'data-action',
        name: action.name,
        why: expect.stringContaining('request or response'),
      }),
    ]);
    await deploy(bundle, t.target);
    expect(changes((await planDeploy(bundle, t.target)).plan)).toBe(0);
  });

  it('refuses, before changing anything, a client that lacks a permission, naming it', async () => {
    const t = start([
      'authorization:role:view',
      'oauth:client:view',
      'integrations:*:view',
      'integrations:credential:view',
      'architect:flow:view',
      'processautomation:trigger:view',
      'authorization:role:add',
    ]);
    const bundle = loadSolution('presence-tag');
    const { plan } = await planDeploy(bundle, t.target);
    expect(plan.missing).toContain('oauth:client:add');
    expect(plan.missing).not.toContain('authorization:role:add');
    await expect(deploy(bundle, t.target)).rejects.toMatchObject({
      code: 'SB_DEPLOY_PERMISSION_MISSING',
      message: expect.stringContaining('oauth:client:add'),
    });
    expect(
      (await t.call('GET', '/api/v2/authorization/roles')).entities.filter((r: Json) =>
        String(r.name).startsWith('Switchboard'),
      ),
    ).toEqual([]);
  });

  it('a client that cannot read the org is told which permission, and nothing is changed', async () => {
    const t = start(['authorization:role:view']);
    await expect(planDeploy(loadSolution('presence-tag'), t.target)).rejects.toMatchObject({
      code: 'SB_DEPLOY_PERMISSION_MISSING',
      message: expect.stringContaining('oauth:client:view'),
    });
  });

  it('an object of the same name it did not make is a conflict; nothing is changed', async () => {
    const t = start();
    const bundle = loadSolution('presence-tag');
    await t.call('POST', '/api/v2/processautomation/triggers', {
      name: bundle.triggers[0]!.name,
      topicName: 'v2.detail.events.conversation.{id}.user.start',
      enabled: false,
      target: { id: 'x', type: 'Workflow' },
      matchCriteria: [],
    });
    const { plan } = await planDeploy(bundle, t.target);
    expect(plan.conflicts).toEqual([expect.objectContaining({ kind: 'trigger', name: bundle.triggers[0]!.name })]);
    await expect(deploy(bundle, t.target)).rejects.toMatchObject({ code: 'SB_DEPLOY_CONFLICT' });
    expect(
      (await t.call('GET', '/api/v2/integrations/actions?pageSize=100')).entities.filter(
        (a: Json) => a.category === 'Presence Tagging',
      ),
    ).toEqual([]);
  });

  it('a failure in the middle stops and reports; the re-run converges with nothing orphaned', async () => {
    const t = start();
    const bundle = loadSolution('presence-tag');
    // The org answers 500 to the workflow's import job: everything before it is applied.
    const fault = await t.e.fetch('/_switchboard/faults', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ method: 'POST', path: '/api/v2/flows/jobs', errorRate: 1, errorStatus: 500 }),
    });
    expect(fault.status).toBe(201);
    const failedRun = await deploy(bundle, t.target).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failedRun).toMatchObject({
      code: 'SB_DEPLOY_STEP_FAILED',
      message: expect.stringContaining('workflow'),
      details: { step: { op: 'create', kind: 'workflow' } },
    });
    expect((failedRun as { details: { applied: string[] } }).details.applied).toHaveLength(7);
    const left = (await planDeploy(bundle, t.target)).plan.steps.filter((s) => s.op !== 'keep');
    expect(left.map((s) => `${s.op} ${s.kind}`)).toEqual(['create workflow', 'create trigger']);
    await t.e.fetch('/_switchboard/faults', { method: 'DELETE' });
    await deploy(bundle, t.target);
    expect(changes((await planDeploy(bundle, t.target)).plan)).toBe(0);
    const roles = (await t.call('GET', '/api/v2/authorization/roles')).entities.filter((r: Json) =>
      String(r.name).startsWith('Switchboard presence-tag'),
    );
    expect(roles).toHaveLength(1);
    expect(
      (await t.call('GET', '/api/v2/integrations/credentials')).entities.filter((c: Json) =>
        String(c.name).startsWith('Switchboard presence-tag'),
      ),
    ).toHaveLength(1);
  });
});

describe('export', () => {
  it('round trip: export → deploy to a fresh org → export gives the same bundle', async () => {
    const a = start();
    await deploy(loadSolution('callback-prioritization'), a.target);
    const first = await exportBundle({
      client: a.target.client,
      download: a.target.upload,
      name: 'exported',
      bundle: 'callback-prioritization',
    });
    expect(first.counts).toEqual({ triggers: 1, workflows: 1, actions: 3, integrations: 1 });
    expect(JSON.stringify(first.files)).not.toMatch(/secret|\[switchboard:/i);
    await open!.auto.close();
    await open!.e.close();
    open = undefined;
    const { mkdtempSync, writeFileSync, mkdirSync, rmSync } = await import('node:fs');
    const { join, dirname } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { loadBundle } = await import('../blueprints/index.ts');
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    try {
      for (const [p, text] of Object.entries(first.files)) {
        mkdirSync(dirname(join(dir, p)), { recursive: true });
        writeFileSync(join(dir, p), text);
      }
      const b = start();
      await deploy(loadBundle(dir), b.target);
      const second = await exportBundle({
        client: b.target.client,
        download: b.target.upload,
        name: 'exported',
        bundle: 'exported',
      });
      expect(second.files).toEqual(first.files);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
