import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { blueprintPath } from '../../test/support/shared.ts';
import { formatInferred, inferBundle, loadFolder } from './index.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const EXAMPLES = join(ROOT, 'examples');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A folder of exports with no manifest: the example's action, flow and trigger, plus what does not run. */
function exportsFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'infer-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'actions'));
  mkdirSync(join(dir, 'flows'));
  copyFileSync(
    join(EXAMPLES, 'bundle/set-external-tag.custom.json'),
    join(dir, 'actions/Set-External-Tag.custom.json'),
  );
  copyFileSync(join(EXAMPLES, 'bundle/tag-calls-without-queue.yaml'), join(dir, 'flows/tag-calls-without-queue.yaml'));
  copyFileSync(join(EXAMPLES, 'bundle/trigger.json'), join(dir, 'trigger.json'));
  const flow = readFileSync(join(EXAMPLES, 'bundle/tag-calls-without-queue.yaml'), 'utf8');
  // A second flow calling a data action the folder lacks, and a trigger for a flow that is not there.
  writeFileSync(
    join(dir, 'flows/broken.yaml'),
    flow.replace(/name: Tag Calls Without Queue/, 'name: Broken Flow').replaceAll('Set External Tag', 'Missing Action'),
  );
  const trigger = JSON.parse(readFileSync(join(EXAMPLES, 'bundle/trigger.json'), 'utf8'));
  writeFileSync(
    join(dir, 'orphan-trigger.json'),
    JSON.stringify({ ...trigger, name: 'Orphan', target: { ...trigger.target, id: 'No Such Flow' } }),
  );
  writeFileSync(join(dir, 'notes.txt'), 'not an artifact');
  return dir;
}

