// docs/api is generated from the public entry points' JSDoc by TypeDoc (`npm run docs:api`). This
// test generates it again into a temporary folder and fails when the committed reference is stale.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

describe('API reference', () => {
  const out = mkdtempSync(join(tmpdir(), 'api-reference-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('docs/api is what TypeDoc generates from the sources today (run `npm run docs:api`)', () => {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--out', out], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const fresh = files(out);
    const committed = files(join(ROOT, 'docs', 'api'));
    expect(Object.keys(committed).sort()).toEqual(Object.keys(fresh).sort());
    for (const [path, text] of Object.entries(fresh)) expect(committed[path], path).toBe(text);
    // Every public entry point is documented, with its JSDoc description.
    expect(fresh['README.md']).toContain('switchboard/testing');
    expect(fresh['switchboard/README.md']).toContain('defineWorkflow');
    expect(fresh['switchboard/eslint-plugin/README.md']).toContain('workflowDeterminism');
  }, 120_000);
});
