// Terraform data sources resolved by name against an org through the Genesys client's fetch: here
// the embedded emulator with its demo organisation, in process.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { genesysDataResolver, loadTerraformProject, terraformArtifacts } from '../src/blueprints/index.ts';
import { DEMO, createEmulator } from '../src/emulator/index.ts';
import { createGenesysClient } from '../src/genesys/index.ts';

const emu = createEmulator({ seed: 'demo', statePath: ':memory:', rateLimitPerMinute: 0 });
afterAll(() => emu.close());
const gc = createGenesysClient({ baseUrl: 'http://emulator.local', ...emu.admin, fetch: emu.fetch });

function project(tf: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-tf-data-'));
  writeFileSync(join(dir, 'main.tf'), tf);
  return dir;
}

describe('data sources against the emulator', () => {
  it('resolves a queue and a user by name and email; their ids reach the resources that use them', async () => {
    const dir = project(`
data "genesyscloud_routing_queue" "support" {
  name = "Support"
}
data "genesyscloud_user" "alice" {
  email = lower("ALICE@example.com")
}
resource "genesyscloud_group" "g" {
  name        = "Escalations"
  description = "queue \${data.genesyscloud_routing_queue.support.id}, owner \${data.genesyscloud_user.alice.id}"
}
`);
    const p = await loadTerraformProject(dir, { resolveData: genesysDataResolver(gc.fetch) });
    expect(p.diagnostics).toEqual([]);
    expect(p.resources[0]?.attributes.description).toBe(`queue ${DEMO.queues.support}, owner ${DEMO.users.alice}`);
  });

  it("pairs a trigger with an existing flow found by a data source, by the flow's name", async () => {
    // A workflow published in the org beforehand (the emulator's control API registers it).
    const existing = { id: '6f1c1e5a-0000-4000-8000-00000000f10e', name: 'Tag Calls Without Queue' };
    const put = await emu.fetch(`/_switchboard/flows/${existing.id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: existing.name, type: 'workflow' }),
    });
    expect(put.status).toBe(200);
    const dir = project(`
data "genesyscloud_flow" "wf" {
  name = ${JSON.stringify(existing.name)}
}
resource "genesyscloud_processautomation_trigger" "t" {
  name       = "Calls"
  topic_name = "v2.detail.events.conversation.{id}.customer.end"
  enabled    = true
  target {
    id   = data.genesyscloud_flow.wf.id
    type = "Workflow"
  }
  match_criteria = jsonencode([{ jsonPath = "mediaType", operator = "Equal", value = "VOICE" }])
}
`);
    const p = await loadTerraformProject(dir, { resolveData: genesysDataResolver(gc.fetch) });
    expect(p.diagnostics).toEqual([]);
    expect(p.triggers[0]).toMatchObject({
      flow: undefined,
      flowName: existing.name,
      attributes: { target: { id: existing.id } },
    });
    expect(terraformArtifacts(p).set.triggers.map((t) => t.workflow)).toEqual([existing.name]);
  });

  it('reports a name the org does not have, and a data source type without a lookup, as errors at the data block', async () => {
    const dir = project(
      'data "genesyscloud_routing_queue" "q" {\n  name = "No such queue"\n}\n\ndata "genesyscloud_telephony_providers_edges_site" "s" {\n  name = "HQ"\n}\n',
    );
    const p = await loadTerraformProject(dir, { resolveData: genesysDataResolver(gc.fetch) });
    expect(p.diagnostics.map((d) => [d.severity, d.code, `${d.file}:${d.line}`, d.construct])).toEqual([
      ['error', 'SB_TERRAFORM_DATA_UNRESOLVED', 'main.tf:1', 'data.genesyscloud_routing_queue.q'],
      ['error', 'SB_TERRAFORM_DATA_UNRESOLVED', 'main.tf:5', 'data.genesyscloud_telephony_providers_edges_site.s'],
    ]);
    expect(p.diagnostics[0]?.message).toBe('Data source not resolved: data.genesyscloud_routing_queue.q found nothing');
    expect(p.diagnostics[1]?.message).toMatch(
      /no lookup for data source type genesyscloud_telephony_providers_edges_site/,
    );
  });

  it('resolves a schedule group, its schedule and an emergency group by name', async () => {
    const auth = { Authorization: `Bearer ${emu.adminToken()}`, 'Content-Type': 'application/json' };
    const schedule = (await (
      await emu.fetch('/api/v2/architect/schedules', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          name: 'TF Weekdays',
          start: '2026-01-05T08:00:00.000',
          end: '2026-01-05T17:00:00.000',
          rrule: 'FREQ=DAILY',
        }),
      })
    ).json()) as { id: string };
    const group = (await (
      await emu.fetch('/api/v2/architect/schedulegroups', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ name: 'TF Hours', timeZone: 'UTC', openSchedules: [{ id: schedule.id }] }),
      })
    ).json()) as { id: string };
    const storm = (await (
      await emu.fetch('/api/v2/architect/emergencygroups', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ name: 'TF Storm' }),
      })
    ).json()) as { id: string };
    const dir = project(`
data "genesyscloud_architect_emergencygroup" "storm" {
  name = "TF Storm"
}
data "genesyscloud_architect_schedules" "weekdays" {
  name = "tf weekdays"
}
data "genesyscloud_architect_schedulegroups" "hours" {
  name = "TF Hours"
}
resource "genesyscloud_group" "g" {
  name        = "Hours"
  description = "\${data.genesyscloud_architect_schedulegroups.hours.id} \${data.genesyscloud_architect_schedules.weekdays.id} \${data.genesyscloud_architect_emergencygroup.storm.id}"
}
`);
    const p = await loadTerraformProject(dir, { resolveData: genesysDataResolver(gc.fetch) });
    expect(p.diagnostics).toEqual([]);
    expect(p.resources[0]?.attributes.description).toBe(`${group.id} ${schedule.id} ${storm.id}`);
  });
});
