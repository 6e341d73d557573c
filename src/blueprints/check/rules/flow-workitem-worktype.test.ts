// `flow/workitem-worktype`: a workitem flow checked against the worktypes its folder's Terraform
// creates — the worktype it names, and the status names it compares its workitem's status with.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPath } from '../runner.ts';

const TF = `
resource "genesyscloud_task_management_workbin" "bin" { name = "Claims bin" }
resource "genesyscloud_task_management_worktype" "claim" {
  name               = "Claim"
  default_workbin_id = genesyscloud_task_management_workbin.bin.id
}
resource "genesyscloud_task_management_worktype_status" "review" {
  worktype_id = genesyscloud_task_management_worktype.claim.id
  name        = "In Review"
  category    = "InProgress"
}
`;

const flow = (worktype: string, switchCase: string, decided: string) => `workitem:
  name: Claims flow
  startUpRef: "/workitem/states/state[S]"
  worktype:
    name: ${worktype}
  states:
    - state:
        name: Main
        refId: S
        actions:
          - switch:
              name: By status
              evaluate:
                firstMatch:
                  string:
                    value:
                      exp: Workitem.Workitem.status.name
                    cases:
                      - case:
                          value:
                            lit: open
                          actions:
                            - exitWorkitemFlow:
                                name: Opened
                      - case:
                          value:
                            lit: ${switchCase}
                          actions:
                            - exitWorkitemFlow:
                                name: Reviewed
          - decision:
              name: Reviewed?
              condition:
                exp: Workitem.Workitem.status.name == "${decided}"
              outputs:
                yes:
                  actions:
                    - exitWorkitemFlow:
                        name: Done
`;

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function check(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'wi-check-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const report = checkPath(dir);
  return { report, found: report.findings.filter((f) => f.rule === 'flow/workitem-worktype') };
}

describe('flow/workitem-worktype', () => {
  it('is quiet for a flow of a worktype the project creates, comparing its statuses (Open is Genesys’s own)', () => {
    const { report, found } = check({ 'main.tf': TF, 'claims.yaml': flow('Claim', 'In Review', 'in review') });
    expect(found).toEqual([]);
    expect(report.loaded.filter((a) => a.kind === 'workitem flow').map((a) => a.name)).toEqual(['Claims flow']);
  });

  it('names a status the worktype lacks, in a Switch case and in a Decision, with the closest one', () => {
    const { found } = check({ 'main.tf': TF, 'claims.yaml': flow('Claim', 'In Reveiw', 'Approved') });
    expect(found.map((f) => [f.location, f.message])).toEqual([
      [
        '"By status" (0)',
        'workitem flow "Claims flow" compares its workitem\'s status with "In Reveiw", which is no status of worktype "Claim" ("Open", "Closed", "In Review"): that branch never runs; did you mean "In Review"?',
      ],
      [
        '"Reviewed?" (1)',
        'workitem flow "Claims flow" compares its workitem\'s status with "Approved", which is no status of worktype "Claim" ("Open", "Closed", "In Review"): that branch never runs',
      ],
    ]);
  });

  it('names a worktype the project does not create; without Terraform worktypes it says nothing', () => {
    const { found } = check({ 'main.tf': TF, 'claims.yaml': flow('Claims', 'In Review', 'Open') });
    expect(found.map((f) => f.message)).toEqual([
      'workitem flow "Claims flow" runs for worktype "Claims", which the project\'s Terraform does not create (it creates "Claim"); no rule will launch it; the closest is "Claim"',
    ]);
    expect(check({ 'claims.yaml': flow('Claims', 'Nope', 'Nope') }).found).toEqual([]);
  });
});
