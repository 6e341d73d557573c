// One Architect flow on the durable engine against an in-process emulator: the flow is wrapped by
// `architectWorkflow`, its runs live in a SQLite store in a temp dir, a worker executes them on a
// VirtualClock the emulator shares (so the simulator's ringing, answering and wrap-up timers and
// the flow's waits move together), and every data action is executed by the real data-action
// engine with an OAuth client of the emulator. Runs are started with the workflow inputs a
// TopLevelPrimitives trigger would hand over for a detail event the emulator really published.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executeAction } from '../../src/actions/index.ts';
import type { CompiledAction } from '../../src/actions/index.ts';
import type { Flow, StepRecord as FlowStep } from '../../src/architect/index.ts';
import { VirtualClock, seededIds, silentLogger } from '../../src/core/index.ts';
import type { NotificationEvent } from '../../src/core/index.ts';
import { DEMO, createEmulator } from '../../src/emulator/index.ts';
import type { Emulator, Simulator } from '../../src/emulator/index.ts';
import { targetCredentials } from '../../src/runtime/index.ts';
import { openSqliteStore } from '../../src/store/index.ts';
import type { RunRecord, StepRecord, Store } from '../../src/store/index.ts';
import { workflowInputs } from '../../src/triggers/index.ts';
import { architectWorkflow, createWorker } from '../../src/workflows/index.ts';
import type { ActionInvoker, ArchitectRunOutput, Worker } from '../../src/workflows/index.ts';

// Genesys response bodies are read field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = any;

/** A finished (or waiting) run as the store holds it, with the Architect output and the journal. */
interface RunView {
  readonly record: RunRecord;
  readonly output: ArchitectRunOutput | undefined;
  readonly journal: readonly StepRecord[];
  /** The flow's path, one `type:label→outcome` per step; a data action is labelled by its name. */
  readonly path: readonly string[];
}

export interface FlowHarness {
  readonly clock: VirtualClock;
  readonly emulator: Emulator;
  readonly sim: Simulator;
  readonly store: Store;
  readonly worker: Worker;
  /** The workflow inputs of the newest detail event `<kind>` of a conversation (and user). */
  inputsOf(conversationId: string, kind: string, userId?: string): Record<string, unknown>;
  /** Start a run of the flow with these inputs; resolves with its id once it has run as far as it can. */
  start(inputs: Record<string, unknown>): Promise<string>;
  /** Let `ms` of virtual time pass, letting the worker finish its work after every timer. */
  pass(ms: number): Promise<void>;
  run(id: string): Promise<RunView>;
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Body }>;
  presence(userId: string): Promise<string>;
  setPresence(userId: string, definitionId: string): Promise<void>;
  /** The conversation as `GET /api/v2/conversations/calls/{id}` (or `/callbacks/{id}`) shows it. */
  conversation(id: string, media?: 'calls' | 'callbacks'): Promise<Body>;
  close(): Promise<void>;
}

function label(step: FlowStep): string {
  const name = step.type === 'callData' ? String(step.detail?.dataAction) : step.type;
  return `${name}${step.outcome ? `→${step.outcome}` : ''}`;
}

/** Start the harness for one flow and the data actions it may call (by name). */
export async function flowHarness(flow: Flow, actions: ReadonlyMap<string, CompiledAction>): Promise<FlowHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-published-flow-'));
  const clock = new VirtualClock();
  const ids = seededIds(7);
  const emulator = createEmulator({ clock, ids, seed: 'demo', rateLimitPerMinute: 0 });
  const events: NotificationEvent[] = [];
  const unsubscribe = emulator.services.events.subscribe(emulator.orgId, (e) => events.push(e));
  const { client } = await targetCredentials({ kind: 'emulator', emulator }, clock, silentLogger).client({
    name: `flow ${flow.name}`,
    role: 'admin',
    maxAttempts: 1,
  });
  const invoker: ActionInvoker = async (name, input, ctx) => {
    const action = actions.get(name);
    if (!action)
      return { status: 'failure', outputs: {}, error: { message: `no data action named "${name}" beside the flow` } };
    const r = await executeAction(action, input, { fetch: client.fetch, clock, timeoutMs: ctx.timeoutMs, ids });
    return {
      status: r.status,
      outputs: r.outputs,
      trace: r.trace,
      ...(r.trace.failure ? { error: { code: r.trace.failure.code, message: r.trace.failure.message } } : {}),
    };
  };
  const store = openSqliteStore({ path: join(dir, 'runs.db'), clock });
  const worker = createWorker({
    store,
    workflows: [architectWorkflow(flow)],
    invoker,
    clock,
    ids,
    logger: silentLogger,
  });
  const admin = emulator.adminToken();

  const settle = async (): Promise<void> => {
    for (let i = 0; i < 3; i++) {
      await worker.idle();
      await new Promise((r) => setImmediate(r));
    }
  };
  const api: FlowHarness['api'] = async (method, path, body) => {
    const res = await emulator.fetch(path, {
      method,
      headers: {
        Authorization: `Bearer ${admin}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  const h: FlowHarness = {
    clock,
    emulator,
    sim: emulator.simulator,
    store,
    worker,
    inputsOf(conversationId, kind, userId) {
      const topic = `v2.detail.events.conversation.${conversationId}.${kind}`;
      const found = events
        .filter((e) => e.topicName === topic && (userId === undefined || e.eventBody.userId === userId))
        .at(-1);
      if (!found)
        throw new Error(
          `the emulator published no ${kind} event for conversation ${conversationId}${userId ? ` and user ${userId}` : ''}`,
        );
      // The published triggers send no dataFormat: the platform default TopLevelPrimitives applies.
      return workflowInputs({ target: { id: flow.name, type: 'Workflow' } }, found.eventBody);
    },
    async start(inputs) {
      const run = await worker.enqueue(flow.name, inputs);
      await settle();
      return run.id;
    },
    async pass(ms) {
      const target = clock.now() + ms;
      await settle();
      for (;;) {
        const due = clock.nextDue();
        if (due === undefined || due > target) break;
        await clock.advanceTo(due);
        await settle();
      }
      await clock.advanceTo(target);
      await settle();
    },
    async run(id) {
      const record = await store.getRun(id);
      if (!record) throw new Error(`no run ${id}`);
      const output = record.output as ArchitectRunOutput | undefined;
      return { record, output, journal: await store.loadJournal(id), path: (output?.path ?? []).map(label) };
    },
    api,
    async presence(userId) {
      return (await api('GET', `/api/v2/users/${userId}/presences/purecloud`)).body.presenceDefinition
        .systemPresence as string;
    },
    async setPresence(userId, definitionId) {
      const r = await api('PATCH', `/api/v2/users/${userId}/presences/purecloud`, {
        presenceDefinition: { id: definitionId },
      });
      if (r.status !== 200) throw new Error(`presence ${userId}: ${r.status} ${JSON.stringify(r.body)}`);
    },
    async conversation(id, media = 'calls') {
      const r = await api('GET', `/api/v2/conversations/${media}/${id}`);
      if (r.status !== 200) throw new Error(`conversation ${id}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    async close() {
      await worker.stop({ graceful: false });
      unsubscribe();
      await store.close();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

export { DEMO };
