// The emulator's answers have the shapes of the official SDK's models. Every operation a provider
// models (computed from the registered routes, as docs/emulator-coverage.md is) is sent through
// `purecloud-platform-client-v2`, unchanged, to the emulator on a real port; each JSON answer is
// compared field by field with the response model of the SDK's index.d.ts: a field the model lacks,
// a field of the wrong type, a null, or a required field missing fails. An operation the plan below
// does not reach fails too, so a newly modeled route needs its entry here.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import platformClient from 'purecloud-platform-client-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverage, platformCatalogue } from '../src/emulator/catalogue/index.ts';
import type { CatalogueRow } from '../src/emulator/catalogue/index.ts';
import { createEmulator, DEMO } from '../src/emulator/index.ts';
import type { Emulator, ListeningEmulator } from '../src/emulator/index.ts';
import { createRuntime } from '../src/runtime/index.ts';
import type { Runtime } from '../src/runtime/index.ts';
import { defineWorkflow } from '../src/workflows/index.ts';
import { checkAgainstModel, readSdkModels } from './support/sdk-models.ts';
import { CHANGE, CREATE } from './support/sdk-call-plan.ts';
import type { Call, Ids } from './support/sdk-call-types.ts';

const SDK_DTS = readFileSync(
  join(dirname(createRequire(import.meta.url).resolve('purecloud-platform-client-v2/package.json')), 'index.d.ts'),
  'utf8',
);

/** Whether the SDK method takes its body in `opts.body` (e.g. `postIntegrations(opts)`): it has no positional argument besides the path parameters. */
function bodyInOpts(row: CatalogueRow): boolean {
  const sig = new RegExp(`\\n\\s+${row.operationId}\\(([^)]*)\\): Promise`).exec(SDK_DTS);
  const positional = (sig?.[1] ?? '').split(',').filter((p) => p.trim() !== '' && !/^\s*opts\?:/.test(p));
  return positional.length === [...row.path.matchAll(/\{\w+\}/g)].length;
}

/** Path parameters a GET takes from what exists. */
function pathValue(name: string, ids: Ids): string | undefined {
  const fixed: Ids = {
    userId: DEMO.users.alice,
    queueId: DEMO.queues.support,
    groupId: DEMO.groups.pickup,
    stationId: DEMO.stations.alice,
    presenceId: DEMO.presences.lunch,
    definitionId: DEMO.presences.lunch,
    skillId: DEMO.skills.billing,
    languageId: DEMO.languages.spanish,
    codeId: DEMO.wrapupCodes.followUp,
    topicName: 'v2.detail.events.conversation.{id}.user.start',
    divisionId: DEMO.divisionId,
  };
  return ids[name] ?? fixed[name];
}

const FILE_NAMES: Record<string, string> = {
  getIntegrationsActionSchema: 'inputschema.json',
  getIntegrationsActionDraftSchema: 'successschema.json',
  getIntegrationsActionTemplate: 'requesttemplate.vm',
  getIntegrationsActionDraftTemplate: 'successtemplate.vm',
};

let emulator: Emulator;
let server: ListeningEmulator;
let runtime: Runtime;
const models = readSdkModels();
let modeled: readonly CatalogueRow[];
const results = new Map<string, { status: 'ok' | 'error'; violations: string[]; detail?: string }>();

