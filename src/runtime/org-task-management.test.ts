// A Terraform project's Task Management objects — workbin, schema, worktype, statuses, a
// transition, flow rules — created in an emulated org, every reference bound to the id the org gave.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inferBundle } from '../blueprints/index.ts';
import { VirtualClock } from '../core/index.ts';
import { createEmulator } from '../emulator/index.ts';
import type { Emulator } from '../emulator/index.ts';
import { GenesysApiError, createGenesysClient } from '../genesys/index.ts';
import { IN_PROCESS_BASE_URL } from './credentials.ts';
import { provisionOrgData } from './org-data.ts';

const MAIN_TF = `
resource "genesyscloud_routing_queue" "claims" { name = "Claims" }
resource "genesyscloud_task_management_workbin" "bin" { name = "Claims bin" }
resource "genesyscloud_task_management_workitem_schema" "schema" {
  name       = "Claim schema"
  enabled    = true
  properties = jsonencode({})
}
resource "genesyscloud_task_management_worktype" "claim" {
  name               = "Claim"
  default_workbin_id = genesyscloud_task_management_workbin.bin.id
  default_queue_id   = genesyscloud_routing_queue.claims.id
  schema_id          = genesyscloud_task_management_workitem_schema.schema.id
  default_priority   = 7
}
resource "genesyscloud_task_management_worktype_status" "received" {
  worktype_id = genesyscloud_task_management_worktype.claim.id
  name        = "Received"
  category    = "Open"
  default     = true
}
resource "genesyscloud_task_management_worktype_status" "review" {
  worktype_id = genesyscloud_task_management_worktype.claim.id
  name        = "Review"
  category    = "InProgress"
}
resource "genesyscloud_task_management_worktype_status" "paid" {
  worktype_id = genesyscloud_task_management_worktype.claim.id
  name        = "Paid"
  category    = "Closed"
}
resource "genesyscloud_task_management_worktype_status_transition" "received" {
  worktype_id                     = genesyscloud_task_management_worktype.claim.id
  status_id                       = genesyscloud_task_management_worktype_status.received.id
  destination_status_ids          = [genesyscloud_task_management_worktype_status.review.id]
  default_destination_status_id   = genesyscloud_task_management_worktype_status.review.id
  status_transition_delay_seconds = 60
}
resource "genesyscloud_task_management_worktype_flow_oncreate_rule" "created" {
  worktype_id = genesyscloud_task_management_worktype.claim.id
  name        = "Claim created"
}
resource "genesyscloud_task_management_worktype_flow_onattributechange_rule" "paid" {
  worktype_id = genesyscloud_task_management_worktype.claim.id
  name        = "Claim paid"
  condition {
    attribute = "statusId"
    old_value = genesyscloud_task_management_worktype_status.review.id
    new_value = genesyscloud_task_management_worktype_status.paid.id
  }
}
resource "genesyscloud_task_management_worktype_flow_datebased_rule" "due" {
  worktype_id = genesyscloud_task_management_worktype.claim.id
  name        = "Claim nearly due"
  condition {
    attribute                      = "dateDue"
    relative_minutes_to_invocation = -30
  }
}
`;

