/**
 * @module
 * `createRuntime`: the composition root. Event source (emulator bus, Notifications websocket, or
 * pushed events) → event log (every event delivered) → trigger index (topics with triggers only)
 * → TTL drop / durable delayed start / start → run with
 * an idempotency key → worker executing Architect (or code-first) workflows → data actions with
 * the fetch of their integration → execution history. See docs/ARCHITECTURE.md.
 */
import { flowGraph } from './flow-graph.ts';
import { SwitchboardError, SystemClock, randomIds, silentLogger, topicTemplate } from '../core/index.ts';
import type { Logger, NotificationEvent } from '../core/index.ts';
import { memoryIdempotencyStore, placeCall } from '../outbound/index.ts';
import type { CallEventSource, OutboundDeps } from '../outbound/index.ts';
import { createMemoryStore, openSqliteStore } from '../store/index.ts';
import { createHistory, createWorker, enqueueRun, stepView, summarizeRun } from '../workflows/index.ts';
import type { Worker } from '../workflows/index.ts';
import type { Fetch } from '../core/index.ts';
import { OUTBOUND_PERMISSIONS, targetCredentials } from './credentials.ts';
import { createDispatcher, eventView } from './dispatch.ts';
import { RuntimeErrors } from './errors.ts';
import { GENESYS_INVOCATION_LIMITS, createInvocationLimiter } from './invocation-limits.ts';
import type { InvocationLimits } from './invocation-limits.ts';
import { createSharedInvocationLimiter } from './shared-invocation-limits.ts';
import { createInvoker } from './invoker.ts';
import { runtimeFlowLauncher } from './flow-launcher.ts';
import { observeStore } from './observed-store.ts';
import { bindActions, buildRoutes, bundleViews, testTrigger } from './bundle-parts.ts';
import { sourceTopics } from './source-topics.ts';
import { checkBundles, checkedEventSource, eventSourceFor, newCounters, retryPolicies } from './runtime-setup.ts';
import type { OpenSource } from './event-source.ts';
import { createThirdPartyFetch } from '../third-party/index.ts';
import type { Runtime, RuntimeHealth, RuntimeListener, RuntimeOptions, RuntimeUpdate, RuntimeStats } from './types.ts';

/** How often a worker on a store shared by several processes looks for work besides their announcements. */
const DEFAULT_SHARED_POLL_MS = 5_000;

/** Whether any invocation limit is on (the per-workflow share applies only within the per-minute one). */
function limited(limits: InvocationLimits): boolean {
  return [limits.perMinute, limits.perHour].some((n) => n > 0 && Number.isFinite(n));
}