describe('inferBundle: a folder without switchboard.json', () => {
  it('keeps the trigger paired with a runnable workflow and says what it left out and why', () => {
    const dir = exportsFolder();
    const { bundle, inferred } = inferBundle(dir, { name: 'mine' });
    expect(bundle.name).toBe('mine');
    expect(bundle.triggers.map((t) => [t.name, t.workflow])).toEqual([
      ['Outbound call without a queue', 'Tag Calls Without Queue'],
    ]);
    expect(bundle.workflows.map((w) => w.name)).toEqual(['Tag Calls Without Queue']);
    expect(bundle.actions.map((a) => [a.name, a.integration])).toEqual([['Set External Tag', 'mine data actions']]);
    expect(inferred.left).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/workflow "Broken Flow" \(flows\/broken\.yaml\): .*Missing Action/),
        expect.stringMatching(/trigger "Orphan" \(orphan-trigger\.json\)/),
      ]),
    );
    const text = formatInferred(inferred, dir);
    expect(text).toContain('the bundle "mine" was inferred');
    expect(text).toMatch(/\+ trigger\s+trigger\.json {2}"Outbound call without a queue" → "Tag Calls Without Queue"/);
    expect(inferred.manifest.triggers).toEqual([{ file: 'trigger.json', workflow: 'Tag Calls Without Queue' }]);
  });

  it('--pair names the workflow a trigger starts when the folder cannot tell, and names what it cannot apply', () => {
    const dir = exportsFolder();
    const { bundle, inferred } = inferBundle(dir, { pair: { Orphan: 'Tag Calls Without Queue' } });
    expect(bundle.triggers.map((t) => [t.name, t.workflow]).sort()).toEqual([
      ['Orphan', 'Tag Calls Without Queue'],
      ['Outbound call without a queue', 'Tag Calls Without Queue'],
    ]);
    expect(inferred.left.join('\n')).not.toMatch(/trigger "Orphan"/);
    expect(inferred.manifest.triggers).toContainEqual({
      file: 'orphan-trigger.json',
      workflow: 'Tag Calls Without Queue',
    });
    expect(() => inferBundle(dir, { pair: { Nobody: 'Tag Calls Without Queue' } })).toThrow(
      expect.objectContaining({
        code: 'SB_BLUEPRINTS_BUNDLE_INVALID',
        message: expect.stringMatching(
          /--pair "Nobody=Tag Calls Without Queue" cannot be applied .*no trigger named "Nobody" was found \(triggers: .*"Orphan"/,
        ),
      }),
    );
    expect(() => inferBundle(dir, { pair: { Orphan: 'Nothing' } })).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(
          /no workflow named "Nothing" was found \(workflows: .*"Tag Calls Without Queue"/,
        ),
      }),
    );
  });

  it('a flow calling an action by its exported name ("… - Exported <date> @ <time>") runs with the action of the base name', () => {
    const dir = exportsFolder();
    rmSync(join(dir, 'flows/broken.yaml'));
    const flow = readFileSync(join(dir, 'flows/tag-calls-without-queue.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'flows/tag-calls-without-queue.yaml'),
      flow.replaceAll('Set External Tag', 'Set External Tag - Exported 2024-03-01 @ 09:15'),
    );
    const { bundle, inferred } = inferBundle(dir);
    expect(bundle.workflows.map((w) => w.name)).toEqual(['Tag Calls Without Queue']);
    expect(JSON.stringify(bundle.workflows[0]!.flow)).not.toContain('Exported');
    expect(inferred.manifest.workflows[0]).toMatchObject({
      rebind: { 'Set External Tag - Exported 2024-03-01 @ 09:15': 'Set External Tag' },
    });
  });

  it('a folder whose triggers start none of its workflows still runs them when launched, saying why no trigger does', () => {
    const dir = exportsFolder();
    rmSync(join(dir, 'trigger.json'));
    const { bundle, inferred } = inferBundle(dir);
    expect(bundle.triggers).toEqual([]);
    expect(bundle.workflows.map((w) => w.name)).toEqual(['Tag Calls Without Queue']);
    const left = inferred.left.join('\n');
    expect(left).toMatch(/trigger "Orphan" \(orphan-trigger\.json\): the workflow it starts cannot be told .*--pair/);
    expect(left).not.toContain('Tag Calls Without Queue');
    expect(inferred.found).toContain(
      'workflow     flows/tag-calls-without-queue.yaml  "Tag Calls Without Queue" (no trigger starts it; it runs when launched: POST /api/v2/flows/executions, the console)',
    );
  });

  it('a flow of another type a Terraform flow resource deploys is named once, by its type', () => {
    const dir = exportsFolder();
    writeFileSync(join(dir, 'claims.yaml'), 'inboundCall:\n  name: Claims\n');
    writeFileSync(join(dir, 'main.tf'), 'resource "genesyscloud_flow" "claims" {\n  filepath = "claims.yaml"\n}\n');
    const { inferred } = inferBundle(dir);
    const lines = inferred.left.filter((l) => l.includes('inboundCall'));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).not.toMatch(/claims\.yaml.*claims\.yaml/);
    expect(lines.join('\n')).toContain(
      'an Archy inboundCall flow; Switchboard runs workflows ("workflow:"), workitem flows ("workitem:") and common modules',
    );
  });

  it('a folder where nothing can run is an error that lists why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'infer-empty-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'readme.md'), '# nothing here');
    expect(() => inferBundle(dir)).toThrow(
      expect.objectContaining({
        code: 'SB_BLUEPRINTS_BUNDLE_INVALID',
        message: expect.stringContaining('no trigger found'),
      }),
    );
  });

  it('a workflow calling a data action a remote module that is not installed would define runs, saying so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'infer-module-'));
    dirs.push(dir);
    copyFileSync(join(EXAMPLES, 'terraform/tag-calls-without-queue.yaml'), join(dir, 'tag-calls-without-queue.yaml'));
    // The flow calls an action a remote module (not installed) would create.
    const main = readFileSync(join(EXAMPLES, 'terraform/main.tf'), 'utf8').replace(
      'data_action_name     = genesyscloud_integration_action.set_external_tag.name',
      'data_action_name     = "Send SMS"',
    );
    writeFileSync(
      join(dir, 'main.tf'),
      `${main}\nmodule "sms_action" {\n  source      = "git::https://example.com/sms-data-action-module.git?ref=main"\n  action_name = "Send SMS"\n}\n`,
    );
    const { bundle, inferred } = inferBundle(dir, { vars: { oauth_credential_id: 'example' } });
    expect(bundle.workflows.map((w) => w.name)).toHaveLength(1);
    expect(bundle.actions.map((a) => a.name)).not.toContain('Send SMS');
    expect(inferred.left.join('\n')).toMatch(
      /runs without data action "Send SMS": a module that is not installed may define it \(run `terraform init`\); until then its Call Data Action takes the Failure path/,
    );
  });

  it('a trigger whose match criteria are not known does not run (it would fire on every event)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'infer-criteria-'));
    dirs.push(dir);
    copyFileSync(join(EXAMPLES, 'terraform/tag-calls-without-queue.yaml'), join(dir, 'tag-calls-without-queue.yaml'));
    const main = readFileSync(join(EXAMPLES, 'terraform/main.tf'), 'utf8').replace(
      '{ "jsonPath" : "direction", "operator" : "Equal", "value" : "OUTBOUND" },',
      '{ "jsonPath" : "userId", "operator" : "Equal", "value" : data.genesyscloud_user.agent.id },',
    );
    writeFileSync(
      join(dir, 'main.tf'),
      `${main}\ndata "genesyscloud_user" "agent" {\n  email = "nobody@example.com"\n}\n`,
    );
    const { bundle, inferred } = inferBundle(dir, {
      vars: { oauth_credential_id: 'example' },
      resolveData: () => undefined,
    });
    expect(bundle.triggers).toEqual([]);
    expect(inferred.left.join('\n')).toMatch(/trigger ".*" \(main\.tf\): match_criteria not known \(above\)/);
  });

  it("a trigger whose target is a data source naming the project's flow runs; other providers' data sources are no problem", () => {
    const dir = mkdtempSync(join(tmpdir(), 'infer-data-'));
    dirs.push(dir);
    copyFileSync(join(EXAMPLES, 'terraform/tag-calls-without-queue.yaml'), join(dir, 'tag-calls-without-queue.yaml'));
    const main = readFileSync(join(EXAMPLES, 'terraform/main.tf'), 'utf8').replace(
      'id   = genesyscloud_flow.tag_calls_without_queue.id',
      'id   = data.genesyscloud_flow.wf.id',
    );
    writeFileSync(
      join(dir, 'main.tf'),
      `${main}
data "genesyscloud_flow" "wf" {
  depends_on = [genesyscloud_flow.tag_calls_without_queue]
  name       = "Tag Calls Without Queue"
}
data "archive_file" "zip" {
  type        = "zip"
  source_file = "handler.py"
  output_path = "handler.zip"
}
data "aws_caller_identity" "current" {}
`,
    );
    // The target org has nothing yet: what the project creates is not looked up there.
    const asked: string[] = [];
    const { bundle } = inferBundle(dir, {
      vars: { oauth_credential_id: 'example' },
      resolveData: (req) => void asked.push(req.address),
    });
    expect(asked).toEqual([]);
    expect(bundle.triggers.map((t) => [t.name, t.workflow])).toEqual([
      ['Outbound call without a queue', 'Tag Calls Without Queue'],
    ]);
  });

  it('when nothing runs, the error shows why the triggers do not first, and says how many problems it does not show', () => {
    const dir = mkdtempSync(join(tmpdir(), 'infer-many-'));
    dirs.push(dir);
    const locals = Array.from({ length: 14 }, (_, i) => `  t${i} = timestamp()`).join('\n');
    writeFileSync(
      join(dir, 'main.tf'),
      `locals {\n${locals}\n}\nresource "genesyscloud_processautomation_trigger" "t" {\n  name       = "Orphan"\n  topic_name = "v2.detail.events.conversation.{id}.customer.end"\n  enabled    = true\n  target {\n    id   = "no-such-flow"\n    type = "Workflow"\n  }\n  match_criteria = jsonencode([])\n}\n`,
    );
    let message = '';
    try {
      inferBundle(dir);
    } catch (e) {
      message = (e as Error).message;
    }
    const lines = message.split('\n').filter((l) => l.startsWith('  - '));
    expect(lines[0]).toMatch(/^ {2}- trigger "Orphan" \(main\.tf\): the workflow it starts cannot be told/);
    expect(lines).toHaveLength(13);
    expect(lines[12]).toBe(`  - … and 3 more (\`switchboard check ${dir}\` lists every one)`);
  });

  it('a Terraform project needs its variables, as terraform plan does; --var gives them', () => {
    const dir = join(EXAMPLES, 'terraform');
    expect(() => loadFolder(dir)).toThrow(
      expect.objectContaining({
        code: 'SB_BLUEPRINTS_BUNDLE_INVALID',
        message: expect.stringMatching(/main\.tf line \d+: .*"oauth_credential_id"/),
      }),
    );
    const { bundle, inferred } = loadFolder(dir, { vars: { oauth_credential_id: 'example' } });
    expect(inferred?.terraformRoots).toEqual(['.']);
    expect(bundle.actions.map((a) => [a.name, a.integration])).toEqual([['Set External Tag', 'Switchboard Examples']]);
    expect(bundle.triggers.map((t) => t.workflow)).toEqual(['Tag Calls Without Queue']);
    const env = loadFolder(dir, { env: { TF_VAR_oauth_credential_id: 'from-env' } });
    expect(env.bundle.triggers).toHaveLength(1);
  });

  it('a folder with switchboard.json is loaded as the bundle it describes', () => {
    const { bundle, inferred } = loadFolder(join(EXAMPLES, 'bundle'));
    expect(inferred).toBeUndefined();
    expect(bundle.triggers).toHaveLength(1);
  });

  it('a path that is not a folder is refused', () => {
    expect(() => loadFolder(join(EXAMPLES, 'action-input.json'))).toThrow(
      expect.objectContaining({ code: 'SB_BLUEPRINTS_DIR_UNREADABLE' }),
    );
    expect(() => loadFolder(join(EXAMPLES, 'no-such'))).toThrow(
      expect.objectContaining({ code: 'SB_BLUEPRINTS_DIR_UNREADABLE' }),
    );
  });
});

