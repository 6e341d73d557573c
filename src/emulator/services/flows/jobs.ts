/**
 * @module
 * Architect jobs: publishing a flow from an uploaded Archy YAML file and exporting one, the way
 * Archy and CX as Code's `genesyscloud_flow` do it through the Platform API.
 *
 * | Method | Path | Permission |
 * |---|---|---|
 * | POST | `/api/v2/flows/jobs` | ALL `architect:job:create` |
 * | GET | `/api/v2/flows/jobs/{jobId}?expand=messages` | `architect:job:view` [INFERRED] |
 * | POST | `/api/v2/flows/export/jobs` | ALL `architect:jobExport:create` |
 * | GET | `/api/v2/flows/export/jobs/{jobId}?expand=messages` | ALL `architect:jobExport:view` |
 * | DELETE | `/api/v2/flows/{flowId}` | `architect:flow:delete` |
 *
 * A registered job answers a `presignedUrl` on the emulator's own origin (`PUT /uploads/architect/
 * jobs/{jobId}`, no token, as an S3 presigned URL needs none); the upload publishes the flow at
 * once: a flow of the same type and name gets the next version, any other is created. The flow's
 * type, name, description and division come from the file; the attached {@link ArchitectEngine}
 * checks the rest, and without one only the file's shape is checked. An export job answers a
 * `downloadUrl` (`GET /downloads/architect/jobs/{jobId}`) serving the published file. [INFERRED]
 * Genesys runs both jobs asynchronously (callers poll the job until `Success` or `Failure`); here
 * they end by the time the upload or the register call answers, and an export job takes one flow.
 */
import type { Context } from 'hono';
import { parse as parseYaml } from 'yaml';
import { isPlainObject } from '../../../core/index.ts';
import { ApiError, badRequest, notFound } from '../../errors.ts';
import { readJsonObject } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv, EmulatorServices, OrgState } from '../../provider-contract.ts';
import { requireAllPermissions, requirePermission } from '../../permissions.ts';
import { compact } from '../conversations/views.ts';
import { EMULATOR_ORG_ID } from '../seed.ts';
import { architectEngineOf } from './architect-engine.ts';
import { flowsStore, rememberJob } from './store.ts';
import type { ArchitectJobRecord, DeployedFlowRecord, FlowsState, JobMessage } from './store.ts';

/** Where an import job's file is uploaded and an export job's file downloaded. */
const UPLOAD_PATH = '/uploads/architect/jobs';
const DOWNLOAD_PATH = '/downloads/architect/jobs';

/** The largest flow file an upload takes [INFERRED]; the gateway's body limit applies first. */
const MAX_FLOW_FILE_BYTES = 5 * 1024 * 1024;

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/;

/** A flow file's identity, as Archy reads it from the top-level key and its fields. */
interface FlowHeader {
  readonly type: string;
  readonly name: string;
  readonly description?: string;
  readonly division?: string;
}

/**
 * Read an Archy YAML file's flow type (its top-level key, upper case), name, description and
 * division; the messages say why it cannot be published.
 */
function readFlowHeader(content: string): { ok: true; header: FlowHeader } | { ok: false; messages: string[] } {
  const placeholder = PLACEHOLDER.exec(content);
  if (placeholder)
    return {
      ok: false,
      messages: [
        `The flow file has an unresolved substitution {{${placeholder[1]}}}; substitute every placeholder before publishing`,
      ],
    };
  let doc: unknown;
  try {
    doc = parseYaml(content, { maxAliasCount: 100 });
  } catch (e) {
    return { ok: false, messages: [`The flow file is not valid YAML: ${(e as Error).message.split('\n')[0]}`] };
  }
  if (!isPlainObject(doc) || Object.keys(doc).length !== 1)
    return {
      ok: false,
      messages: ['An Archy flow file holds exactly one top-level key: the flow type (e.g. workflow)'],
    };
  const [key, body] = Object.entries(doc)[0]!;
  if (!isPlainObject(body)) return { ok: false, messages: [`The ${key} of the flow file must be a mapping`] };
  if (typeof body.name !== 'string' || body.name.trim() === '')
    return { ok: false, messages: [`The ${key} must have a name`] };
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    ok: true,
    header: compact({
      type: key.toUpperCase(),
      name: body.name,
      description: text(body.description),
      division: text(body.division),
    }),
  };
}

