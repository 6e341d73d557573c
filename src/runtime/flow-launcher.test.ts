// The emulator's flow-execution routes launch the runtime's workflows (platform.md §4.8).
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../core/index.ts';
import { loadSolution } from '../blueprints/index.ts';
import { DEMO, createEmulator } from '../emulator/index.ts';
import { createRuntime } from './create-runtime.ts';
import { flowIdOf } from './flow-launcher.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function setup(): Promise<{
  emulator: ReturnType<typeof createEmulator>;
  runtime: Awaited<ReturnType<typeof createRuntime>>;
  token: string;
}> {
  const clock = new VirtualClock();
  const emulator = createEmulator({ clock, rateLimitPerMinute: 0 });
  cleanup.push(() => emulator.close());
  const runtime = await createRuntime({
    target: { kind: 'emulator', emulator },
    bundles: [loadSolution('terminate-no-queue')],
    clock,
  });
  cleanup.push(() => runtime.stop());
  await runtime.start();
  return { emulator, runtime, token: emulator.adminToken() };
}

describe('flow executions through the emulator', () => {
  it('lists the runtime workflows and runs one launched through POST /api/v2/flows/executions', async () => {
    const { emulator, runtime, token } = await setup();
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const flows = await (await emulator.fetch('/api/v2/flows?type=workflow', { headers: auth })).json();
    const names = flows.entities.map((f: { name: string }) => f.name) as string[];
    expect(names.length).toBeGreaterThan(0);
    const name = names[0]!;
    const flowId = flows.entities[0].id as string;
    expect(flowId).toBe(flowIdOf(name));

    // A call on behalf of a queue: the trigger does not fire, so only the launch can end it.
    const sim = await emulator.fetch('/_switchboard/simulator/calls', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        fromUserId: DEMO.users.bob,
        to: { phoneNumber: '+13175550100' },
        queueId: DEMO.queues.support,
      }),
    });
    const conv = await sim.json();
    await runtime.idle();
    expect(await runtime.runs()).toEqual([]);

    const launch = await emulator.fetch('/api/v2/flows/executions', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ flowId, inputData: { conversationId: conv.id } }),
    });
    expect(launch.status).toBeLessThan(300);
    const launched = await launch.json();
    await runtime.idle();

    const execution = await (await emulator.fetch(`/api/v2/flows/executions/${launched.id}`, { headers: auth })).json();
    expect(execution).toMatchObject({ id: launched.id, status: 'COMPLETED', name });
    const details = await (
      await emulator.fetch(`/api/v2/analytics/conversations/${conv.id}/details`, { headers: auth })
    ).json();
    expect(details.externalTag).toBe('No Queue');
  });

  it('answers 404 for a flow id the runtime does not run, and 501 once the runtime stopped', async () => {
    const { emulator, runtime, token } = await setup();
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const unknown = await emulator.fetch('/api/v2/flows/executions', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ flowId: flowIdOf('no such flow'), inputData: {} }),
    });
    expect(unknown.status).toBe(404);
    await runtime.stop();
    const detached = await emulator.fetch('/api/v2/flows/executions', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ flowId: flowIdOf('x'), inputData: {} }),
    });
    expect(detached.status).toBe(501);
  });
});
