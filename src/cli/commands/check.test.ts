// `switchboard check` as a user runs it: a real process, exit codes, JSON and human output.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLUEPRINTS_DIR, REPO_ROOT, blueprintPath } from '../../../test/support/shared.ts';

const BIN = resolve(REPO_ROOT, 'bin/switchboard.mjs');

function cli(...args: string[]) {
  return cliWith({ ...process.env, SWITCHBOARD_BLUEPRINTS_DIR: BLUEPRINTS_DIR }, ...args);
}

function cliWith(env: NodeJS.ProcessEnv, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'check', ...args], { cwd: REPO_ROOT, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('switchboard check', () => {
  it('exits 1 with the findings as JSON for the published callback folder', () => {
    const r = cli(blueprintPath('callback-prioritization/main'), '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      mode: string;
      counts: { error: number };
      findings: Array<{ rule: string; file: string; severity: string; location: string; hint: string }>;
    };
    expect(report.mode).toBe('folder');
    expect(report.counts.error).toBe(report.findings.filter((f) => f.severity === 'error').length);
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        rule: 'action/invalid-default-json',
        file: 'exports/Get-Interaction-State.custom.json',
        location: '/config/response/translationMapDefaults/state',
      }),
    );
    expect(report.findings.map((f) => f.rule)).toEqual(
      expect.arrayContaining(['flow/unassigned-variable', 'trigger/input-never-sent']),
    );
  }, 30_000);

  it('exits 0 for a shipped solution bundle', () => {
    const r = cli('solutions/callback-prioritization');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Checked bundle "callback-prioritization" /);
    expect(r.stdout).toMatch(/\n0 errors, 0 warnings, \d+ info\n$/);
  }, 30_000);

  it('resolves @blueprints/ paths from SWITCHBOARD_BLUEPRINTS_DIR or --blueprints-dir, and without a root exits 2 naming the manifest field', () => {
    const bundle = 'test/fixtures/published-bundles/callback-prioritization';
    expect(cli(bundle).code).toBe(1);
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => k !== 'SWITCHBOARD_BLUEPRINTS_DIR' && k !== 'SWITCHBOARD_SHARED_DIR'),
    );
    expect(cliWith(env, bundle, '--blueprints-dir', BLUEPRINTS_DIR).code).toBe(1);
    const r = cliWith(env, bundle);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SB_BLUEPRINTS_ROOT_UNSET');
    expect(r.stderr).toContain(
      '/integrations/0/actions/0 ("@blueprints/callback-prioritization/main/exports/Get-Callback-Priority.custom.json")',
    );
    expect(r.stderr).toContain('SWITCHBOARD_BLUEPRINTS_DIR');
  }, 30_000);

  it('prints findings grouped by file with rule, location and hint', () => {
    const r = cli(blueprintPath('terminate-voice-calls-with-no-queue/update-external-tag'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      [
        'GetGenesysCloudUserPresenceDefinition.custom.json',
        '  error   action/invalid-default-json  at /config/response/translationMapDefaults/systemPresence',
        '          data action "GetGenesysCloudUserPresenceDefinition": the default of systemPresence is "Not Found", which is not JSON; the success template gets invalid JSON whenever the default applies',
        '          hint: Write the default as JSON text: "\\"Not Found\\"".',
      ].join('\n'),
    );
  }, 30_000);

  it('lists what it loaded and every file it skipped with why, without echoing a skipped file; a .json data-action export is loaded by its shape', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-check-mixed-'));
    try {
      const example = (f: string): string => readFileSync(resolve(REPO_ROOT, 'examples/bundle', f), 'utf8');
      writeFileSync(join(dir, 'trigger.json'), example('trigger.json'));
      writeFileSync(join(dir, 'truncated-trigger.json'), example('trigger.json').slice(0, 200));
      writeFileSync(join(dir, 'Set-External-Tag.json'), example('set-external-tag.custom.json'));
      writeFileSync(join(dir, 'tag-calls-without-queue.yaml'), example('tag-calls-without-queue.yaml'));
      writeFileSync(join(dir, 'notes.txt'), 'hunter2 is the password\n');
      writeFileSync(join(dir, 'random.json'), '{"note": "hunter2 wrote this"}');
      writeFileSync(join(dir, 'garbage.json'), 'hunter2 is not JSON');
      const text = cli(dir);
      expect(text.code, text.stdout + text.stderr).toBe(0);
      expect(text.stdout).not.toContain('hunter2');
      expect(text.stdout).toMatch(
        /\nLoaded 3 artifacts:\n {2}data action +Set-External-Tag\.json +"Set External Tag"\n {2}flow +tag-calls-without-queue\.yaml +"Tag Calls Without Queue"\n {2}trigger +trigger\.json +"Outbound call without a queue"\n/,
      );
      expect(text.stdout).toContain('\nSkipped 4 files:\n');
      expect(text.stdout).toMatch(/ {2}garbage\.json +not valid JSON/);
      expect(text.stdout).toMatch(/ {2}notes\.txt +not a kind of file check reads/);
      expect(text.stdout).toMatch(/ {2}random\.json +JSON that is neither a trigger .* nor a data action/);
      expect(text.stdout).toMatch(/ {2}truncated-trigger\.json +not valid JSON: it ends early \(truncated\?\)/);
      const json = cli(dir, '--json');
      expect(json.stdout).not.toContain('hunter2');
      const report = JSON.parse(json.stdout) as {
        loaded: { file: string; kind: string; name: string }[];
        skipped: { file: string; reason: string }[];
      };
      expect(report.loaded.map((l) => [l.kind, l.file])).toEqual([
        ['data action', 'Set-External-Tag.json'],
        ['flow', 'tag-calls-without-queue.yaml'],
        ['trigger', 'trigger.json'],
      ]);
      expect(report.skipped.map((s) => s.file)).toEqual([
        'garbage.json',
        'notes.txt',
        'random.json',
        'truncated-trigger.json',
      ]);
      expect(report.skipped.every((s) => s.reason.length > 0)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('an empty folder, or one where nothing loads, is an error, not "0 errors"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-check-empty-'));
    try {
      const empty = cli(dir);
      expect(empty.code).toBe(1);
      expect(empty.stdout).toContain('folder/nothing-loaded');
      expect(empty.stdout).toMatch(/\n1 error, 0 warnings, 0 info\n$/);
      writeFileSync(join(dir, 'README.md'), '# notes\n');
      const json = JSON.parse(cli(dir, '--json').stdout) as {
        counts: { error: number };
        findings: { rule: string }[];
        skipped: { file: string }[];
      };
      expect(json.counts.error).toBe(1);
      expect(json.findings.map((f) => f.rule)).toEqual(['folder/nothing-loaded']);
      expect(json.skipped.map((s) => s.file)).toEqual(['README.md']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('exits 2 for a folder that does not exist', () => {
    const r = cli('no-such-folder');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error SB_BLUEPRINTS_DIR_UNREADABLE: the folder to check must exist; no-such-folder');
  }, 30_000);
});
