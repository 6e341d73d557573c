import { afterEach, describe, expect, it } from 'vitest';
import { clientToken, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';
import { attachArchitectEngine } from './architect-engine.ts';
import { deployedFlows, recordFlowExecution } from './store.ts';

let fx: ApiFixture | undefined;
afterEach(async () => {
  await fx?.emu.close();
  fx = undefined;
});

const YAML = (name: string, description = 'Tags calls') => `# a comment
workflow:
  name: ${name}
  description: ${description}
  division: Home
  startUpRef: "/workflow/states/state[Start_1]"
  defaultLanguage: en-us
  states:
    - state:
        name: Start
        refId: Start_1
        actions:
          - endWorkflow:
              name: End
              exitReason:
                noValue: true
`;

async function upload(f: ApiFixture, content: string): Promise<{ job: Json; put: Response }> {
  const { json: job } = await f.call('POST', '/api/v2/flows/jobs');
  const put = await f.emu.fetch(job.presignedUrl, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/octet-stream', ...job.headers },
    body: content,
  });
  return { job, put };
}

describe('Architect import jobs', () => {
  it('publishes an uploaded Archy YAML file as a flow, then a second upload of the same flow as its next version', async () => {
    fx = startApi();
    const { job, put } = await upload(fx, YAML('Tag Calls'));
    expect(job.presignedUrl).toMatch(/^http:\/\/emulator\.local\/uploads\/architect\/jobs\/[0-9a-f-]+\?orgId=/);
    expect(put.status).toBe(200);
    const state = await fx.call('GET', `/api/v2/flows/jobs/${job.id}?expand=messages`);
    expect(state.json).toMatchObject({
      id: job.id,
      status: 'Success',
      command: 'publish',
      flow: { id: expect.any(String) },
    });
    expect(state.json.messages[0].text).toBe("Published workflow flow 'Tag Calls' version 1.0");
    const flowId = state.json.flow.id;
    const flow = await fx.call('GET', `/api/v2/flows/${flowId}`);
    expect(flow.json).toMatchObject({
      id: flowId,
      name: 'Tag Calls',
      description: 'Tags calls',
      type: 'WORKFLOW',
      publishedVersion: { id: '1.0' },
    });

    const again = await upload(fx, YAML('Tag Calls', 'Tags calls, version two'));
    const second = await fx.call('GET', `/api/v2/flows/jobs/${again.job.id}`);
    expect(second.json.flow.id).toBe(flowId);
    expect(second.json.messages).toBeUndefined();
    expect((await fx.call('GET', `/api/v2/flows/${flowId}`)).json).toMatchObject({
      description: 'Tags calls, version two',
      publishedVersion: { id: '2.0' },
    });
    expect(deployedFlows(fx.emu.services.org(fx.emu.orgId)).map((f) => [f.name, f.version])).toEqual([
      ['Tag Calls', 2],
    ]);
    expect((await fx.emu.fetch(job.presignedUrl, { method: 'PUT', body: YAML('Other') })).status).toBe(409);
  });

  it('fails the job, naming why, for an unresolved placeholder, bad YAML, a nameless flow, and what the Architect engine refuses', async () => {
    fx = startApi();
    const cases: Array<[string, string]> = [
      [YAML('{{flow_name}}'), 'unresolved substitution {{flow_name}}'],
      ['workflow: [unclosed', 'not valid YAML'],
      ['workflow:\n  description: x\n', 'The workflow must have a name'],
      ['a: 1\nb: 2\n', 'exactly one top-level key'],
    ];
    for (const [content, why] of cases) {
      const { job } = await upload(fx, content);
      const state = await fx.call('GET', `/api/v2/flows/jobs/${job.id}?expand=messages`);
      expect(state.json.status).toBe('Failure');
      expect(state.json.messages[0]).toMatchObject({ type: 'ERROR' });
      expect(state.json.messages[0].text).toContain(why);
    }
    attachArchitectEngine(fx.emu.services, {
      check: (text) => (text.includes('Refused') ? ['action End: the engine refuses it'] : []),
    });
    const refused = await upload(fx, YAML('Refused'));
    expect(
      (await fx.call('GET', `/api/v2/flows/jobs/${refused.job.id}?expand=messages`)).json.messages.map(
        (m: Json) => m.text,
      ),
    ).toEqual(['action End: the engine refuses it']);
    expect(deployedFlows(fx.emu.services.org(fx.emu.orgId))).toEqual([]);
  });

  it('needs architect:job:create to register a job', async () => {
    fx = startApi();
    const token = await clientToken(fx.emu, ['architect:flow:view']);
    const res = await fx.call('POST', '/api/v2/flows/jobs', undefined, token);
    expect(res.status).toBe(403);
    expect(res.json.message).toContain('architect:job:create');
  });
});

