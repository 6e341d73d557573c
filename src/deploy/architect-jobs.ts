/**
 * @module
 * Architect's import jobs, the way deploy publishes a workflow (as Archy does): a job, its presigned
 * upload, then its status polled until the flow is published or refused.
 */
import { SwitchboardError, isPlainObject } from '../core/index.ts';
import type { Fetch } from '../core/index.ts';
import type { GenesysClient } from '../genesys/index.ts';
import { DeployErrors } from './errors.ts';

type Json = Record<string, unknown>;

/** What an import job needs. */
interface ImportJobOptions {
  readonly client: GenesysClient;
  /** Sends the job's file to its presigned URL (no token). */
  readonly upload: Fetch;
  /** How long the job may run (default 5 minutes). */
  readonly jobTimeoutMs?: number;
  /** Waits between polls (default a timer). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The deploying client's home division (where flows are published), when it can read it. */
export async function homeDivision(client: GenesysClient): Promise<string | undefined> {
  try {
    const me = await client.get<Json>('/api/v2/authorization/subjects/me');
    const grants = Array.isArray(me.grants) ? me.grants.filter(isPlainObject) : [];
    const division =
      grants.map((g) => g.division).find((d) => isPlainObject(d) && d.homeDivision === true) ??
      grants.map((g) => g.division).find(isPlainObject);
    return isPlainObject(division) && typeof division.id === 'string' ? division.id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Publish a flow through an Architect import job: upload its file to the job's presigned URL, then
 * poll the job (backing off to 5 s) until it succeeds, fails or passes its deadline; the flow's id.
 */
export async function runImportJob(o: ImportJobOptions, content: string, name: string): Promise<string> {
  const job = await o.client.post<Json>('/api/v2/flows/jobs');
  const url = String(job.presignedUrl ?? '');
  const headers = isPlainObject(job.headers)
    ? Object.fromEntries(Object.entries(job.headers).map(([k, v]) => [k, String(v)]))
    : {};
  const put = await o.upload(url, { method: 'PUT', headers, body: content });
  if (!put.ok)
    throw new SwitchboardError(
      DeployErrors.SB_DEPLOY_JOB_FAILED,
      `the upload of workflow "${name}" to its Architect job was refused: ${put.status} ${(await put.text()).slice(0, 300)}`,
      { details: { workflow: name, job: job.id } },
    );
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = Date.now() + (o.jobTimeoutMs ?? 300_000);
  for (let wait = 250; ; wait = Math.min(wait * 2, 5_000)) {
    const state = await o.client.get<Json>(`/api/v2/flows/jobs/${encodeURIComponent(String(job.id))}`, {
      query: { expand: 'messages' },
    });
    if (state.status === 'Success') {
      const flow = isPlainObject(state.flow) ? state.flow : {};
      return String(flow.id ?? '');
    }
    if (state.status === 'Failure') {
      const messages = Array.isArray(state.messages)
        ? state.messages.filter(isPlainObject).map((m) => String(m.text ?? m.message ?? ''))
        : [];
      throw new SwitchboardError(
        DeployErrors.SB_DEPLOY_JOB_FAILED,
        `Architect's import job refused workflow "${name}": ${messages.join('; ') || 'no message'}`,
        { details: { workflow: name, job: job.id, messages } },
      );
    }
    if (Date.now() > deadline)
      throw new SwitchboardError(
        DeployErrors.SB_DEPLOY_JOB_FAILED,
        `Architect's import job for workflow "${name}" did not finish in time (status ${String(state.status)})`,
        { details: { workflow: name, job: job.id } },
      );
    await sleep(wait);
  }
}
