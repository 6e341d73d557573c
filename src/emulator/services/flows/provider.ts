/**
 * @module
 * Architect flows and flow executions (platform.md §4.8). The emulator keeps the list of flows and
 * the launch records; running a workflow is delegated to the {@link FlowLauncher} attached to the
 * emulator (the runtime's workflow engine). Without one, launches answer 501 saying so.
 *
 * | Method | Path | Permission (ANY) |
 * |---|---|---|
 * | GET | `/api/v2/flows?type=workflow&name=&id=` | `architect:flow:view` |
 * | GET | `/api/v2/flows/{flowId}` | `architect:flow:view` |
 * | DELETE | `/api/v2/flows/{flowId}` | `architect:flow:delete` |
 * | POST | `/api/v2/flows/executions` | `architect:flow:launch` |
 * | GET | `/api/v2/flows/executions/{flowExecutionId}` | `architect:flowExecution:view` |
 * | POST | `/api/v2/flows/instances/query` | `architect:flowInstance:search` (instances.ts) |
 *
 * Flows are also published and exported by Architect jobs (jobs.ts).
 *
 * Control (no token): `PUT /_switchboard/flows/{flowId}` `{name, type?, description?, version?}`
 * registers a flow, `DELETE /_switchboard/flows/{flowId}` forgets it.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { ApiError, notFound } from '../../errors.ts';
import { pageParams, paged, readJsonObject } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv, EmulatorServices, OrgState, Provider } from '../../provider-contract.ts';
import { declareService } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { compact } from '../conversations/views.ts';
import { parseBody } from '../conversations/validate.ts';
import { EMULATOR_ORG_ID } from '../seed.ts';
import type { FlowLauncher, FlowRuntimeExecution } from './launcher.ts';
import { registerFlowInstances } from './instances.ts';
import { registerFlowJobs } from './jobs.ts';
import { flowsStore, rememberExecution } from './store.ts';
import type { FlowRecord } from './store.ts';

/** The launcher attached to an emulator (the runtime is built after its emulator, so it comes later). */
const launcherService = declareService('flow launcher', () => ({ launcher: undefined as FlowLauncher | undefined }));

/**
 * Attach (or, with `undefined`, detach) the launcher that runs this emulator's workflows.
 * @example
 * attachFlowLauncher(emulator.services, runtimeLauncher);
 */
export function attachFlowLauncher(services: EmulatorServices, launcher: FlowLauncher | undefined): void {
  services.service(launcherService).launcher = launcher;
}

/** The launcher attached to an emulator, if any. */
export function flowLauncherOf(services: EmulatorServices): FlowLauncher | undefined {
  return services.service(launcherService).launcher;
}

const FlowExecutionLaunchRequest = z
  .object({
    flowId: z.string({ error: 'flowId is required' }).min(1, 'flowId is required'),
    flowVersion: z.string().min(1).optional(),
    inputData: z.record(z.string(), z.unknown()).optional(),
    name: z.string().min(1).max(200).optional(),
  })
  .loose();

const FlowRegistration = z
  .object({
    name: z.string({ error: 'name is required' }).min(1, 'name is required'),
    type: z.string().min(1).optional(),
    description: z.string().optional(),
    version: z.string().min(1).optional(),
  })
  .loose();

const noRuntime = (what: string): ApiError =>
  new ApiError(
    501,
    'not.implemented',
    `No workflow runtime is attached to this emulator, so it cannot ${what}. Start Switchboard with its runtime (switchboard start), or create the emulator with createEmulator({ flowLauncher })`,
  );

/** Every flow the org knows: registered ones, published ones, then the launcher's (which win on the same id). */
function knownFlows(c: Context<EmulatorEnv>): Map<string, FlowRecord> {
  const org = c.get('org');
  const state = org.get(flowsStore);
  const out = new Map(Object.entries(state.flows));
  for (const f of Object.values(state.deployed ?? {})) {
    out.set(f.id, {
      id: f.id,
      name: f.name,
      type: f.type,
      version: `${f.version}.0`,
      ...(f.description === undefined ? {} : { description: f.description }),
    });
  }
  for (const f of flowLauncherOf(c.get('services'))?.flows?.(org.orgId) ?? []) {
    out.set(f.id, {
      id: f.id,
      name: f.name,
      type: (f.type ?? 'WORKFLOW').toUpperCase(),
      version: f.version ?? '1.0',
      ...(f.description === undefined ? {} : { description: f.description }),
    });
  }
  return out;
}