function message(services: EmulatorServices, type: JobMessage['type'], text: string): JobMessage {
  return { dateTime: new Date(services.clock.now()).toISOString(), type, text };
}

function origin(c: Context<EmulatorEnv>): string {
  return new URL(c.req.url).origin;
}

/** The org of a token-less upload or download: the URL's `orgId`, else the emulator's. */
function tokenlessOrg(c: Context<EmulatorEnv>): OrgState {
  return c.get('services').org(c.req.query('orgId') ?? EMULATOR_ORG_ID);
}

function job(state: FlowsState, id: string, command: ArchitectJobRecord['command']): ArchitectJobRecord {
  const j = state.jobs?.[id];
  if (!j || j.command !== command) throw notFound(command === 'publish' ? 'Architect job' : 'Architect export job', id);
  return j;
}

function jobView(c: Context<EmulatorEnv>, j: ArchitectJobRecord, base: string): Record<string, unknown> {
  const expand = (c.req.queries('expand') ?? []).flatMap((v) => v.split(','));
  return compact({
    id: j.id,
    ...(j.command === 'publish'
      ? { flow: j.flowId === undefined ? undefined : { id: j.flowId, selfUri: `/api/v2/flows/${j.flowId}` } }
      : {}),
    status: j.status,
    command: j.command,
    ...(j.command === 'export' && j.status === 'Success'
      ? { downloadUrl: `${origin(c)}${DOWNLOAD_PATH}/${j.id}?orgId=${encodeURIComponent(c.get('org').orgId)}` }
      : {}),
    messages: expand.includes('messages') ? j.messages : undefined,
    selfUri: `${base}/${j.id}`,
  });
}

/** Publish an uploaded file: the flow of the same type and name gets the next version. */
function publish(services: EmulatorServices, org: OrgState, j: ArchitectJobRecord, content: string): void {
  const state = org.get(flowsStore);
  j.status = 'Started';
  const read = readFlowHeader(content);
  const problems = read.ok ? [...(architectEngineOf(services)?.check(content) ?? [])] : read.messages;
  if (!read.ok || problems.length > 0) {
    j.status = 'Failure';
    j.messages.push(...problems.map((p) => message(services, 'ERROR', p)));
    return;
  }
  const { header } = read;
  const deployed = (state.deployed ??= {});
  const now = new Date(services.clock.now()).toISOString();
  const prior = Object.values(deployed).find(
    (f) => f.type === header.type && f.name.toLowerCase() === header.name.toLowerCase(),
  );
  const flow: DeployedFlowRecord = {
    id: prior?.id ?? services.ids.uuid(),
    ...header,
    version: (prior?.version ?? 0) + 1,
    content,
    dateCreated: prior?.dateCreated ?? now,
    datePublished: now,
  };
  deployed[flow.id] = flow;
  j.status = 'Success';
  j.flowId = flow.id;
  j.flowName = flow.name;
  j.messages.push(
    message(services, 'INFO', `Published ${header.type.toLowerCase()} flow '${flow.name}' version ${flow.version}.0`),
  );
}

/**
 * Register the job routes on the flows provider's app. Call before `/api/v2/flows/{flowId}`.
 * @example
 * registerFlowJobs(app);
 */
