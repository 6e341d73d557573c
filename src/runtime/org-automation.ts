/**
 * @module
 * What is deployed to an emulator runs there, as in a Genesys Cloud org: its process-automation
 * service evaluates the org's triggers (`/api/v2/processautomation/triggers`) on the org's own
 * events, and its Architect runs the flows published through Architect jobs with Switchboard's
 * engines — the trigger index and dispatcher, the durable workflow worker, the Architect
 * interpreter and the data-action executor — calling the org's published data actions as their
 * integrations' OAuth clients. Each execution is recorded in the org's flow execution history
 * (`POST /api/v2/flows/instances/query`, `GET /api/v2/flows/executions/{id}`), and
 * `POST /api/v2/flows/executions` launches a published workflow. No runtime process is involved.
 *
 * The emulator may not import these engines (test/architecture.test.ts), so they are attached to
 * it: `createEmulator({ automation: orgAutomation() })` (what `switchboard emulator` does), or
 * `attachOrgAutomation(emulator)` after creation. Runs are kept in memory unless a store is given,
 * so an emulator restarted from its state file starts with an empty execution history. A flow
 * republished while a run of it waits keeps running the version it started with, as in Genesys.
 */
import { SwitchboardError, silentLogger, topicTemplate } from '../core/index.ts';
import type { Fetch } from '../core/index.ts';
import { formatIssue, importArchyYaml, platformPermissions } from '../architect/index.ts';
import type { FlowIssue } from '../architect/index.ts';
import {
  attachArchitectEngine,
  attachFlowLauncher,
  deployedFlows,
  flowLauncherOf,
  listTriggers,
  orgDataActions,
  recordFlowExecution,
} from '../emulator/index.ts';
import type { DeployedFlowRecord, Emulator, EmulatorAutomation, FlowLauncher } from '../emulator/index.ts';
import { createGenesysClient } from '../genesys/index.ts';
import { createMemoryStore } from '../store/index.ts';
import type { RunRecord, Store } from '../store/index.ts';
import { TriggerIndex } from '../triggers/index.ts';
import { architectWorkflow, createHistory, createWorker } from '../workflows/index.ts';
import type { EnqueueOptions, RunDetail, RunSummary, Worker, WorkflowDefinition } from '../workflows/index.ts';
import { IN_PROCESS_BASE_URL } from './credentials.ts';
import { createDispatcher } from './dispatch.ts';
import type { DispatchCounters, Route } from './dispatch.ts';
import { RuntimeErrors } from './errors.ts';
import { toFlowExecution } from './flow-launcher.ts';
import { GENESYS_INVOCATION_LIMITS, createInvocationLimiter } from './invocation-limits.ts';
import type { InvocationLimits } from './invocation-limits.ts';
import { orgActionInvoker } from './org-actions.ts';

/** Options of {@link attachOrgAutomation}. */
export interface OrgAutomationOptions {
  /** Where runs are journaled (default: in memory). */
  readonly store?: Store;
  /** Runs executing at once per published flow version (default 16). */
  readonly concurrency?: number;
  /** The org's workflow-invocation limits (default Genesys's, platform.md §1.6). */
  readonly invocationLimits?: Partial<InvocationLimits>;
}

/** The org's automation, attached to an emulator. */
export interface OrgAutomation {
  /** Resolves once no event is being dispatched and no run is executing or due now. */
  idle(): Promise<void>;
  /** The runs started so far, newest first (the Platform API shows them as flow executions). */
  runs(): Promise<readonly RunSummary[]>;
  run(id: string): Promise<RunDetail | undefined>;
  /** Stop evaluating triggers and running flows; detach from the emulator. */
  close(): Promise<void>;
}

