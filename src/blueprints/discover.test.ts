// How a plain folder's flow files are read: Archy templates Terraform deploys, flows of other types.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPath } from './check/runner.ts';
import { flow, of, trigger } from './check/fixtures.test-util.ts';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-discover-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const TF_FLOW = `resource "genesyscloud_flow" "f" {
  filepath = "\${path.module}/flows/sms.yaml.tftpl"
  substitutions = {
    flow_name = "SMS Follow-up"
  }
}

resource "genesyscloud_processautomation_trigger" "t" {
  name       = "Follow-up"
  topic_name = "v2.detail.events.conversation.{id}.acw"
  enabled    = true
  target {
    id   = genesyscloud_flow.f.id
    type = "Workflow"
  }
  match_criteria = jsonencode([{ jsonPath = "queueId", operator = "Exists", value = true }])
}
`;

describe('flows Terraform deploys from templates', () => {
  it('reads the .yaml.tftpl a genesyscloud_flow deploys as Archy YAML, with its substitutions, and pairs its trigger', () => {
    const report = checkPath(
      folder({ 'main.tf': TF_FLOW, 'flows/sms.yaml.tftpl': flow('{{flow_name}}', { actions: [] }) }),
    );
    expect(report.skipped).toEqual([]);
    expect(report.loaded.filter((a) => a.kind === 'flow')).toEqual([
      { kind: 'flow', file: 'flows/sms.yaml.tftpl', name: 'SMS Follow-up' },
    ]);
    expect(of(report.findings, 'check/pairing')).toEqual([]);
  });

  it('reads a .yml.tftpl no resource deploys when it has no placeholders, and reports one whose ${…} only templatefile() fills', () => {
    const report = checkPath(
      folder({
        'plain.yml.tftpl': flow('Plain', { actions: [] }),
        'templated.yaml.tftpl': flow('Templated ${env}', { actions: [] }),
        'escaped.tftpl': flow('Escaped $${literal}', { actions: [] }),
      }),
    );
    expect(
      report.loaded
        .filter((a) => a.kind === 'flow')
        .map((a) => [a.file, a.name])
        .sort(),
    ).toEqual([
      ['escaped.tftpl', 'Escaped ${literal}'],
      ['plain.yml.tftpl', 'Plain'],
    ]);
    expect(of(report.findings, 'flow/unresolved-placeholders').map((f) => [f.severity, f.file, f.message])).toEqual([
      [
        'info',
        'templated.yaml.tftpl',
        'the flow template has Terraform template expressions (${env}) that only templatefile() fills; it was not checked',
      ],
    ]);
  });

  it('reads whatever file a genesyscloud_flow names, and skips a Terraform template that holds no flow', () => {
    const report = checkPath(
      folder({
        'main.tf': TF_FLOW.replace('flows/sms.yaml.tftpl', 'flows/sms.flow'),
        'flows/sms.flow': flow('{{flow_name}}', { actions: [] }),
        'user-data.tftpl': '#!/bin/sh\necho ${name}\n',
      }),
    );
    expect(report.loaded.filter((a) => a.kind === 'flow').map((a) => a.file)).toEqual(['flows/sms.flow']);
    expect(report.skipped).toEqual([
      {
        file: 'user-data.tftpl',
        reason: 'a Terraform template that is not an Archy flow (no top-level workflow:, inboundCall:… mapping)',
      },
    ]);
  });
});

describe('flows of other types', () => {
  const archy = (key: string) => `${key}:\n  name: Other\n  startUpRef: "/${key}/states/state[S]"\n`;

  it('loads each by its flow type, Archy YAML and Architect exports alike, and skips an export of an unknown type', () => {
    const report = checkPath(
      folder({
        'c.yaml': archy('commonModule'),
        'm.yaml': archy('inboundShortMessage'),
        'i.yml': archy('inboundCall'),
        'b.yaml': archy('botFlow'),
        'secure.tftpl': archy('secureCall'),
        'x.i3SomethingNew': '{}',
        'other.yaml': 'Resources: {}\n',
        'ok.yaml': flow('Runs', { actions: [] }),
      }),
    );
    expect(report.skipped).toEqual([
      { file: 'other.yaml', reason: 'YAML without a top-level workflow: mapping (not an Archy flow)' },
      {
        file: 'x.i3SomethingNew',
        reason:
          'an Architect export of a flow type check does not know (.i3SomethingNew): it reads workflows, workitem flows, common modules and the flow types Architect lists (inbound call, bot…)',
      },
    ]);
    // A common module is read (it is what workflows call); the others for what they call.
    expect(report.loaded.map((a) => [a.kind, a.file])).toEqual([
      ['common module', 'c.yaml'],
      ['flow', 'ok.yaml'],
      ['bot flow', 'b.yaml'],
      ['inbound call flow', 'i.yml'],
      ['inbound message flow', 'm.yaml'],
      ['secure call flow', 'secure.tftpl'],
    ]);
    expect(report.findings.filter((f) => f.rule === 'flow/other-type').map((f) => f.message)).toContain(
      'an inbound call flow ("Other"): Switchboard runs workflows, workitem flows and common modules only; check reads the data actions and common modules it calls',
    );
  });

  it('names the export aliases by their flow type', () => {
    const report = checkPath(folder({ 'i.i3InboundFlow': '{}', 'q.i3InQueueFlow': '{}', 's.i3SecureFlow': '{}' }));
    expect(report.findings.filter((f) => f.rule === 'flow/invalid').map((f) => [f.file, f.message])).toEqual([
      ['i.i3InboundFlow', expect.stringMatching(/^an Architect inbound call flow export is base64/)],
      ['q.i3InQueueFlow', expect.stringMatching(/^an Architect in-queue call flow export is base64/)],
      ['s.i3SecureFlow', expect.stringMatching(/^an Architect secure call flow export is base64/)],
    ]);
  });

  it('a trigger of the folder still pairs with the workflow beside them', () => {
    const report = checkPath(
      folder({
        'ok.yaml': flow('Runs', { actions: [] }),
        't.json': JSON.stringify(trigger('T', 'acd.start', 'Runs')),
      }),
    );
    expect(of(report.findings, 'check/pairing')).toEqual([]);
  });
});