/** Whether flows are listed at all (then an unknown flow id is a 404). */
function listsFlows(c: Context<EmulatorEnv>): boolean {
  const state = c.get('org').get(flowsStore);
  return (
    flowLauncherOf(c.get('services'))?.flows !== undefined ||
    Object.keys(state.flows).length > 0 ||
    Object.keys(state.deployed ?? {}).length > 0
  );
}

function flowView(f: FlowRecord): Record<string, unknown> {
  return compact({
    id: f.id,
    name: f.name,
    description: f.description,
    type: f.type,
    active: true,
    system: false,
    deleted: false,
    publishedVersion: { id: f.version, name: f.version, selfUri: `/api/v2/flows/${f.id}/versions/${f.version}` },
    selfUri: `/api/v2/flows/${f.id}`,
  });
}

function nameMatches(pattern: string | undefined, name: string): boolean {
  if (pattern === undefined || pattern === '') return true;
  if (!pattern.includes('*')) return name.toLowerCase() === pattern.toLowerCase();
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return re.test(name);
}

const multi = (c: Context<EmulatorEnv>, name: string): string[] =>
  (c.req.queries(name) ?? [])
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');

async function launch(c: Context<EmulatorEnv>): Promise<Response> {
  const body = parseBody(FlowExecutionLaunchRequest, await readJsonObject(c));
  const services = c.get('services');
  const launcher = flowLauncherOf(services);
  if (!launcher) throw noRuntime(`launch flow ${body.flowId}`);
  const org = c.get('org');
  const flow = knownFlows(c).get(body.flowId);
  if (!flow && listsFlows(c)) throw notFound('flow', body.flowId);
  if (flow && flow.type !== 'WORKFLOW') {
    throw new ApiError(
      400,
      'invalid.value',
      `Only workflows can be launched with POST /api/v2/flows/executions; flow ${flow.id} has type ${flow.type}`,
      { details: [{ errorCode: 'invalid.value', fieldName: 'flowId' }] },
    );
  }
  const dateLaunched = new Date(services.clock.now()).toISOString();
  // [INFERRED] default execution name: the flow's name and the launch time.
  const name = body.name ?? `${flow?.name ?? body.flowId} ${dateLaunched}`;
  const flowVersion = body.flowVersion ?? flow?.version ?? '1.0';
  const { executionId } = await launcher.launch(org.orgId, body.flowId, body.inputData ?? {}, {
    name,
    clientId: c.get('principal').clientId,
    ...(body.flowVersion === undefined ? {} : { flowVersion: body.flowVersion }),
  });
  rememberExecution(org.get(flowsStore), {
    id: executionId,
    flowId: body.flowId,
    name,
    flowVersion,
    dateLaunched,
    clientId: c.get('principal').clientId,
  });
  org.touch(flowsStore);
  return c.json({
    id: executionId,
    name,
    flowVersion: {
      id: flowVersion,
      name: flowVersion,
      selfUri: `/api/v2/flows/${body.flowId}/versions/${flowVersion}`,
    },
    selfUri: `/api/v2/flows/executions/${executionId}`,
  });
}