describe('Architect export jobs and flow deletion', () => {
  it('exports a published flow as the file that was published, and 404s the job of another command', async () => {
    fx = startApi();
    const content = YAML('Exported');
    const { job } = await upload(fx, content);
    const flowId = (await fx.call('GET', `/api/v2/flows/jobs/${job.id}`)).json.flow.id;
    const registered = await fx.call('POST', '/api/v2/flows/export/jobs', { flows: [{ flow: { id: flowId } }] });
    expect(registered.json).toMatchObject({ status: 'Success', totalFlows: 1 });
    const state = await fx.call('GET', `/api/v2/flows/export/jobs/${registered.json.id}`);
    expect(state.json).toMatchObject({ status: 'Success', command: 'export' });
    const download = await fx.emu.fetch(state.json.downloadUrl);
    expect(await download.text()).toBe(content);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="Exported.yaml"');
    expect((await fx.call('GET', `/api/v2/flows/jobs/${registered.json.id}`)).status).toBe(404);
  });

  it('fails the export of an unknown flow; refuses several flows in one job', async () => {
    fx = startApi();
    const missing = await fx.call('POST', '/api/v2/flows/export/jobs', { flows: [{ flow: { id: 'nope' } }] });
    const state = await fx.call('GET', `/api/v2/flows/export/jobs/${missing.json.id}?expand=messages`);
    expect(state.json.status).toBe('Failure');
    expect(state.json.downloadUrl).toBeUndefined();
    expect(state.json.messages[0].text).toBe('Could not find the flow with id nope');
    expect(
      (await fx.call('POST', '/api/v2/flows/export/jobs', { flows: [{ flow: { id: 'a' } }, { flow: { id: 'b' } }] }))
        .status,
    ).toBe(400);
    expect((await fx.call('POST', '/api/v2/flows/export/jobs', {})).json.details[0].fieldName).toBe('flows');
  });

  it('deletes a published flow; a second delete is a 404', async () => {
    fx = startApi();
    const { job } = await upload(fx, YAML('Short Lived'));
    const flowId = (await fx.call('GET', `/api/v2/flows/jobs/${job.id}`)).json.flow.id;
    expect((await fx.call('DELETE', `/api/v2/flows/${flowId}`)).status).toBe(204);
    expect((await fx.call('GET', `/api/v2/flows/${flowId}`)).status).toBe(404);
    expect((await fx.call('DELETE', `/api/v2/flows/${flowId}`)).status).toBe(404);
  });
});

describe('POST /api/v2/flows/instances/query', () => {
  it('lists recorded executions newest first, filtered by flow and conversation', async () => {
    fx = startApi();
    const { job } = await upload(fx, YAML('History'));
    const flowId = (await fx.call('GET', `/api/v2/flows/jobs/${job.id}`)).json.flow.id;
    const org = fx.emu.services.org(fx.emu.orgId);
    recordFlowExecution(org, {
      id: 'e1',
      flowId,
      name: 'History run 1',
      flowVersion: '1.0',
      dateLaunched: '2026-01-05T09:00:00.000Z',
      clientId: 'processautomation',
      conversationId: 'c1',
    });
    recordFlowExecution(org, {
      id: 'e2',
      flowId,
      name: 'History run 2',
      flowVersion: '1.0',
      dateLaunched: '2026-01-05T09:01:00.000Z',
      clientId: 'processautomation',
      conversationId: 'c2',
    });
    recordFlowExecution(org, {
      id: 'e3',
      flowId: 'other',
      name: 'Other',
      flowVersion: '1.0',
      dateLaunched: '2026-01-05T09:02:00.000Z',
      clientId: 'x',
    });
    const byFlow = await fx.call('POST', '/api/v2/flows/instances/query', {
      query: [{ criteria: { key: 'flowId', operator: 'eq', value: flowId } }],
    });
    expect(byFlow.status).toBe(200);
    expect(byFlow.json.entities.map((e: Json) => e.id)).toEqual(['e2', 'e1']);
    expect(byFlow.json.entities[0]).toEqual({
      id: 'e2',
      name: 'History run 2',
      startDateTime: '2026-01-05T09:01:00.000Z',
      flowId,
      flowVersion: '1.0',
      conversationId: 'c2',
      flowType: 'WORKFLOW',
      flowName: 'History',
      selfUri: '/api/v2/flows/instances/e2',
    });
    const one = await fx.call('POST', '/api/v2/flows/instances/query', {
      query: [
        {
          and: [
            { key: 'flowName', operator: 'eq', value: 'history' },
            { key: 'conversationId', operator: 'eq', value: 'c1' },
          ],
        },
      ],
    });
    expect(one.json.entities.map((e: Json) => e.id)).toEqual(['e1']);
    const bad = await fx.call('POST', '/api/v2/flows/instances/query', {
      query: [{ criteria: { key: 'color', operator: 'eq', value: 'x' } }],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.details[0].fieldName).toBe('query[0].criteria.key');
  });
});