/**
 * Create a runtime (not started: call `start()`).
 * @example
 * const emulator = createEmulator({ clock });
 * const runtime = await createRuntime({ target: { kind: 'emulator', emulator }, bundles: [loadBundle(dir)], clock, dbPath: '.switchboard/runtime.sqlite' });
 * await runtime.start();
 */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const clock = options.clock ?? new SystemClock();
  const ids = options.ids ?? randomIds;
  const logger: Logger = (options.logger ?? silentLogger).child({ component: 'runtime' });
  const eventSource = checkedEventSource(options);
  const credentials = targetCredentials(options.target, clock, logger);
  const { routes, workflows, index, restoreVersion } = buildRoutes(options, credentials);
  const bound = await bindActions(options.bundles, credentials);
  const thirdParty = createThirdPartyFetch({ ...options.thirdParty, clock });

  const retention = options.maxEvents === undefined ? {} : { maxEvents: options.maxEvents };
  const inner =
    options.store ??
    (options.dbPath ? openSqliteStore({ path: options.dbPath, clock, ...retention }) : createMemoryStore(retention));
  const ownsStore = options.store === undefined;
  const listeners = new Set<RuntimeListener>();
  const emit = (update: RuntimeUpdate): void => {
    for (const l of listeners) {
      try {
        l(update);
      } catch (e) {
        logger.warn({ err: (e as Error).message }, 'a live-update listener threw');
      }
    }
  };
  const counters = newCounters();
  const store = observeStore(inner, {
    wanted: () => listeners.size > 0,
    run: (run) => emit({ type: 'run', at: clock.now(), run: summarizeRun(run, clock.now()) }),
    step: (step, flow) =>
      emit({ type: 'step', at: clock.now(), runId: step.runId, flow: flow ?? '', step: stepView(step) }),
    settled: (status, patch) => {
      if (status === 'completed') counters.runsCompleted++;
      else if (status === 'failed') counters.runsFailed++;
      const failed = patch.failedSteps?.length ?? 0;
      if ((status === 'completed' || status === 'failed') && failed > 0) {
        counters.runsWithFailedSteps++;
        counters.failedSteps += failed;
      }
    },
    journaled: (step) => {
      if (step.kind === 'attempt') counters.actionRetries++;
    },
  });
  const history = createHistory(store);
  const codeActions =
    options.codeWorkflowActions === undefined ? undefined : bound.byBundle.get(options.codeWorkflowActions);
  if (options.codeWorkflowActions !== undefined && !codeActions) {
    throw new SwitchboardError(
      RuntimeErrors.SB_RUNTIME_CONFIG,
      `codeWorkflowActions must name a loaded bundle; "${options.codeWorkflowActions}" is not one of ${JSON.stringify(options.bundles.map((b) => b.name))}`,
      {
        details: { option: 'codeWorkflowActions' },
      },
    );
  }
  const codeNames = new Set((options.workflows ?? []).map((w) => w.name));
  const retryPolicyOf = retryPolicies(options, codeNames);
  // step.api of the code-first workflows: one client, created on first use (an admin role on an emulator).
  let codeApi: Promise<Fetch> | undefined;
  const codeGenesys: Fetch = async (input, init) => {
    codeApi ??= credentials.client({ name: 'Switchboard code-first workflows' }).then((c) => c.client.fetch);
    try {
      return await (
        await codeApi
      )(input, init);
    } catch (e) {
      codeApi = undefined;
      throw e;
    }
  };
  const invoker = createInvoker({
    actionsOf: (flow) => bound.byFlow.get(flow) ?? (codeNames.has(flow) ? codeActions : undefined),
    clock,
    ids,
    onExecuted: () => counters.actionsExecuted++,
    thirdParty: thirdParty.fetch,
  });

  let worker: Worker | undefined;
  let source: OpenSource | undefined;
  let state: 'new' | 'started' | 'stopped' = 'new';
  let stateSince = Date.now();
  let pending = 0;
  let pendingWaiters: (() => void)[] = [];

  const templates = new Set(index.all().map((t) => t.topicName));
  const limits = { ...GENESYS_INVOCATION_LIMITS, ...options.invocationLimits };
  const dispatch = createDispatcher({
    store,
    index,
    routes,
    clock,
    ids,
    logger,
    counters,
    ...(!limited(limits)
      ? {}
      : {
          limiter: store.invocations
            ? createSharedInvocationLimiter(limits, store.invocations, { clock, logger })
            : createInvocationLimiter(limits),
        }),
    listens: (topic) => templates.has(topicTemplate(topic)),
    enqueue: (workflow, input, opts) =>
      worker && state === 'started'
        ? worker.enqueue(workflow.name, input, opts)
        : enqueueRun(store, workflow, input, { ...opts, clock, ids }),
    emit: (type, event) => {
      // A logged event may be what a run waits for (step.waitForEvent).
      if (type === 'event') worker?.notifyEvent(event.topic);
      if (listeners.size > 0) emit({ type, at: clock.now(), event });
    },
  });
  const ingest = async (raw: unknown, from = 'api'): Promise<Awaited<ReturnType<typeof dispatch>>> => {
    pending++;
    try {
      return await dispatch(raw, from);
    } finally {
      pending--;
      if (pending === 0) {
        const waiters = pendingWaiters;
        pendingWaiters = [];
        for (const w of waiters) w();
      }
    }
  };

  let outbound: OutboundDeps | undefined;
  const callEvents: CallEventSource = (conversationId, listener) =>
    runtime.subscribe((u) => {
      if (u.type !== 'event' || (u.event.body as { conversationId?: unknown }).conversationId !== conversationId)
        return;
      const n: NotificationEvent = {
        topicName: u.event.topic,
        version: '2',
        eventBody: u.event.body as Record<string, unknown>,
        metadata: { CorrelationId: u.event.id },
      };
      listener(n);
    });

  const runtime: Runtime = {
    clock,
    store,
    eventSource,
    async start(startOptions = {}) {
      if (state !== 'new')
        throw new SwitchboardError(RuntimeErrors.SB_RUNTIME_STOPPED, `a runtime starts once; this one is ${state}`);
      state = 'started';
      worker = createWorker({
        store,
        workflows,
        invoker,
        clock,
        ids,
        logger,
        restoreVersion,
        retry: retryPolicyOf,
        genesys: (flow) => (codeNames.has(flow) ? codeGenesys : undefined),
        concurrency: options.concurrency ?? 64,
        ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
        // A store shared by processes announces their runs; polling stays as the fallback.
        ...(options.pollMs !== undefined
          ? { pollMs: options.pollMs }
          : store.onRunnable
            ? { pollMs: DEFAULT_SHARED_POLL_MS }
            : {}),
      });
      const topics = sourceTopics(templates, options.target.kind !== 'org');
      if (eventSource !== 'bus' && topics.omitted.length > 0)
        logger.warn(
          { omitted: topics.omitted.length },
          'more topics than one channel or destination takes; some are not subscribed',
        );
      source = await eventSourceFor(options, eventSource, credentials, clock, logger, startOptions).open({
        ingest,
        logger,
        topics,
      });
      // The embedded emulator's `POST /api/v2/flows/executions` launches this runtime's workflows.
      if (options.target.kind === 'emulator')
        options.target.emulator.attachFlowLauncher(runtimeFlowLauncher(runtime, () => workflows));
      // debug: a command's banner already says what runs.
      logger.debug({ eventSource, triggers: index.size, workflows: workflows.length }, 'runtime started');
    },
    async stop(opts = {}) {
      if (state === 'stopped') return;
      const wasStarted = state === 'started';
      state = 'stopped';
      stateSince = Date.now();
      if (wasStarted && options.target.kind === 'emulator') options.target.emulator.attachFlowLauncher(undefined);
      await source?.close();
      if (wasStarted && worker) {
        const w = worker;
        const grace = new Promise<'timeout'>((resolve) =>
          setTimeout(() => resolve('timeout'), opts.graceMs ?? 10_000).unref(),
        );
        if ((await Promise.race([w.stop({ graceful: true }).then(() => 'done' as const), grace])) === 'timeout')
          await w.stop({ graceful: false });
      }
      if (pending > 0) await new Promise<void>((resolve) => pendingWaiters.push(resolve));
      if (ownsStore) await inner.close();
      await thirdParty.close();
    },
    ingest: (event, from) => {
      // Not taken, but not refused either: a sender that retries (EventBridge) delivers it later.
      if (state === 'stopped')
        return Promise.resolve({ accepted: false, error: 'the runtime is stopped', retry: 'the runtime is stopping' });
      return ingest(event, from ?? 'api');
    },
    triggers: () =>
      [...routes.values()].map((r) => ({
        id: r.trigger.id,
        name: r.trigger.name,
        enabled: r.trigger.enabled,
        topicName: r.trigger.topicName,
        bundle: r.bundle,
        workflow: r.workflow.name,
        trigger: r.trigger,
      })),
    testTrigger: (trigger, event) => testTrigger(routes, trigger, event, clock.now()),
    runs: (filter = {}) => history.listRuns(filter, clock.now(), { failedSteps: true }),
    run: (id) => history.getRun(id, clock.now()),
    async events(filter = {}) {
      return (await store.listEvents(filter)).map(eventView);
    },
    async activity({ minutes, bucketSeconds }) {
      const bucketMs = bucketSeconds * 1000;
      // Aligned buckets, the last one holding now, so a chart polled every few seconds keeps its bars.
      const to = (Math.floor(clock.now() / bucketMs) + 1) * bucketMs;
      const from = to - Math.ceil((minutes * 60_000) / bucketMs) * bucketMs;
      return { from, to, bucketMs, buckets: await store.activity({ from, to, bucketMs }) };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    bundles: () => bundleViews(options.bundles, bound.descriptions),
    flowGraph(name) {
      const w = options.bundles.flatMap((b) => b.workflows).find((x) => x.name === name);
      return w ? flowGraph(w.flow) : undefined;
    },
    checkFindings: async () => checkBundles(options.bundles),
    async outbound() {
      if (!outbound) {
        const { client } = await credentials.client({
          name: 'Switchboard outbound',
          permissions: OUTBOUND_PERMISSIONS,
          integration: 'outbound',
        });
        outbound = { fetch: client.fetch, clock, events: callEvents, idempotency: memoryIdempotencyStore({ clock }) };
      }
      return outbound;
    },
    async placeCall(request) {
      return placeCall(await runtime.outbound(), request);
    },
    async startWorkflow(name, input, opts = {}) {
      if (!worker)
        throw new SwitchboardError(
          RuntimeErrors.SB_RUNTIME_STOPPED,
          `a workflow starts only on a started runtime; "${name}" was not started`,
        );
      const run = await worker.enqueue(
        name,
        input,
        opts.idempotencyKey === undefined ? {} : { idempotencyKey: opts.idempotencyKey },
      );
      return summarizeRun(run, clock.now());
    },
    async cancelRun(id) {
      const now = clock.now();
      const cancelled = await store.updateRun(
        id,
        { status: 'cancelled', exitReason: 'cancelled', completedAt: now, updatedAt: now },
        { ifStatus: ['pending', 'waiting'] },
      );
      const run = await history.getRun(id, now);
      if (!run)
        throw new SwitchboardError(RuntimeErrors.SB_RUNTIME_NOT_FOUND, `the run must exist; run ${id} was not found`, {
          details: { field: 'id', id },
        });
      if (!cancelled)
        throw new SwitchboardError(
          RuntimeErrors.SB_RUNTIME_RUN_STATE,
          `a run can be cancelled while it is pending or waiting; run ${id} is ${run.status}`,
          { details: { id, status: run.status } },
        );
      return run;
    },
    async rerun(id) {
      if (!worker)
        throw new SwitchboardError(
          RuntimeErrors.SB_RUNTIME_STOPPED,
          `a run starts only on a started runtime; run ${id} was not run again`,
        );
      const run = await store.getRun(id);
      if (!run)
        throw new SwitchboardError(RuntimeErrors.SB_RUNTIME_NOT_FOUND, `the run must exist; run ${id} was not found`, {
          details: { field: 'id', id },
        });
      return summarizeRun(await worker.enqueue(run.flow, run.input), clock.now());
    },
    health(): RuntimeHealth {
      const h =
        state === 'started' && source
          ? source.health()
          : {
              status: 'degraded' as const,
              reason: state === 'stopped' ? 'the runtime is stopped' : 'the runtime is not started',
              since: stateSince,
            };
      return { status: h.status, eventSource, source: { ...h, since: new Date(h.since).toISOString() } };
    },
    stats(): RuntimeStats {
      return { ...counters, pendingIngests: pending, activeRuns: worker?.active ?? 0 };
    },
    async idle() {
      for (;;) {
        if (pending > 0) await new Promise<void>((resolve) => pendingWaiters.push(resolve));
        if (worker && state === 'started') await worker.idle();
        if (pending === 0) return;
      }
    },
  };
  return runtime;
}