beforeAll(async () => {
  emulator = createEmulator({
    statePath: ':memory:',
    adminClient: { id: 'contract-client', secret: 'contract-secret' },
    rateLimitPerMinute: 0,
  });
  runtime = await createRuntime({
    target: { kind: 'emulator', emulator },
    bundles: [],
    workflows: [defineWorkflow({ name: 'contract-flow' }, async () => ({ done: true }))],
  });
  await runtime.start();
  server = await emulator.listen(0, '127.0.0.1');
  const client = platformClient.ApiClient.instance;
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: server.port });
  await client.loginClientCredentialsGrant('contract-client', 'contract-secret');
  modeled = coverage(platformCatalogue(), emulator.routes).modeled;

  const byOp = new Map(modeled.map((r) => [r.operationId, r]));
  const integrationClient = emulator.createClient({
    name: 'contract data actions',
    permissions: ['directory:user:view'],
  });
  const ids: Ids = { clientId: integrationClient.clientId, clientSecret: integrationClient.clientSecret };
  const send = async (row: CatalogueRow, call?: Call): Promise<void> => {
    const own = call?.params?.(ids) ?? {};
    const args: unknown[] = [];
    for (const [, name] of row.path.matchAll(/\{(\w+)\}/g)) {
      const value =
        own[name!] ?? (name === 'fileName' ? FILE_NAMES[row.operationId] : undefined) ?? pathValue(name!, ids);
      if (value === undefined) {
        results.set(row.operationId, {
          status: 'error',
          violations: [],
          detail: `no value for path parameter ${name}`,
        });
        return;
      }
      args.push(value);
    }
    args.push(...(call?.args?.(ids) ?? []));
    const opts: Record<string, unknown> = { ...call?.opts?.(ids) };
    if (row.requestModel) {
      if (bodyInOpts(row)) opts.body = call?.body?.(ids) ?? {};
      else args.push(call?.body?.(ids) ?? {});
    }
    args.push(opts);
    const Api = (
      platformClient as unknown as Record<string, new () => Record<string, (...a: unknown[]) => Promise<unknown>>>
    )[row.sdkClasses[0]!]!;
    const api = new Api();
    const client = platformClient.ApiClient.instance;
    const adminToken = (client as unknown as { authData: { accessToken: string } }).authData.accessToken;
    if (call?.asUser) client.setAccessToken(emulator.issueUserToken(call.asUser));
    try {
      const res = await api[row.operationId]!(...args).finally(() => client.setAccessToken(adminToken));
      await call?.capture?.(res, ids);
      results.set(row.operationId, { status: 'ok', violations: conformance(row, res) });
      if (row.operationId === 'postConversationsCallsUserUserId') await afterCall(ids);
    } catch (e) {
      const err = e as { status?: number; body?: unknown; message?: string };
      results.set(row.operationId, {
        status: 'error',
        violations: [],
        detail: `${err.status ?? ''} ${JSON.stringify(err.body ?? err.message)}`.slice(0, 400),
      });
    }
  };
  // A call waiting in a queue, so that observations carry details.
  const waiting = await emulator.fetch('/_switchboard/simulator/inbound-calls', {
    method: 'POST',
    headers: { Authorization: `Bearer ${emulator.adminToken()}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ ani: '+13175550101', queueId: DEMO.queues.support, customerName: 'Waiting Customer' }),
  });
  expect(waiting.status).toBe(201);
  for (const call of CREATE) if (byOp.has(call.op)) await send(byOp.get(call.op)!, call);
  if (ids.callbackId) {
    const cb = await new platformClient.ConversationsApi().getConversationsCallback(ids.callbackId);
    ids.callbackParticipantId =
      cb.participants?.find((p) => p.purpose === 'customer')?.id ?? cb.participants?.[0]?.id ?? '';
  }
  const listed = new Set([...CREATE, ...CHANGE].map((c) => c.op));
  for (const row of modeled)
    if (!listed.has(row.operationId) && (row.method === 'GET' || row.method === 'HEAD')) await send(row);
  for (const call of CHANGE) if (byOp.has(call.op)) await send(byOp.get(call.op)!, call);
}, 120_000);

/** The call's participants, for the participant routes. */
async function afterCall(ids: Ids): Promise<void> {
  await new Promise((r) => setTimeout(r, 50));
  const conv = await new platformClient.ConversationsApi().getConversation(ids.conversationId!);
  ids.participantId = conv.participants?.[0]?.id ?? '';
  const insights = await emulator.fetch(`/_switchboard/conversations/${ids.conversationId!}/insights`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${emulator.adminToken()}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      summary: { text: 'Customer asked for a refund.', reason: 'Refund', resolution: 'Refund issued', confidence: 0.9 },
      sentimentScore: 0.4,
      sentimentTrend: 0.2,
      sentimentTrendClass: 'SlightlyImproving',
      empathyScores: [{ userId: DEMO.users.bob, score: 80 }],
    }),
  });
  expect(insights.status).toBe(200);
}

function conformance(row: CatalogueRow, res: unknown): string[] {
  const model = row.responseModel;
  if (!model || model === 'object') return [];
  // Genesys answers these (e.g. a disconnect, a tags update) 202 with an empty body, though the SDK types a string.
  if (model === 'string')
    return res === undefined || res === '' || typeof res === 'string'
      ? []
      : [`$: ${typeof res}, the model says string`];
  if (model.endsWith('[]'))
    return Array.isArray(res)
      ? res.flatMap((v, i) => checkAgainstModel(models, model.slice(0, -2), v, `$[${i}]`))
      : ['$: not an array'];
  return checkAgainstModel(models, model, res);
}

afterAll(async () => {
  await runtime?.stop();
  await emulator?.close();
});

describe('the emulator against the SDK models', () => {
  it('reaches every modeled operation through the SDK, and each answers a success', () => {
    expect(modeled.length).toBeGreaterThan(80);
    const missing = modeled
      .filter((r) => !results.has(r.operationId))
      .map((r) => `${r.method} ${r.path} ${r.operationId}`);
    expect(missing).toEqual([]);
    const failed = [...results].filter(([, r]) => r.status === 'error').map(([op, r]) => `${op}: ${r.detail}`);
    expect(failed).toEqual([]);
  });

  it('answers with the fields and types of the response models', () => {
    const bad = [...results].flatMap(([op, r]) => r.violations.map((v) => `${op} ${v}`));
    expect(bad).toEqual([]);
  });

  it('the checker itself finds an unknown field, a wrong type, a null and a missing required field', () => {
    expect(checkAgainstModel(models, 'User', { id: 'u', version: 1 })).toEqual([]);
    expect(
      checkAgainstModel(models, 'User', {
        id: 'u',
        version: '1',
        nickname: 'x',
        manager: null,
        addresses: [{ address: 5 }],
      }),
    ).toEqual([
      '$.version: a string ("1"), the model says number',
      '$.nickname: not a field of User',
      "$.manager: null (the SDK's models have no null; omit the field)",
      '$.addresses[0].address: a number (5), the model says string',
    ]);
    expect(checkAgainstModel(models, 'User', { id: 'u' })).toEqual(['$.version: required by User, missing']);
  });
});
