// `switchboard flow run <file>` for a flow file that needs values only its Terraform project knows
// (an Archy YAML's {{placeholders}} filled by genesyscloud_flow substitutions, a template a
// local_file renders): it runs as the project deploys it, saying so; and a call naming no action
// binds to the export whose file is named as the call.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = resolve(ROOT, 'bin/switchboard.mjs');
const TF = resolve(ROOT, 'examples/terraform');

function run(args: string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'flow', 'run', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, SWITCHBOARD_LOG_LEVEL: 'warn' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'flow-deployed-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('switchboard flow run <a file its Terraform project deploys>', () => {
  it("fills the YAML's placeholders from the genesyscloud_flow that deploys it, with the project's data actions", () => {
    // A copy with the module layout of CX as Code projects: the flow file below the root module.
    const project = join(scratch, 'project');
    mkdirSync(join(project, 'flows'), { recursive: true });
    cpSync(join(TF, 'main.tf'), join(project, 'main.tf'));
    cpSync(join(TF, 'tag-calls-without-queue.yaml'), join(project, 'flows', 'tag.yaml'));
    writeFileSync(
      join(project, 'main.tf'),
      readFileSync(join(project, 'main.tf'), 'utf8').replaceAll(
        '${path.module}/tag-calls-without-queue.yaml',
        '${path.module}/flows/tag.yaml',
      ),
    );
    // No --actions, no --substitutions: the project is found above the file.
    const r = run([
      join(project, 'flows', 'tag.yaml'),
      '--var',
      'oauth_credential_id=example',
      '--input',
      '{"conversationId":"c-9"}',
      '--json',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('is run as genesyscloud_flow.tag_calls_without_queue deploys it');
    expect(r.stderr).toContain('4 substitutions from its Terraform project');
    const out = JSON.parse(r.stdout) as { flow: string; status: string };
    expect(out.flow).toBe('Tag Calls Without Queue');
    expect(out.status).toBe('completed');
    // The project's Set External Tag ran (the conversation is not in the demo org: 404, failure path).
    expect(r.stdout).toContain('conversation c-9 not found');
  });

  it('a variable the flow needs and nobody gave: the coded error names the resource and the variable', () => {
    const project = join(scratch, 'needs-var');
    mkdirSync(project, { recursive: true });
    cpSync(join(TF, 'tag-calls-without-queue.yaml'), join(project, 'tag-calls-without-queue.yaml'));
    writeFileSync(
      join(project, 'main.tf'),
      `variable "flow_title" {}\n${readFileSync(join(TF, 'main.tf'), 'utf8').replace('"Tag Calls Without Queue"', 'var.flow_title')}`,
    );
    const r = run([join(project, 'tag-calls-without-queue.yaml')], scratch);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('SB_BLUEPRINTS_DEPLOYED_FLOW_INVALID');
    expect(r.stderr).toContain('genesyscloud_flow.tag_calls_without_queue');
    expect(r.stderr).toContain('flow_title');
    // Given with --var, it runs.
    const ok = run([join(project, 'tag-calls-without-queue.yaml'), '--var', 'flow_title=Titled'], scratch);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('flow "Titled"');
  });

  it('given values win: --substitutions are used as given, no project is read', () => {
    const r = run([
      join(TF, 'tag-calls-without-queue.yaml'),
      '--substitutions',
      '{"flow_name":"Mine","data_action_category":"C","data_action_name":"Nope","external_tag":"t"}',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toContain('is run as');
    expect(r.stderr).toContain('"Nope"');
  });

  it('a project that does not evaluate: the import error says so, with the errors terraform plan would stop on', () => {
    const project = join(scratch, 'broken');
    mkdirSync(project, { recursive: true });
    cpSync(join(TF, 'tag-calls-without-queue.yaml'), join(project, 'tag-calls-without-queue.yaml'));
    writeFileSync(
      join(project, 'main.tf'),
      readFileSync(join(TF, 'main.tf'), 'utf8').replace('"Tag Calls Without Queue"', 'module.naming.flow_name'),
    );
    const r = run([join(project, 'tag-calls-without-queue.yaml')], scratch);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('SB_ARCHITECT_PARAM_MISSING');
    expect(r.stderr).toContain('may deploy it with its values, but does not evaluate');
    expect(r.stderr).toMatch(/main\.tf:\d+: Unsupported attribute: .*"naming"/);
  });

  it("a flow file no project deploys keeps the import's own error", () => {
    const lone = join(scratch, 'lone');
    mkdirSync(lone, { recursive: true });
    cpSync(join(TF, 'tag-calls-without-queue.yaml'), join(lone, 'flow.yaml'));
    const r = run([join(lone, 'flow.yaml')], lone);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('SB_ARCHITECT_PARAM_MISSING');
  });
});

describe('switchboard flow run: a call bound to the export whose file is named as the call', () => {
  it('binds "Set External Tag" to the action renamed in its org but saved as Set-External-Tag.custom.json', () => {
    const dir = join(scratch, 'renamed');
    mkdirSync(dir, { recursive: true });
    const action = JSON.parse(readFileSync(join(ROOT, 'examples/bundle/set-external-tag.custom.json'), 'utf8')) as {
      name: string;
    };
    action.name = 'JVM Set External Tag - Exported 2024-11-19 @ 14:10';
    writeFileSync(join(dir, 'Set-External-Tag.custom.json'), JSON.stringify(action));
    const r = run([
      join(TF, 'tag-calls-without-queue.yaml'),
      '--actions',
      dir,
      '--substitutions',
      '{"flow_name":"Tag","data_action_category":"Switchboard Examples","data_action_name":"Set External Tag","external_tag":"x"}',
      '--input',
      '{"conversationId":"c-3"}',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'note: "Set External Tag" is bound to the data action "JVM Set External Tag - Exported 2024-11-19 @ 14:10" (its export file Set-External-Tag.custom.json is named so)',
    );
    expect(r.stdout).toContain('conversation c-3 not found');
  });
});

describe('switchboard flow run: a run stopped by a NOT_SET input', () => {
  it('names the inputs --input did not give, and says how to give them', () => {
    const dir = join(scratch, 'needs-input');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'flow.yaml'),
      `workflow:
  name: Needs input
  startUpRef: "/workflow/states/state[main]"
  variables:
    - stringVariable:
        name: Flow.conversationId
        isInput: true
    - stringVariable:
        name: Flow.label
        isInput: true
        initialValue:
          lit: given
    - stringVariable:
        name: Flow.prefix
        isOutput: true
  states:
    - state:
        name: Main
        refId: main
        actions:
          - updateData:
              name: Prefix
              statements:
                - string:
                    variable: Flow.prefix
                    value:
                      exp: Substring(Flow.conversationId, 0, 2)
          - endWorkflow:
              name: End
`,
    );
    const r = run([join(dir, 'flow.yaml')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('error SB_ARCHITECT_NOT_SET');
    // Flow.label has an initial value: not listed.
    expect(r.stdout).toContain(
      `hint: inputs not given are NOT_SET: conversationId; give them with --input '{"conversationId":"…"}'`,
    );
    const ok = run([join(dir, 'flow.yaml'), '--input', '{"Flow.conversationId":"c-123"}']);
    expect(ok.status, ok.stdout).toBe(0);
    expect(ok.stdout).not.toContain('hint:');
  });
});

describe('switchboard flow run --event', () => {
  it("runs the flow with the inputs the trigger would give it from the event's top-level fields", () => {
    const r = run([
      join(ROOT, 'examples/bundle/tag-calls-without-queue.yaml'),
      '--actions',
      join(ROOT, 'examples/bundle'),
      '--event',
      join(ROOT, 'examples/events/user-start-no-queue.json'),
    ]);
    expect(r.status, r.stderr).toBe(0);
    // The event's conversationId reached the data action (the demo org does not have that call).
    expect(r.stdout).toContain('conversation 7c0d3f2e-5b1a-4e8f-9a61-2f4b8c9d0e11 not found');
  });
});
