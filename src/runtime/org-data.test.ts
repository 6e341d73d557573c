// A Terraform project's data table (with rows), queue, group and wrap-up code, read by the folder
// inference and created in an emulated org, where a lookup then finds them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inferBundle, withOrgIds } from '../blueprints/index.ts';
import { VirtualClock } from '../core/index.ts';
import { createEmulator } from '../emulator/index.ts';
import type { Emulator } from '../emulator/index.ts';
import { createGenesysClient } from '../genesys/index.ts';
import { IN_PROCESS_BASE_URL } from './credentials.ts';
import { provisionOrgData } from './org-data.ts';

const MAIN_TF = `
variable "mappings" {
  type = map(string)
  default = { Busy = "pres-busy", Away = "pres-away" }
}
resource "genesyscloud_architect_datatable" "presence" {
  name        = "PresenceMap"
  description = "Teams status to Genesys presence"
  properties {
    name  = "key"
    type  = "string"
    title = "Teams status"
  }
  properties {
    name    = "GenesysPresenceId"
    type    = "string"
    title   = "Presence id"
  }
  properties {
    name    = "Priority"
    type    = "integer"
    default = "1"
  }
}
resource "genesyscloud_architect_datatable_row" "rows" {
  for_each        = var.mappings
  datatable_id    = genesyscloud_architect_datatable.presence.id
  key_value       = each.key
  properties_json = jsonencode({ GenesysPresenceId = each.value })
}
resource "genesyscloud_flow" "f" {
  filepath = "flow.yaml"
}
resource "genesyscloud_processautomation_trigger" "t" {
  name       = "Start"
  topic_name = "v2.detail.events.conversation.{id}.acw"
  enabled    = true
  target {
    id   = genesyscloud_flow.f.id
    type = "Workflow"
  }
  match_criteria = jsonencode([{ jsonPath = "queueId", operator = "Equal", value = genesyscloud_routing_queue.q.id }])
}
resource "genesyscloud_routing_queue" "q" { name = "Claims" }
resource "genesyscloud_group" "g" { name = "Supervisors" }
resource "genesyscloud_routing_wrapupcode" "w" { name = "Claim closed" }
`;

const FLOW_YAML = `workflow:
  name: Org data flow
  startUpRef: "/workflow/states/state[S]"
  states:
    - state:
        name: Main
        refId: S
        actions:
          - endWorkflow:
              name: End
              exitReason:
                noValue: true
`;

let dir: string | undefined;
let emu: Emulator | undefined;
afterEach(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await emu?.close();
  dir = undefined;
  emu = undefined;
});

describe('org data of a Terraform project', () => {
  it('is read from the resources and created in the emulated org, once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'org-data-'));
    writeFileSync(join(dir, 'main.tf'), MAIN_TF);
    writeFileSync(join(dir, 'flow.yaml'), FLOW_YAML);
    const { bundle, inferred } = inferBundle(dir);
    expect(bundle.orgData).toMatchObject({
      dataTables: [
        {
          name: 'PresenceMap',
          columns: [
            { name: 'GenesysPresenceId', type: 'string', title: 'Presence id' },
            { name: 'Priority', type: 'integer', default: 1 },
          ],
          rows: [
            { key: 'Away', values: { GenesysPresenceId: 'pres-away' } },
            { key: 'Busy', values: { GenesysPresenceId: 'pres-busy' } },
          ],
        },
      ],
      queues: [{ name: 'Claims', id: expect.any(String) }],
      groups: [{ name: 'Supervisors', id: expect.any(String) }],
      wrapupCodes: [{ name: 'Claim closed', id: expect.any(String) }],
    });
    expect(inferred.found).toContain('data table   genesyscloud_architect_datatable.presence  "PresenceMap" (2 rows)');

    const clock = new VirtualClock(Date.UTC(2026, 0, 5));
    emu = createEmulator({ clock, rateLimitPerMinute: 0 });
    const client = createGenesysClient({
      baseUrl: IN_PROCESS_BASE_URL,
      clientId: emu.admin.clientId,
      clientSecret: emu.admin.clientSecret,
      fetch: emu.fetch,
      clock,
    });
    const { lines, ids } = await provisionOrgData(client, bundle.orgData!);
    expect(lines).toEqual([
      'data table "PresenceMap" (genesyscloud_architect_datatable.presence): 2 rows',
      'queue "Claims"',
      'group "Supervisors"',
      'wrap-up code "Claim closed"',
    ]);
    const tables = await client.get<{ entities: Array<{ id: string }> }>('/api/v2/flows/datatables?name=PresenceMap');
    const row = await client.get(`/api/v2/flows/datatables/${tables.entities[0]!.id}/rows/Busy?showbrief=false`);
    expect(row).toEqual({ key: 'Busy', GenesysPresenceId: 'pres-busy', Priority: 1 });
    // The trigger's criterion named the queue's synthetic id: it names the queue the org holds now.
    const queues = await client.get<{ entities: Array<{ id: string }> }>('/api/v2/routing/queues?name=Claims');
    const synthetic = bundle.orgData!.queues[0]!.id;
    expect(ids[synthetic]).toBe(queues.entities[0]!.id);
    const bound = withOrgIds(bundle, ids);
    expect(JSON.stringify(bound.triggers)).toContain(queues.entities[0]!.id);
    expect(JSON.stringify(bound.triggers)).not.toContain(synthetic);
    // A second run (a restart of `up` against the same emulator) keeps what is there.
    expect((await provisionOrgData(client, bundle.orgData!)).lines).toContain('queue "Claims" (already there)');
  });
});
