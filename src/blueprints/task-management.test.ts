// The Task Management resources of a Terraform project read as the API bodies that create them,
// references between them kept as the synthetic ids Terraform evaluated.
import { describe, expect, it } from 'vitest';
import { taskManagementLines, taskManagementOf } from './task-management.ts';
import { load } from './terraform/terraform.test-util.ts';

const TF = `
variable "division" { default = "home-division" }
variable "delay" { default = "120" }
resource "genesyscloud_routing_queue" "q" { name = "Claims" }
resource "genesyscloud_task_management_workbin" "bin" {
  name        = "Claims bin"
  description = "Open claims"
  division_id = var.division
}
resource "genesyscloud_task_management_workitem_schema" "schema" {
  name    = "Claim schema"
  enabled = true
  properties = jsonencode({
    claim_id_identifier = { allOf = [{ "$ref" = "#/definitions/identifier" }], title = "Claim id" }
  })
}
resource "genesyscloud_task_management_worktype" "claim" {
  name                         = "Claim"
  description                  = "An insurance claim"
  division_id                  = var.division
  default_workbin_id           = genesyscloud_task_management_workbin.bin.id
  default_queue_id             = genesyscloud_routing_queue.q.id
  schema_id                    = genesyscloud_task_management_workitem_schema.schema.id
  schema_version               = 2
  default_priority             = 2000
  default_duration_seconds     = 604800
  default_expiration_seconds   = 2592000
  default_due_duration_seconds = 1296000
  default_ttl_seconds          = 2678400
  default_skills_ids           = ["skill-1"]
  assignment_enabled           = true
  flow_rules_enabled           = true
}
resource "genesyscloud_task_management_worktype_status" "open" {
  worktype_id = genesyscloud_task_management_worktype.claim.id
  name        = "New claim"
  category    = "Open"
  default     = true
}
resource "genesyscloud_task_management_worktype_status" "review" {
  worktype_id            = genesyscloud_task_management_worktype.claim.id
  name                   = "Review"
  description            = "Being reviewed"
  category               = "InProgress"
  destination_status_ids = [genesyscloud_task_management_worktype_status.done.id]
}
resource "genesyscloud_task_management_worktype_status" "done" {
  worktype_id             = genesyscloud_task_management_worktype.claim.id
  name                    = "Done"
  category                = "Closed"
  auto_terminate_workitem = true
}
resource "genesyscloud_task_management_worktype_status_transition" "open" {
  worktype_id                     = genesyscloud_task_management_worktype.claim.id
  status_id                       = genesyscloud_task_management_worktype_status.open.id
  destination_status_ids          = [genesyscloud_task_management_worktype_status.review.id]
  default_destination_status_id   = genesyscloud_task_management_worktype_status.review.id
  status_transition_delay_seconds = var.delay
}
resource "genesyscloud_task_management_worktype_flow_oncreate_rule" "created" {
  worktype_id = genesyscloud_task_management_worktype.claim.id
  name        = "On create"
}
resource "genesyscloud_task_management_worktype_flow_onattributechange_rule" "reviewed" {
  worktype_id = genesyscloud_task_management_worktype.claim.id
  name        = "Reviewed"
  condition {
    attribute = "statusId"
    old_value = genesyscloud_task_management_worktype_status.review.id
    new_value = genesyscloud_task_management_worktype_status.done.id
  }
}
resource "genesyscloud_task_management_worktype_flow_datebased_rule" "due" {
  worktype_id = genesyscloud_task_management_worktype.claim.id
  name        = "Nearly due"
  condition {
    attribute                      = "dateDue"
    relative_minutes_to_invocation = -10
  }
}
`;