export function registerFlowJobs(app: EmulatorApp): void {
  app.post('/api/v2/flows/jobs', requireAllPermissions('architect:job:create'), (c) => {
    const services = c.get('services');
    const org = c.get('org');
    const id = services.ids.uuid();
    rememberJob(org.get(flowsStore), {
      id,
      command: 'publish',
      status: 'Created',
      dateCreated: new Date(services.clock.now()).toISOString(),
      clientId: c.get('principal').clientId,
      messages: [],
    });
    org.touch(flowsStore);
    return c.json({
      id,
      presignedUrl: `${origin(c)}${UPLOAD_PATH}/${id}?orgId=${encodeURIComponent(org.orgId)}`,
      headers: {},
      selfUri: `/api/v2/flows/jobs/${id}`,
    });
  });

  app.get('/api/v2/flows/jobs/:jobId', requirePermission('architect:job:view'), (c) =>
    c.json(jobView(c, job(c.get('org').get(flowsStore), c.req.param('jobId'), 'publish'), '/api/v2/flows/jobs')),
  );

  // The presigned upload: no token, as an S3 URL needs none; the job id is its secret.
  app.put(`${UPLOAD_PATH}/:jobId`, async (c) => {
    const services = c.get('services');
    const org = tokenlessOrg(c);
    const j = job(org.get(flowsStore), c.req.param('jobId'), 'publish');
    if (j.status !== 'Created')
      throw new ApiError(
        409,
        'conflict',
        `Architect job ${j.id} already has its file (status ${j.status}); register a new job to publish again`,
      );
    const content = await c.req.text();
    if (Buffer.byteLength(content) > MAX_FLOW_FILE_BYTES)
      throw new ApiError(413, 'request.entity.too.large', `A flow file must be at most ${MAX_FLOW_FILE_BYTES} bytes`);
    if (content.trim() === '')
      throw badRequest('The uploaded flow file is empty', [{ errorCode: 'missing.value', fieldName: 'body' }]);
    publish(services, org, j, content);
    org.touch(flowsStore);
    return c.body(null, 200);
  });

  app.post('/api/v2/flows/export/jobs', requireAllPermissions('architect:jobExport:create'), async (c) => {
    const body = await readJsonObject(c);
    const flows = Array.isArray(body.flows) ? body.flows : undefined;
    if (!flows || flows.length === 0)
      throw badRequest('flows must list the flow to export', [{ errorCode: 'missing.value', fieldName: 'flows' }]);
    if (flows.length > 1)
      throw badRequest('The emulator exports one flow per export job; register one job per flow', [
        { errorCode: 'invalid.value', fieldName: 'flows' },
      ]);
    const entry = flows[0];
    const flowId =
      isPlainObject(entry) && isPlainObject(entry.flow) && typeof entry.flow.id === 'string'
        ? entry.flow.id
        : undefined;
    if (flowId === undefined)
      throw badRequest('flows[0].flow.id is required', [{ errorCode: 'missing.value', fieldName: 'flows[0].flow.id' }]);
    const services = c.get('services');
    const org = c.get('org');
    const state = org.get(flowsStore);
    const flow = state.deployed?.[flowId];
    const j: ArchitectJobRecord = {
      id: services.ids.uuid(),
      command: 'export',
      status: 'Success',
      dateCreated: new Date(services.clock.now()).toISOString(),
      clientId: c.get('principal').clientId,
      flowId,
      messages: [],
    };
    if (!flow) {
      j.status = 'Failure';
      j.messages.push(
        message(
          services,
          'ERROR',
          state.flows[flowId]
            ? `Flow ${flowId} has no configuration to export: it was registered, not published`
            : `Could not find the flow with id ${flowId}`,
        ),
      );
    } else {
      const fileName =
        isPlainObject(entry) && typeof entry.fileName === 'string' && entry.fileName !== ''
          ? entry.fileName
          : `${flow.name}.yaml`;
      Object.assign(j, { content: flow.content, fileName, flowName: flow.name });
      j.messages.push(
        message(services, 'INFO', `Exported ${flow.type.toLowerCase()} flow '${flow.name}' version ${flow.version}.0`),
      );
    }
    rememberJob(state, j);
    org.touch(flowsStore);
    return c.json({ id: j.id, status: j.status, totalFlows: 1, selfUri: `/api/v2/flows/export/jobs/${j.id}` });
  });

  app.get('/api/v2/flows/export/jobs/:jobId', requireAllPermissions('architect:jobExport:view'), (c) =>
    c.json(jobView(c, job(c.get('org').get(flowsStore), c.req.param('jobId'), 'export'), '/api/v2/flows/export/jobs')),
  );

  app.get(`${DOWNLOAD_PATH}/:jobId`, (c) => {
    const state = tokenlessOrg(c).get(flowsStore);
    const j = job(state, c.req.param('jobId'), 'export');
    if (j.status !== 'Success' || j.content === undefined) throw notFound('Export of Architect job', j.id);
    return c.body(j.content, 200, {
      'Content-Type': 'application/x-yaml; charset=utf-8',
      'Content-Disposition': `attachment; filename="${(j.fileName ?? 'flow.yaml').replace(/["\\\r\n]/g, '_')}"`,
    });
  });
}
