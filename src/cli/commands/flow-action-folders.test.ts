// `switchboard flow run --actions <folder>`: the data actions a project's Terraform defines (their
// variables from --var; a variable without a value is refused as terraform plan refuses it), a
// bundle's, or the exports of a whole repository found by walking it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = resolve(ROOT, 'bin/switchboard.mjs');
const TF = resolve(ROOT, 'examples/terraform');
const SUBS = JSON.stringify({
  flow_name: 'Tag',
  data_action_category: 'Switchboard Examples',
  data_action_name: 'Set External Tag',
  external_tag: 'No queue',
});

function run(args: string[], actions = TF): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    process.execPath,
    [
      BIN,
      'flow',
      'run',
      resolve(TF, 'tag-calls-without-queue.yaml'),
      '--actions',
      actions,
      '--substitutions',
      SUBS,
      ...args,
    ],
    { encoding: 'utf8', env: { ...process.env, SWITCHBOARD_LOG_LEVEL: 'warn' } },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('switchboard flow run --actions <Terraform folder>', () => {
  it("runs the flow with the project's genesyscloud_integration_action, its variables from --var", () => {
    const r = run(['--var', 'oauth_credential_id=example', '--input', '{"conversationId":"c-1"}', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { status: string; steps: Array<{ name?: string; outcome?: string }> };
    expect(out.status).toBe('completed');
    // The action ran (the conversation is not in the demo org, so it answered 404 and took its failure path).
    expect(JSON.stringify(out)).toContain('Set External Tag');
    expect(JSON.stringify(out)).toContain('conversation c-1 not found');
  });

  it('a variable without a value is refused, naming it, as terraform plan refuses it', () => {
    const r = run([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"oauth_credential_id" is not set');
  });

  it("a whole repository's exports, wherever they are, and a bundle's actions", () => {
    const repo = mkdtempSync(join(tmpdir(), 'flow-repo-'));
    try {
      mkdirSync(join(repo, 'exports', 'actions'), { recursive: true });
      copyFileSync(
        resolve(ROOT, 'examples/bundle/set-external-tag.custom.json'),
        join(repo, 'exports', 'actions', 'Set-External-Tag.custom.json'),
      );
      writeFileSync(join(repo, 'README.md'), 'a blueprint');
      // A bundle whose action sits in a folder of its own, named by its manifest.
      const bundle = join(repo, 'bundle');
      mkdirSync(join(bundle, 'actions'), { recursive: true });
      copyFileSync(
        resolve(ROOT, 'examples/bundle/set-external-tag.custom.json'),
        join(bundle, 'actions', 'tag.custom.json'),
      );
      copyFileSync(resolve(TF, 'tag-calls-without-queue.yaml'), join(bundle, 'flow.yaml'));
      writeFileSync(
        join(bundle, 'switchboard.json'),
        JSON.stringify({
          name: 'tagging',
          integrations: [{ name: 'Switchboard Examples', actions: ['actions/tag.custom.json'] }],
          workflows: [{ file: 'flow.yaml', substitutions: JSON.parse(SUBS) as Record<string, string> }],
        }),
      );
      for (const folder of [repo, bundle]) {
        const r = run(['--input', '{"conversationId":"c-2"}', '--json'], folder);
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout).toContain('conversation c-2 not found');
      }
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