/** A published flow version, ready to run. */
interface FlowVersion {
  readonly flowId: string;
  readonly version: number;
  readonly name: string;
  readonly def: WorkflowDefinition;
  readonly worker: Worker;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** What is wrong with a workflow file, as Architect's publish would say (empty: it publishes). */
function publishIssues(content: string, dataActions: readonly string[]): string[] {
  try {
    importArchyYaml(content, { dataActions });
    return [];
  } catch (e) {
    const issues = (e as SwitchboardError).details?.issues as FlowIssue[] | undefined;
    return issues && issues.length > 0 ? issues.map(formatIssue) : [(e as Error).message];
  }
}

/**
 * Run what is deployed to an emulator's org there.
 * @example
 * const emulator = createEmulator();
 * const automation = attachOrgAutomation(emulator);
 * // deploy triggers, data actions and workflows through the Platform API, place a call…
 * await automation.close();
 */
export function attachOrgAutomation(emulator: Emulator, options: OrgAutomationOptions = {}): OrgAutomation {
  const services = emulator.services;
  const { clock, ids } = services;
  const logger = (services.logger ?? silentLogger).child({ component: 'org-automation' });
  const org = services.org(emulator.orgId);
  const store = options.store ?? createMemoryStore();
  const history = createHistory(store);
  const invoker = orgActionInvoker(emulator, { clock, ids });
  const limiter = createInvocationLimiter({ ...GENESYS_INVOCATION_LIMITS, ...options.invocationLimits });
  const counters: DispatchCounters = {
    eventsReceived: 0,
    eventsRejected: 0,
    runsStarted: 0,
    runsDelayed: 0,
    droppedTtl: 0,
    duplicates: 0,
    rateLimited: 0,
  };
  const versions = new Map<string, FlowVersion>();
  const byDefinition = new Map<WorkflowDefinition, FlowVersion>();
  let closed = false;
  let pending = 0;
  let waiters: (() => void)[] = [];

  const genesysFor = (flow: DeployedFlowRecord, permissions: readonly string[]): Fetch => {
    let fetch: Fetch | undefined;
    return (input, init) => {
      // The org's own authority for Find User, Get Participant Data…: exactly the permissions those actions need.
      fetch ??= (() => {
        const c = emulator.createClient({ name: `Architect: ${flow.name}`, permissions: [...permissions] });
        return createGenesysClient({
          baseUrl: IN_PROCESS_BASE_URL,
          clientId: c.clientId,
          clientSecret: c.clientSecret,
          fetch: emulator.fetch,
          clock,
          logger,
        }).fetch;
      })();
      return fetch(input, init);
    };
  };

  /** The runnable form of a published flow version, built on first use; throws when it cannot run. */
  const versionOf = (flow: DeployedFlowRecord): FlowVersion => {
    const key = `${flow.id}@${flow.version}`;
    const known = versions.get(key);
    if (known) return known;
    let parsed;
    try {
      parsed = importArchyYaml(flow.content, { file: `${flow.name} (flow ${flow.id} version ${flow.version}.0)` });
    } catch (e) {
      throw new SwitchboardError(
        RuntimeErrors.SB_RUNTIME_CONFIG,
        `flow ${flow.id} (${flow.name}) version ${flow.version}.0 cannot run: ${(e as Error).message}`,
        { details: { flowId: flow.id } },
      );
    }
    const permissions = platformPermissions(parsed);
    const def = architectWorkflow(parsed, {
      name: key,
      ...(permissions.length > 0 ? { genesys: genesysFor(flow, permissions) } : {}),
    });
    const worker = createWorker({
      store,
      workflows: [def],
      invoker,
      clock,
      ids,
      logger,
      concurrency: options.concurrency ?? 16,
    });
    const v: FlowVersion = { flowId: flow.id, version: flow.version, name: flow.name, def, worker };
    versions.set(key, v);
    byDefinition.set(def, v);
    return v;
  };

  const conversationOf = (input: unknown): string | undefined => {
    const i = input as { conversationId?: unknown; jsonData?: { conversationId?: unknown } } | undefined;
    const id = i?.conversationId ?? i?.jsonData?.conversationId;
    return typeof id === 'string' && id !== '' ? id : undefined;
  };

  const enqueue = async (workflow: WorkflowDefinition, input: unknown, opts: EnqueueOptions): Promise<RunRecord> => {
    const v = byDefinition.get(workflow);
    if (!v)
      throw new SwitchboardError(
        RuntimeErrors.SB_RUNTIME_NOT_FOUND,
        `workflow ${workflow.name} is not a published flow version`,
      );
    const run = await v.worker.enqueue(workflow.name, input, opts);
    if (run.id === opts.runId) {
      const conversationId = conversationOf(input);
      recordFlowExecution(org, {
        id: run.id,
        flowId: v.flowId,
        name: `${v.name} ${iso(run.createdAt)}`,
        flowVersion: `${v.version}.0`,
        dateLaunched: iso(run.createdAt),
        clientId: 'processautomation',
        ...(conversationId ? { conversationId } : {}),
      });
    }
    return run;
  };

  let routing: { key: string; dispatch: ReturnType<typeof createDispatcher> } | undefined;
  /** The dispatcher of the org's triggers as they are now (rebuilt when a trigger or a flow changes). */
  const dispatcher = (): ReturnType<typeof createDispatcher> => {
    const triggers = listTriggers(org);
    const flows = deployedFlows(org);
    const key = `${triggers.map((t) => `${t.id}:${t.version}`).join(',')}|${flows.map((f) => `${f.id}:${f.version}`).join(',')}`;
    if (routing?.key === key) return routing.dispatch;
    const index = new TriggerIndex();
    const routes = new Map<string, Route>();
    for (const t of triggers) {
      const flow =
        t.target.type === 'Workflow' ? flows.find((f) => f.id === t.target.id && f.type === 'WORKFLOW') : undefined;
      if (!flow) {
        logger.debug(
          { triggerId: t.id, target: t.target.id },
          'trigger targets no published workflow; it starts nothing',
        );
        continue;
      }
      try {
        const v = versionOf(flow);
        index.add(t);
        routes.set(t.id, { trigger: t, workflow: v.def, bundle: undefined });
      } catch (e) {
        logger.warn({ triggerId: t.id, err: (e as Error).message }, 'trigger cannot start its workflow');
      }
    }
    const templates = new Set(index.all().map((t) => t.topicName));
    const dispatch = createDispatcher({
      store,
      index,
      routes,
      clock,
      ids,
      logger,
      counters,
      limiter,
      enqueue,
      listens: (topic) => templates.has(topicTemplate(topic)),
      emit: () => undefined,
    });
    routing = { key, dispatch };
    return dispatch;
  };

  const track = (p: Promise<unknown>): void => {
    pending++;
    void p
      .catch((e: unknown) => logger.error({ err: (e as Error).message }, 'dispatching an event failed'))
      .finally(() => {
        pending--;
        if (pending === 0) {
          const w = waiters;
          waiters = [];
          for (const f of w) f();
        }
      });
  };
  const unsubscribe = services.events.subscribe(emulator.orgId, (event) => {
    if (!closed) track(dispatcher()(event, 'processautomation'));
  });

  const previous = flowLauncherOf(services);
  const launcher: FlowLauncher = {
    ...(previous?.flows ? { flows: (orgId: string) => previous.flows!(orgId) } : {}),
    async launch(orgId, flowId, inputData, context) {
      const flow = deployedFlows(org).find((f) => f.id === flowId);
      if (!flow) {
        if (previous) return previous.launch(orgId, flowId, inputData, context);
        throw new SwitchboardError(
          RuntimeErrors.SB_RUNTIME_NOT_FOUND,
          `flow ${flowId} is not a published workflow of this org`,
        );
      }
      const v = versionOf(flow);
      const run = await v.worker.enqueue(v.def.name, inputData);
      return { executionId: run.id };
    },
    async status(orgId, executionId) {
      const run = await history.getRun(executionId, clock.now());
      if (!run) return previous?.status(orgId, executionId);
      // The emulator's launch record names the execution and its version.
      const { name: _name, ...rest } = toFlowExecution(run);
      return rest;
    },
  };
  attachFlowLauncher(services, launcher);
  attachArchitectEngine(services, {
    check: (content) =>
      /^\s*workflow\s*:/m.test(content)
        ? publishIssues(
            content,
            orgDataActions(org).map((a) => a.name),
          )
        : [],
  });

  const automation: OrgAutomation = {
    async idle() {
      for (;;) {
        if (pending > 0) await new Promise<void>((resolve) => waiters.push(resolve));
        await Promise.all([...versions.values()].map((v) => v.worker.idle()));
        if (pending === 0) return;
      }
    },
    runs: () => history.listRuns({}, clock.now()),
    run: (id) => history.getRun(id, clock.now()),
    async close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      if (flowLauncherOf(services) === launcher) attachFlowLauncher(services, previous);
      attachArchitectEngine(services, undefined);
      if (pending > 0) await new Promise<void>((resolve) => waiters.push(resolve));
      await Promise.all(
        [...versions.values()].map(async (v) => {
          const grace = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000).unref());
          if (
            (await Promise.race([v.worker.stop({ graceful: true }).then(() => 'done' as const), grace])) === 'timeout'
          )
            await v.worker.stop({ graceful: false });
        }),
      );
      if (!options.store) await store.close();
    },
  };
  return automation;
}

/**
 * The automation of an emulator, to give `createEmulator({ automation })`: attached at creation,
 * closed with the emulator.
 * @example
 * const emulator = createEmulator({ automation: orgAutomation() });
 */
export function orgAutomation(options: OrgAutomationOptions = {}): EmulatorAutomation {
  return (emulator) => attachOrgAutomation(emulator, options);
}