const FLOW_YAML = `workflow:
  name: Claims flow
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

type Entities<T> = { entities: T[] };
type Named = { id: string; name: string };

let dir: string | undefined;
let emu: Emulator | undefined;
afterEach(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await emu?.close();
  dir = undefined;
  emu = undefined;
});

describe('Task Management objects of a Terraform project', () => {
  it('are created in the emulated org in order, their references bound to the ids the org gave', async () => {
    dir = mkdtempSync(join(tmpdir(), 'org-tm-'));
    writeFileSync(join(dir, 'main.tf'), MAIN_TF);
    writeFileSync(join(dir, 'flow.yaml'), FLOW_YAML);
    const { bundle, inferred } = inferBundle(dir);
    expect(inferred.found).toContain(
      'worktype     genesyscloud_task_management_worktype.claim  "Claim" (3 statuses, 3 rules)',
    );
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
      'queue "Claims"',
      'workbin "Claims bin" (genesyscloud_task_management_workbin.bin)',
      'workitem schema "Claim schema" (genesyscloud_task_management_workitem_schema.schema): not created, the emulator has no workitem schemas; its worktypes go without schema_id',
      'worktype "Claim" (genesyscloud_task_management_worktype.claim)',
      'status "Received" (Open, default) of worktype "Claim" (genesyscloud_task_management_worktype_status.received)',
      'status "Review" (InProgress) of worktype "Claim" (genesyscloud_task_management_worktype_status.review)',
      'status "Paid" (Closed) of worktype "Claim" (genesyscloud_task_management_worktype_status.paid)',
      'transitions of status "Received" of worktype "Claim" (genesyscloud_task_management_worktype_status_transition.received): to "Review"',
      'oncreate rule "Claim created" of worktype "Claim" (genesyscloud_task_management_worktype_flow_oncreate_rule.created)',
      'onattributechange rule "Claim paid" of worktype "Claim" (genesyscloud_task_management_worktype_flow_onattributechange_rule.paid)',
      'datebased rule "Claim nearly due" of worktype "Claim" (genesyscloud_task_management_worktype_flow_datebased_rule.due)',
    ]);

    const tm = bundle.orgData!.taskManagement;
    const real = (address: string) =>
      ids[[...tm.workbins, ...tm.worktypes, ...tm.statuses].find((o) => o.address === address)!.id]!;
    const worktypeId = real('genesyscloud_task_management_worktype.claim');
    const queues = await client.get<Entities<Named>>('/api/v2/routing/queues?name=Claims');
    const worktype = await client.get<Record<string, { id?: string } | number | undefined>>(
      `/api/v2/taskmanagement/worktypes/${worktypeId}`,
    );
    expect(worktype).toMatchObject({
      defaultWorkbin: { id: real('genesyscloud_task_management_workbin.bin') },
      defaultQueue: { id: queues.entities[0]!.id },
      defaultStatus: { id: real('genesyscloud_task_management_worktype_status.received') },
      defaultPriority: 7,
    });
    expect(worktype.schema).toBeUndefined();
    // Genesys's own Open and Closed statuses are there beside the project's.
    const statuses = await client.get<Entities<Named & { category: string }>>(
      `/api/v2/taskmanagement/worktypes/${worktypeId}/statuses`,
    );
    expect(statuses.entities.map((s) => `${s.name}:${s.category}`).sort()).toEqual([
      'Closed:Closed',
      'Open:Open',
      'Paid:Closed',
      'Received:Open',
      'Review:InProgress',
    ]);
    const received = await client.get<Record<string, unknown>>(
      `/api/v2/taskmanagement/worktypes/${worktypeId}/statuses/${real('genesyscloud_task_management_worktype_status.received')}`,
    );
    expect(received).toMatchObject({
      destinationStatuses: [{ id: real('genesyscloud_task_management_worktype_status.review') }],
      defaultDestinationStatus: { id: real('genesyscloud_task_management_worktype_status.review') },
      statusTransitionDelaySeconds: 60,
    });

    // A workitem starts in the default status and may move only where its transition allows.
    const item = await client.post<{ id: string; status: { id: string } }>('/api/v2/taskmanagement/workitems', {
      name: 'Claim 1',
      typeId: worktypeId,
    });
    expect(item.status.id).toBe(real('genesyscloud_task_management_worktype_status.received'));
    const refused = await client
      .patch(`/api/v2/taskmanagement/workitems/${item.id}`, {
        statusId: real('genesyscloud_task_management_worktype_status.paid'),
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GenesysApiError);
    expect((refused as GenesysApiError).status).toBe(400);
    expect((refused as Error).message).toContain('can move to "Review" only');
    const moved = await client.patch<{ status: { id: string } }>(`/api/v2/taskmanagement/workitems/${item.id}`, {
      statusId: real('genesyscloud_task_management_worktype_status.review'),
    });
    expect(moved.status.id).toBe(real('genesyscloud_task_management_worktype_status.review'));

    // The rule conditions name the statuses the org holds, not the synthetic ids.
    const rules = `/api/v2/taskmanagement/worktypes/${worktypeId}/flows`;
    const changes = await client.get<Entities<Named & { condition: Record<string, unknown> }>>(
      `${rules}/onattributechange/rules`,
    );
    expect(changes.entities).toMatchObject([
      {
        name: 'Claim paid',
        condition: {
          attribute: 'statusId',
          oldValue: real('genesyscloud_task_management_worktype_status.review'),
          newValue: real('genesyscloud_task_management_worktype_status.paid'),
        },
      },
    ]);
    expect((await client.get<Entities<Named>>(`${rules}/oncreate/rules`)).entities.map((r) => r.name)).toEqual([
      'Claim created',
    ]);
    expect(
      (await client.get<Entities<Named & { condition: unknown }>>(`${rules}/datebased/rules`)).entities,
    ).toMatchObject([
      { name: 'Claim nearly due', condition: { attribute: 'dateDue', relativeMinutesToInvocation: -30 } },
    ]);

    // A second run (a restart of `up` against the same emulator) keeps what is there.
    const again = await provisionOrgData(client, bundle.orgData!);
    expect(again.lines.filter((l) => l.endsWith('(already there)')).length).toBe(9);
    expect(again.ids[tm.worktypes[0]!.id]).toBe(worktypeId);
  });

  it('a refusal is a coded error naming the object and the answer', async () => {
    dir = mkdtempSync(join(tmpdir(), 'org-tm-'));
    writeFileSync(
      join(dir, 'main.tf'),
      `resource "genesyscloud_task_management_workbin" "bin" { name = "Bin" }
resource "genesyscloud_task_management_worktype" "t" {
  name               = "Claim"
  default_workbin_id = genesyscloud_task_management_workbin.bin.id
}
resource "genesyscloud_task_management_worktype_status" "s" {
  worktype_id = genesyscloud_task_management_worktype.t.id
  name        = "Parked"
  category    = "Sleeping"
}
`,
    );
    writeFileSync(join(dir, 'flow.yaml'), FLOW_YAML);
    const { bundle } = inferBundle(dir);
    emu = createEmulator({ rateLimitPerMinute: 0 });
    const client = createGenesysClient({
      baseUrl: IN_PROCESS_BASE_URL,
      clientId: emu.admin.clientId,
      clientSecret: emu.admin.clientSecret,
      fetch: emu.fetch,
    });
    const err = await provisionOrgData(client, bundle.orgData!).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'SB_RUNTIME_ORG_DATA',
      details: {
        object: 'status "Parked" (Sleeping) of worktype "Claim" (genesyscloud_task_management_worktype_status.s)',
      },
    });
    expect((err as Error).message).toMatch(/category/);
  });
});
