// A workitem flow end to end: a Terraform project (worktype, statuses, a rule, queues) created in
// the emulated org, its workitem flow loaded by the runtime; a workitem created and moved through
// the simulator launches the flow, whose actions change the workitem through the Platform API.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inferBundle } from '../blueprints/index.ts';
import { createGenesysClient } from '../genesys/index.ts';
import { IN_PROCESS_BASE_URL } from './credentials.ts';
import { provisionOrgData } from './org-data.ts';
import { createTestHarness } from './test-harness.ts';
import type { TestHarness } from './test-harness.ts';

const MAIN_TF = `
resource "genesyscloud_routing_queue" "claims" { name = "Claims" }
resource "genesyscloud_routing_queue" "experts" { name = "Claim Experts" }
resource "genesyscloud_task_management_workbin" "bin" { name = "Claims bin" }
resource "genesyscloud_task_management_worktype" "claim" {
  name               = "Claim"
  default_workbin_id = genesyscloud_task_management_workbin.bin.id
  default_queue_id   = genesyscloud_routing_queue.claims.id
}
resource "genesyscloud_task_management_worktype_status" "received" {
  worktype_id = genesyscloud_task_management_worktype.claim.id
  name        = "Received"
  category    = "Open"
  default     = true
}
resource "genesyscloud_task_management_worktype_status" "expert" {
  worktype_id = genesyscloud_task_management_worktype.claim.id
  name        = "Needs Expert"
  category    = "InProgress"
}
resource "genesyscloud_task_management_worktype_flow_oncreate_rule" "created" {
  worktype_id = genesyscloud_task_management_worktype.claim.id
  name        = "Claim created"
}
resource "genesyscloud_task_management_worktype_flow_onattributechange_rule" "expert" {
  worktype_id = genesyscloud_task_management_worktype.claim.id
  name        = "To an expert"
  condition {
    attribute = "statusId"
    new_value = genesyscloud_task_management_worktype_status.expert.id
  }
}
resource "genesyscloud_flow" "claims" {
  filepath      = "claims.yaml"
  substitutions = { experts = genesyscloud_routing_queue.experts.name }
}
`;

const FLOW_YAML = `workitem:
  name: Claims routing
  startUpRef: "/workitem/states/state[S]"
  worktype:
    name: Claim
  variables:
    - stringVariable:
        name: Flow.seen
        initialValue:
          noValue: true
        isOutput: true
  states:
    - state:
        name: Main
        refId: S
        actions:
          - updateData:
              name: Seen
              statements:
                - string:
                    variable: Flow.seen
                    value:
                      exp: Append(Workitem.EventType, " ", Workitem.Workitem.status.name, " ", Workitem.EventData.rule.name)
          - decision:
              name: Expert?
              condition:
                exp: Workitem.Workitem.status.name == "Needs Expert"
              outputs:
                yes:
                  actions:
                    - transferToAcd:
                        name: To the experts
                        targetQueue:
                          lit:
                            name: {{experts}}
                        priority:
                          lit: 9
                    - updateWorkitem:
                        name: Note why
                        statements:
                          - string:
                              variable: Workitem.Workitem.description
                              value:
                                exp: Append("Escalated by rule ", Workitem.EventData.rule.name)
          - exitWorkitemFlow:
              name: Done
`;

let h: TestHarness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  h = undefined;
  dir = undefined;
});

type Workitem = {
  id: string;
  queue?: { id: string };
  priority: number;
  status: { id: string };
  description?: string;
};

describe('a workitem flow of a Terraform project', () => {
  it('runs when its worktype’s rules match, and changes the workitem', async () => {
    dir = mkdtempSync(join(tmpdir(), 'wi-flow-'));
    writeFileSync(join(dir, 'main.tf'), MAIN_TF);
    writeFileSync(join(dir, 'claims.yaml'), FLOW_YAML);
    const { bundle } = inferBundle(dir);
    h = await createTestHarness({ bundles: [bundle] });
    const client = createGenesysClient({
      baseUrl: IN_PROCESS_BASE_URL,
      clientId: h.emulator.admin.clientId,
      clientSecret: h.emulator.admin.clientSecret,
      fetch: h.emulator.fetch,
      clock: h.clock,
    });
    await provisionOrgData(client, bundle.orgData!);
    const worktypes = await client.post<{ entities: Array<{ id: string; flow?: { id: string } }> }>(
      '/api/v2/taskmanagement/worktypes/query',
      { filters: [{ name: 'name', type: 'String', operator: 'EQ', values: ['Claim'] }] },
    );
    const worktype = worktypes.entities[0]!;
    // The worktype's flow is the workitem flow the runtime loaded (its worktype named "Claim").
    expect(worktype.flow?.id).toBeDefined();

    const created = (await h.org.sim('/workitems', { name: 'Claim 1', typeId: worktype.id })) as Workitem;
    await h.advance('1s');
    const statuses = await client.get<{ entities: Array<{ id: string; name: string }> }>(
      `/api/v2/taskmanagement/worktypes/${worktype.id}/statuses`,
    );
    const expert = statuses.entities.find((s) => s.name === 'Needs Expert')!;
    const patched = await h.org.api('PATCH', `/_switchboard/simulator/workitems/${created.id}`, {
      statusId: expert.id,
    });
    expect(patched.status).toBe(200);
    await h.advance('1s');

    const runs = await h.runtime.runs();
    const details = await Promise.all(runs.map((r) => h!.runtime.run(r.id)));
    const seen = details.map((d) => (d?.output as { outputs?: Record<string, unknown> })?.outputs?.['Flow.seen']);
    expect(details.map((d) => d?.status)).toEqual(['completed', 'completed']);
    expect(seen.sort()).toEqual([
      'workitemCreated Received Claim created',
      'workitemStatusChanged Needs Expert To an expert',
    ]);

    const after = await client.get<Workitem>(`/api/v2/taskmanagement/workitems/${created.id}`);
    const experts = await client.get<{ entities: Array<{ id: string }> }>(
      '/api/v2/routing/queues?name=Claim%20Experts',
    );
    expect(after.queue?.id).toBe(experts.entities[0]!.id);
    expect(after.priority).toBe(9);
    expect(after.description).toBe('Escalated by rule To an expert');
  });
});
