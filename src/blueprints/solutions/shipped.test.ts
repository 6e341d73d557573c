// The solutions Switchboard ships (solutions/ at the package root): every bundle names only files
// of its own solution folder and no @blueprints/ path, loads without any blueprints root, checks
// without errors or warnings, and its solution's terraform/ folder deploys the same files,
// permissions and configuration the bundles run (read loosely: no HCL evaluation).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../../core/index.ts';
import { findManifest } from '../bundle-reader.ts';
import { checkPath } from '../check/runner.ts';
import { permissionId } from '../check/permissions.ts';
import { loadBundle } from '../load-bundle.ts';
import { parseManifest } from '../manifest.ts';
import type { BundleManifest } from '../manifest.ts';
import { SOLUTIONS, SOLUTIONS_DIR, loadSolution, solutionBundleDir } from './index.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');

function manifestOf(dir: string): BundleManifest {
  const file = findManifest(dir);
  if (!file) throw new Error(`${dir} has no manifest`);
  return parseManifest(readFileSync(file, 'utf8'), file);
}

/** Every file path a manifest names. */
function refsOf(m: BundleManifest): string[] {
  return [...m.integrations.flatMap((i) => i.actions), ...m.workflows.map((w) => w.file), ...m.triggers.flatMap((t) => (t.file === undefined ? [] : [t.file]))];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

const bundles = SOLUTIONS.flatMap((s) => s.bundles.map((b) => ({ solution: s, bundle: b, label: `${s.id}/${b.id}` })));

describe('the solution catalogue', () => {
  it('is the solutions/ folder of the package: one catalogued solution per folder, one catalogued bundle per manifest', () => {
    expect(SOLUTIONS_DIR).toBe(resolve(REPO_ROOT, 'solutions'));
    const folders = readdirSync(SOLUTIONS_DIR).filter((n) => statSync(join(SOLUTIONS_DIR, n)).isDirectory());
    expect(folders.sort()).toEqual(SOLUTIONS.map((s) => s.id).sort());
    const manifests = filesUnder(SOLUTIONS_DIR).filter((f) => f.endsWith(`${sep}switchboard.json`)).map((f) => resolve(f, '..')).sort();
    expect(manifests).toEqual(bundles.map((b) => b.bundle.dir).sort());
    for (const s of SOLUTIONS) expect(s.bundles[0]!.id).toBe('main');
    for (const { bundle } of bundles) expect(resolve(REPO_ROOT, bundle.path)).toBe(bundle.dir);
  });

  it('names a bundle folder, and refuses an unknown solution or bundle with the known names', () => {
    expect(solutionBundleDir('terminate-no-queue')).toBe(resolve(SOLUTIONS_DIR, 'terminate-no-queue'));
    expect(solutionBundleDir('terminate-no-queue', 'pstn-leg-check')).toBe(resolve(SOLUTIONS_DIR, 'terminate-no-queue/pstn-leg-check'));
    const unknown = (f: () => unknown): unknown => {
      try {
        f();
      } catch (e) {
        return isSwitchboardError(e) ? { code: e.code, message: e.message } : e;
      }
      return undefined;
    };
    expect(unknown(() => solutionBundleDir('terminate-no-queue', 'corrected'))).toEqual({
      code: 'SB_BLUEPRINTS_SOLUTION_UNKNOWN',
      message: 'a solution must be one of those Switchboard ships; solution "terminate-no-queue" has no bundle "corrected" (known: main, pstn-leg-check)',
    });
    expect(unknown(() => loadSolution('presence'))).toMatchObject({ code: 'SB_BLUEPRINTS_SOLUTION_UNKNOWN', message: expect.stringContaining('there is no solution "presence" (known: terminate-no-queue, presence-tag, presence-busy, callback-prioritization, outbound-on-behalf)') });
  });
});

describe.each(bundles)('bundle $label', ({ solution, bundle }) => {
  const manifest = manifestOf(bundle.dir);

  it('names only existing files of its solution folder, and no @blueprints/ path', () => {
    for (const ref of refsOf(manifest)) {
      expect(ref.startsWith('@blueprints/'), ref).toBe(false);
      const path = resolve(bundle.dir, ref);
      expect(relative(solution.dir, path).startsWith('..'), `${ref} leaves ${solution.id}/`).toBe(false);
      expect(existsSync(path), ref).toBe(true);
    }
  });

  it('loads with any blueprints root, or a root that does not exist', () => {
    const loaded = loadBundle(bundle.dir, { blueprintsDir: resolve(REPO_ROOT, 'no-such-folder') });
    expect(loaded.name).toBe(manifest.name);
    expect(loaded.actions.map((a) => a.file).sort()).toEqual(manifest.integrations.flatMap((i) => i.actions).sort());
    expect(loaded.triggers.map((t) => t.workflow)).toEqual(manifest.triggers.map((t) => t.workflow));
  });

  it('checks without errors or warnings', () => {
    const report = checkPath(bundle.dir);
    expect(report.mode).toBe('bundle');
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

/** The string literals of `${path.module}/../<file>` in the Terraform files: the solution files they deploy. */
function terraformFiles(tf: string): string[] {
  return [...tf.matchAll(/"\$\{path\.module\}\/\.\.\/([^"$]+)"/g)].map((m) => m[1]!);
}

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

describe.each(SOLUTIONS.map((s) => ({ solution: s, id: s.id })))('terraform/ of $id', ({ solution }) => {
  const dir = resolve(solution.dir, 'terraform');
  const text = (name: string): string => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : '');
  const tf = readdirSync(dir).filter((f) => f.endsWith('.tf')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  const manifests = solution.bundles.map((b) => ({ dir: b.dir, manifest: manifestOf(b.dir) }));

  it('has the files of a CX as Code root: versions, variables, main and outputs', () => {
    for (const f of ['versions.tf', 'variables.tf', 'main.tf', 'outputs.tf']) expect(text(f), f).not.toBe('');
    expect(text('versions.tf')).toMatch(/source\s*=\s*"mypurecloud\/genesyscloud"/);
    expect(tf).toMatch(/resource "genesyscloud_auth_role"/);
    expect(tf).toMatch(/resource "genesyscloud_oauth_client"[^]*authorized_grant_type\s*=\s*"CLIENT-CREDENTIALS"/);
  });

  it('deploys exactly the files the bundles name', () => {
    const named = new Set(manifests.flatMap(({ dir: d, manifest }) => refsOf(manifest).map((ref) => relative(solution.dir, resolve(d, ref)).split(sep).join('/'))));
    expect(new Set(terraformFiles(tf))).toEqual(named);
    for (const f of terraformFiles(tf)) expect(existsSync(resolve(solution.dir, f)), f).toBe(true);
  });

  it('creates the integration, actions, flows and triggers the bundles run', () => {
    const workflows = manifests.flatMap(({ manifest }) => manifest.workflows);
    const actions = manifests.flatMap(({ manifest }) => manifest.integrations.flatMap((i) => i.actions));
    expect(/resource "genesyscloud_integration" /.test(tf)).toBe(actions.length > 0);
    expect(/resource "genesyscloud_integration_action" /.test(tf)).toBe(actions.length > 0);
    // A solution with several bundles deploys one of them at a time (a variable picks it).
    const most = (count: (m: BundleManifest) => number): number => Math.max(...manifests.map(({ manifest }) => count(manifest)));
    expect(tf.match(/resource "genesyscloud_flow" /g)?.length ?? 0).toBe(most((m) => m.workflows.length));
    expect(tf.match(/resource "genesyscloud_processautomation_trigger" /g)?.length ?? 0).toBe(most((m) => m.triggers.length));
    if (actions.length > 0) expect(tf).toMatch(/integration_type\s*=\s*"purecloud-data-actions"/);
    for (const w of workflows) {
      for (const key of Object.keys(w.substitutions ?? {})) expect(tf, `substitution ${key}`).toMatch(new RegExp(`\\b${key}\\s*=`));
    }
  });

  it('grants the OAuth client exactly the permissions the bundles declare', () => {
    const declared = new Set(manifests.flatMap(({ manifest }) => manifest.integrations.flatMap((i) => (i.permissions ?? []).map(permissionId))));
    const granted = new Set([...tf.matchAll(/"([a-z]+:[A-Za-z*]+:[A-Za-z*]+)"/g)].map((m) => m[1]!));
    expect(granted).toEqual(declared);
  });

  it('defaults its variables to the bundles\' configuration and integration name', () => {
    const variables = text('variables.tf');
    const defaultOf = (name: string): string | undefined => new RegExp(`variable "${name}" \\{[^}]*?default\\s*=\\s*("(?:[^"\\\\]|\\\\.)*"|-?\\d+)`).exec(variables)?.[1];
    for (const { manifest } of manifests) {
      for (const [point, spec] of Object.entries(manifest.config ?? {})) expect(defaultOf(snake(point)), point).toBe(JSON.stringify(spec.default));
      const integration = manifest.integrations.find((i) => i.actions.length > 0);
      if (integration) {
        expect(defaultOf('integration_name')).toBe(JSON.stringify(integration.name));
        for (const w of manifest.workflows) expect(w.substitutions?.data_action_category).toBe(integration.name);
      }
    }
  });
});