async function execution(c: Context<EmulatorEnv>): Promise<Response> {
  const id = c.req.param('flowExecutionId')!;
  const org = c.get('org');
  const launcher = flowLauncherOf(c.get('services'));
  if (!launcher) throw noRuntime(`report the state of flow execution ${id}`);
  const record = org.get(flowsStore).executions[id];
  const live: FlowRuntimeExecution | undefined = await launcher.status(org.orgId, id);
  if (!live && !record) throw notFound('flow execution', id);
  const version = live?.flowVersion?.id ?? record?.flowVersion ?? '1.0';
  return c.json(
    compact({
      id,
      name: live?.name ?? record?.name,
      flowVersion: { id: version, name: live?.flowVersion?.name ?? version },
      dateLaunched: live?.dateLaunched ?? record?.dateLaunched,
      // Launched here but unknown to the launcher (e.g. a runtime restarted without its store).
      status: live?.status ?? 'UNKNOWN',
      dateCompleted: live?.dateCompleted,
      completionReason: live?.completionReason,
      flowErrorInfo: live?.flowErrorInfo,
      outputData: live?.outputData,
      conversation:
        live?.conversation === undefined
          ? undefined
          : { id: live.conversation.id, selfUri: `/api/v2/conversations/${live.conversation.id}` },
      selfUri: `/api/v2/flows/executions/${id}`,
    }),
  );
}

/** The org a control request acts on: the emulator's, or `?orgId=`. */
function controlOrg(c: Context<EmulatorEnv>): OrgState {
  return c.get('services').org(c.req.query('orgId') ?? EMULATOR_ORG_ID);
}

function registerFlow(org: OrgState, id: string, body: z.infer<typeof FlowRegistration>): FlowRecord {
  const flow: FlowRecord = {
    id,
    name: body.name,
    type: (body.type ?? 'WORKFLOW').toUpperCase(),
    version: body.version ?? '1.0',
    ...(body.description === undefined ? {} : { description: body.description }),
  };
  org.get(flowsStore).flows[id] = flow;
  org.touch(flowsStore);
  return flow;
}

function register(app: EmulatorApp): void {
  app.get('/api/v2/flows', requirePermission('architect:flow:view'), (c) => {
    const types = multi(c, 'type').map((t) => t.toUpperCase());
    const ids = multi(c, 'id');
    const name = c.req.query('name');
    const flows = [...knownFlows(c).values()]
      .filter(
        (f) =>
          (types.length === 0 || types.includes(f.type)) &&
          (ids.length === 0 || ids.includes(f.id)) &&
          nameMatches(name, f.name),
      )
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(flowView);
    return c.json(paged(flows, pageParams(c), '/api/v2/flows'));
  });

  app.post('/api/v2/flows/executions', requirePermission('architect:flow:launch'), launch);
  app.get('/api/v2/flows/executions/:flowExecutionId', requirePermission('architect:flowExecution:view'), execution);
  registerFlowJobs(app);
  registerFlowInstances(app);

  app.get('/api/v2/flows/:flowId', requirePermission('architect:flow:view'), (c) => {
    const id = c.req.param('flowId');
    const flow = knownFlows(c).get(id);
    if (!flow) throw notFound('flow', id);
    return c.json(flowView(flow));
  });

  app.delete('/api/v2/flows/:flowId', requirePermission('architect:flow:delete'), (c) => {
    const id = c.req.param('flowId');
    const org = c.get('org');
    const state = org.get(flowsStore);
    if (state.deployed?.[id]) delete state.deployed[id];
    else if (state.flows[id]) delete state.flows[id];
    else if (knownFlows(c).has(id))
      throw new ApiError(
        409,
        'conflict',
        `Flow ${id} is served by the workflow runtime attached to this emulator and cannot be deleted through the API`,
      );
    else throw notFound('flow', id);
    org.touch(flowsStore);
    return c.body(null, 204);
  });

  app.put('/_switchboard/flows/:flowId', async (c) => {
    const org = controlOrg(c);
    const flow = registerFlow(org, c.req.param('flowId'), parseBody(FlowRegistration, await readJsonObject(c)));
    return c.json(flowView(flow));
  });
  app.delete('/_switchboard/flows/:flowId', (c) => {
    const org = controlOrg(c);
    const id = c.req.param('flowId');
    const flows = org.get(flowsStore).flows;
    if (!flows[id]) throw notFound('flow', id);
    delete flows[id];
    org.touch(flowsStore);
    return c.body(null, 204);
  });
}

/** The Architect flows provider (flow list, executions delegated to the attached launcher). */
export const flowsProvider: Provider = { name: 'flows', register };