describe('Task Management resources', () => {
  it('are read as the bodies of the requests that create them, references as synthetic ids', () => {
    const p = load({ 'main.tf': TF });
    expect(p.skipped).toEqual([]);
    const id = (address: string) => p.resources.find((r) => r.address === address)!.id;
    const [bin, schema, claim, queue] = [
      id('genesyscloud_task_management_workbin.bin'),
      id('genesyscloud_task_management_workitem_schema.schema'),
      id('genesyscloud_task_management_worktype.claim'),
      id('genesyscloud_routing_queue.q'),
    ];
    const [open, review, done] = ['open', 'review', 'done'].map((s) =>
      id(`genesyscloud_task_management_worktype_status.${s}`),
    );
    const tm = taskManagementOf(p.resources);
    expect(tm.unread).toEqual([]);
    expect(tm.workbins).toEqual([
      { address: 'genesyscloud_task_management_workbin.bin', id: bin, name: 'Claims bin', description: 'Open claims' },
    ]);
    expect(tm.schemas).toEqual([
      {
        address: 'genesyscloud_task_management_workitem_schema.schema',
        id: schema,
        name: 'Claim schema',
        enabled: true,
        properties: { claim_id_identifier: { allOf: [{ $ref: '#/definitions/identifier' }], title: 'Claim id' } },
      },
    ]);
    // division_id is not sent: the worktype goes to its workbin's division.
    expect(tm.worktypes).toEqual([
      {
        address: 'genesyscloud_task_management_worktype.claim',
        id: claim,
        name: 'Claim',
        body: {
          name: 'Claim',
          description: 'An insurance claim',
          defaultWorkbinId: bin,
          defaultQueueId: queue,
          schemaId: schema,
          schemaVersion: 2,
          defaultPriority: 2000,
          defaultDurationSeconds: 604800,
          defaultExpirationSeconds: 2592000,
          defaultDueDurationSeconds: 1296000,
          defaultTtlSeconds: 2678400,
          defaultSkillIds: ['skill-1'],
          assignmentEnabled: true,
          ruleSettings: { flowRulesEnabled: true },
        },
      },
    ]);
    expect(tm.statuses).toEqual([
      expect.objectContaining({ id: open, worktypeId: claim, name: 'New claim', category: 'Open', default: true }),
      {
        address: 'genesyscloud_task_management_worktype_status.review',
        id: review,
        worktypeId: claim,
        name: 'Review',
        category: 'InProgress',
        default: false,
        description: 'Being reviewed',
      },
      expect.objectContaining({ id: done, category: 'Closed', default: false, autoTerminateWorkitem: true }),
    ]);
    // The deprecated fields of a status and the transition resource both give a transition; the
    // delay of a variable holding text is the number the provider sends.
    expect(tm.transitions).toEqual([
      {
        address: 'genesyscloud_task_management_worktype_status.review',
        worktypeId: claim,
        statusId: review,
        destinationStatusIds: [done],
      },
      {
        address: 'genesyscloud_task_management_worktype_status_transition.open',
        worktypeId: claim,
        statusId: open,
        destinationStatusIds: [review],
        defaultDestinationStatusId: review,
        statusTransitionDelaySeconds: 120,
      },
    ]);
    expect(tm.rules).toEqual([
      {
        address: 'genesyscloud_task_management_worktype_flow_oncreate_rule.created',
        kind: 'oncreate',
        worktypeId: claim,
        name: 'On create',
      },
      {
        address: 'genesyscloud_task_management_worktype_flow_onattributechange_rule.reviewed',
        kind: 'onattributechange',
        worktypeId: claim,
        name: 'Reviewed',
        condition: { attribute: 'statusId', oldValue: review, newValue: done },
      },
      {
        address: 'genesyscloud_task_management_worktype_flow_datebased_rule.due',
        kind: 'datebased',
        worktypeId: claim,
        name: 'Nearly due',
        condition: { attribute: 'dateDue', relativeMinutesToInvocation: -10 },
      },
    ]);
    expect(taskManagementLines(tm)).toEqual([
      'workbin      genesyscloud_task_management_workbin.bin  "Claims bin"',
      'workitem schema genesyscloud_task_management_workitem_schema.schema  "Claim schema"',
      'worktype     genesyscloud_task_management_worktype.claim  "Claim" (3 statuses, 3 rules)',
    ]);
  });

  it('says which resource it does not read for want of an argument the API requires', () => {
    const tm = taskManagementOf([
      {
        address: 'genesyscloud_task_management_worktype.t',
        type: 'genesyscloud_task_management_worktype',
        id: 'wt',
        attributes: { name: 'Claim' },
      },
      {
        address: 'genesyscloud_task_management_worktype_status.s',
        type: 'genesyscloud_task_management_worktype_status',
        id: 'st',
        attributes: { worktype_id: 'wt', name: 'Open' },
      },
    ]);
    expect(tm.worktypes).toEqual([]);
    expect(tm.statuses).toEqual([]);
    expect(tm.unread).toEqual([
      'genesyscloud_task_management_worktype.t: default_workbin_id not known, so it is not created',
      'genesyscloud_task_management_worktype_status.s: category not known, so it is not created',
    ]);
  });
});
