// End-to-end harness: an emulator on a real port (127.0.0.1, port 0) serving the Notifications
// websocket, a runtime consuming events through that websocket on a shared VirtualClock, and
// helpers that read the emulator's own state (analytics details, presence, routing priority).
//
// Virtual time moves only when the system has settled: every event the emulator published on a
// subscribed topic has been received over the socket and dispatched, and no run is executing.
import { topicTemplate, VirtualClock } from '../../src/core/index.ts';
import { DEMO, createEmulator } from '../../src/emulator/index.ts';
import type { Emulator, ListeningEmulator } from '../../src/emulator/index.ts';
import type { LoadedBundle } from '../../src/blueprints/index.ts';
import { createRuntime, sourceTopics } from '../../src/runtime/index.ts';
import type { Runtime, RuntimeOptions } from '../../src/runtime/index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = any;

export interface E2E {
  readonly clock: VirtualClock;
  readonly emulator: Emulator;
  readonly server: ListeningEmulator;
  runtime: Runtime;
  /** Events the emulator published on the topics the runtime's websocket source subscribes. */
  published(): number;
  settle(): Promise<void>;
  /** Let `ms` of virtual time pass, settling after every timer that fires. */
  pass(ms: number): Promise<void>;
  sim(path: string, body?: unknown): Promise<Body>;
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Body }>;
  details(conversationId: string): Promise<Body>;
  presence(userId: string): Promise<string>;
  setPresence(userId: string, definitionId: string): Promise<void>;
  /** A new runtime on the same emulator (the old one must be stopped). */
  restart(extra?: Partial<RuntimeOptions>): Promise<Runtime>;
  close(): Promise<void>;
}

const tick = (ms = 1): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Start an emulator on a real port and a runtime reading its websocket. */
export async function startE2E(bundles: readonly LoadedBundle[], extra: Partial<RuntimeOptions> = {}): Promise<E2E> {
  const clock = new VirtualClock();
  const emulator = createEmulator({ clock, rateLimitPerMinute: 0 });
  const server = await emulator.listen(0, '127.0.0.1');
  let templates = new Set<string>();
  let published = 0;
  emulator.services.events.subscribe(emulator.orgId, (e) => {
    if (templates.has(topicTemplate(e.topicName))) published++;
  });
  const make = async (more: Partial<RuntimeOptions>): Promise<Runtime> => {
    // The websocket source: these tests drive virtual time, which an EventBridge destination's real-time retries do not follow.
    const runtime = await createRuntime({
      target: { kind: 'emulator-url', url: server.url },
      eventSource: 'websocket',
      bundles,
      clock,
      ...extra,
      ...more,
    });
    const topics = sourceTopics(
      runtime.triggers().map((t) => t.topicName),
      true,
    );
    templates = new Set([...topics.required, ...topics.extra]);
    await runtime.start();
    return runtime;
  };
  const admin = emulator.adminToken();
  const api = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Body }> => {
    const res = await fetch(`${server.url}${path}`, {
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
  const h: E2E = {
    clock,
    emulator,
    server,
    runtime: await make({}),
    published: () => published,
    async settle() {
      let stableFor = 0;
      for (let i = 0; i < 5_000; i++) {
        await h.runtime.idle();
        const s = h.runtime.stats();
        const done = s.eventsReceived + s.eventsRejected >= published && s.pendingIngests === 0 && s.activeRuns === 0;
        stableFor = done ? stableFor + 1 : 0;
        if (stableFor >= 3) return;
        await tick(done ? 1 : 2);
      }
      throw new Error(
        `the system did not settle: published ${published}, runtime ${JSON.stringify(h.runtime.stats())}`,
      );
    },
    async pass(ms) {
      const target = clock.now() + ms;
      await h.settle();
      for (;;) {
        const due = clock.nextDue();
        if (due === undefined || due > target) break;
        await clock.advanceTo(due);
        await h.settle();
      }
      await clock.advanceTo(target);
      await h.settle();
    },
    async sim(path, body = {}) {
      const r = await api('POST', `/_switchboard/simulator${path}`, body);
      if (r.status >= 300) throw new Error(`simulator ${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    api,
    async details(id) {
      const r = await api('GET', `/api/v2/analytics/conversations/${id}/details`);
      if (r.status !== 200) throw new Error(`details ${id}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
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
    async restart(more = {}) {
      h.runtime = await make(more);
      return h.runtime;
    },
    async close() {
      await h.runtime.stop({ graceMs: 1_000 });
      await emulator.close();
    },
  };
  return h;
}

export { DEMO };