describe("inferBundle on the seeds' published Terraform (read from the shared test data)", () => {
  it('callback prioritization: its Terraform folder with dev.auto.tfvars, and the whole repository', () => {
    for (const dir of [
      blueprintPath('callback-prioritization', 'main', 'terraform'),
      blueprintPath('callback-prioritization'),
    ]) {
      const { bundle } = inferBundle(dir);
      expect(bundle.triggers.map((t) => [t.name, t.workflow])).toEqual([
        ['Callback Prioritization', 'Callback Prioritization'],
      ]);
      expect(bundle.actions.map((a) => a.name).sort()).toEqual([
        'Get Callback Priority',
        'Get Interaction State',
        'Update Callback Priority',
      ]);
    }
  });

  it('terminate calls with no queue: both Terraform variants (local modules)', () => {
    const withPbx = inferBundle(
      blueprintPath('terminate-voice-calls-with-no-queue', 'main', 'terraform-with-pbx'),
    ).bundle;
    expect(withPbx.workflows.map((w) => w.name)).toEqual([
      'Terminate Outbound Call Missing Queue with PSTN Call Leg Check',
    ]);
    expect(withPbx.actions).toHaveLength(3);
    const without = inferBundle(
      blueprintPath('terminate-voice-calls-with-no-queue', 'main', 'terraform-without-pbx'),
    ).bundle;
    expect(without.workflows.map((w) => w.name)).toEqual(['Terminate Outbound Call Missing Queue']);
    expect(without.triggers.map((t) => t.workflow)).toEqual(['Terminate Outbound Call Missing Queue']);
  });
});
