// Every JSON and YAML file the CLI reads, as an editor on Windows saves it (with a UTF-8 byte
// order mark): the example bundle, trigger, event and data-action input, each with a BOM, read by
// check (bundle and plain folder), trigger test, action test and flow run. A message never
// carries a character nobody can see.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'bin/switchboard.mjs');
const BOM = '\uFEFF';
const dir = mkdtempSync(join(tmpdir(), 'sb-bom-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of `from` whose every file starts with a byte order mark. */
function withBom(from: string, name: string): string {
  const to = join(dir, name);
  cpSync(from, to, { recursive: true });
  for (const f of readdirSync(to)) writeFileSync(join(to, f), BOM + readFileSync(join(to, f), 'utf8'));
  return to;
}

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const bundle = withBom(resolve(ROOT, 'examples/bundle'), 'bundle');
const events = withBom(resolve(ROOT, 'examples/events'), 'events');
const input = join(dir, 'action-input.json');
writeFileSync(input, BOM + readFileSync(resolve(ROOT, 'examples/action-input.json'), 'utf8'));

describe('files with a byte order mark', () => {
  it('check loads a bundle and a plain folder whose files start with a BOM', () => {
    const asBundle = cli('check', bundle, '--json');
    expect(asBundle.code, asBundle.stdout + asBundle.stderr).toBe(0);
    const folder = withBom(resolve(ROOT, 'examples/bundle'), 'folder');
    rmSync(join(folder, 'switchboard.json'));
    const asFolder = cli('check', folder);
    expect(asFolder.code, asFolder.stdout + asFolder.stderr).toBe(0);
  }, 60_000);

  it('trigger test reads a trigger and an event saved with a BOM', () => {
    const r = cli('trigger', 'test', join(bundle, 'trigger.json'), '--event', join(events, 'user-start-no-queue.json'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }, 60_000);

  it('action test and flow run read a data action, its input and an Archy YAML saved with a BOM', () => {
    const action = cli(
      'action',
      'test',
      join(bundle, 'set-external-tag.custom.json'),
      '--input',
      `@${input}`,
      '--place-call',
    );
    expect(action.code, action.stdout + action.stderr).toBe(0);
    const flow = cli(
      'flow',
      'run',
      join(bundle, 'tag-calls-without-queue.yaml'),
      '--actions',
      bundle,
      '--input',
      '{"conversationId":"7c0d3f2e-5b1a-4e8f-9a61-2f4b8c9d0e11"}',
    );
    expect(flow.code, flow.stdout + flow.stderr).toBe(0);
  }, 60_000);
});

describe('messages', () => {
  it('write an invisible character of a broken file as an escape, never as itself', () => {
    const broken = join(dir, 'zero-width.json');
    writeFileSync(broken, '\u200B{"name": "x"}');
    for (const r of [
      cli('trigger', 'test', broken, '--event', join(events, 'user-start-no-queue.json')),
      cli('trigger', 'test', broken, '--event', broken, '--json'),
    ]) {
      expect(r.code).toBe(2);
      expect(r.stderr + r.stdout).not.toContain('\u200B');
      expect(r.stderr).toContain('\\u200B');
    }
  }, 60_000);
});
