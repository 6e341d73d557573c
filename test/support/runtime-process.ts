// One runtime process of a multi-process test: a runtime on a Postgres database, events pushed to
// its POST /events on a real port, and one code-first workflow whose side effects are HTTP calls
// to the test's recorder: "before", a sleep (a durable timer), "slow" (held open by the
// recorder, so the run is leased while it waits), "after". Configured by environment:
// SB_DB (postgres URL), SB_EMULATOR (emulator URL), SB_RECORDER (recorder URL), SB_LEASE_MS,
// SB_SLEEP_MS. Prints `ready <port>` once serving; SIGTERM stops it.
import { createAdaptorServer } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { SystemClock } from '../../src/core/index.ts';
import { createRuntime, runtimeApi } from '../../src/runtime/index.ts';
import { openPostgresStore } from '../../src/store/index.ts';
import { defineTrigger } from '../../src/triggers/index.ts';
import { defineWorkflow } from '../../src/workflows/index.ts';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};
const recorder = env('SB_RECORDER');
const sleepMs = Number(process.env.SB_SLEEP_MS ?? 1500);

async function effect(kind: string, runId: string, key: unknown): Promise<string> {
  const res = await fetch(`${recorder}/effect`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind, runId, key, pid: process.pid }),
  });
  if (!res.ok) throw new Error(`recorder answered ${res.status}`);
  return kind;
}

const workflow = defineWorkflow({ name: 'wait-and-call' }, async ({ input, step, run }) => {
  const key = (input as { conversationId?: unknown }).conversationId;
  await step.run('before', () => effect('before', run.id, key));
  await step.sleep('wait', `${sleepMs}ms`);
  await step.run('slow', () => effect('slow', run.id, key));
  return step.run('after', () => effect('after', run.id, key));
});

const trigger = defineTrigger({
  id: 'on-user-start',
  name: 'User start',
  enabled: true,
  topicName: 'v2.detail.events.conversation.{id}.user.start',
  target: { id: 'wait-and-call', type: 'Workflow' },
  matchCriteria: [{ jsonPath: 'mediaType', operator: 'Equal', value: 'VOICE' }],
});

const clock = new SystemClock();
const store = await openPostgresStore({ url: env('SB_DB'), clock });
const runtime = await createRuntime({
  target: { kind: 'emulator-url', url: env('SB_EMULATOR') },
  eventSource: 'push',
  bundles: [],
  workflows: [workflow],
  codeTriggers: [{ trigger, workflow: 'wait-and-call' }],
  store,
  clock,
  leaseMs: Number(process.env.SB_LEASE_MS ?? 3000),
  invocationLimits: { perMinute: 0, perHour: 0 },
});
await runtime.start();
const server = createAdaptorServer({ fetch: runtimeApi(runtime).fetch });
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
process.stdout.write(`ready ${(server.address() as AddressInfo).port}\n`);
process.once('SIGTERM', () => {
  server.close();
  void runtime
    .stop({ graceMs: 1000 })
    .then(() => store.close())
    .then(() => process.exit(0));
});
