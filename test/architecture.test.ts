// Dependencies point one way: pure core ← engines ← runtime ← cli/console. This test reads every
// import in src/ and fails on an edge the graph below does not allow.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

/** Which contexts each context may import (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  lint: [],
  genesys: ['core'],
  store: ['core'],
  triggers: ['core'],
  actions: ['core'],
  architect: ['core'],
  workflows: ['core', 'store', 'architect', 'actions'],
  emulator: ['core', 'triggers', 'actions'],
  outbound: ['core', 'genesys'],
  'third-party': ['core'],
  blueprints: ['core', 'triggers', 'actions', 'architect', 'workflows'],
  deploy: ['core', 'genesys', 'triggers', 'actions', 'architect', 'blueprints'],
  runtime: [
    'core',
    'genesys',
    'store',
    'triggers',
    'actions',
    'architect',
    'workflows',
    'emulator',
    'outbound',
    'blueprints',
    'third-party',
  ],
  demo: ['core', 'emulator', 'blueprints', 'runtime'],
  console: [
    'core',
    'runtime',
    'emulator',
    'triggers',
    'actions',
    'architect',
    'workflows',
    'store',
    'blueprints',
    'outbound',
    'genesys',
    'third-party',
  ],
  cli: [
    'core',
    'genesys',
    'store',
    'triggers',
    'actions',
    'architect',
    'workflows',
    'emulator',
    'outbound',
    'blueprints',
    'runtime',
    'console',
    'deploy',
    'demo',
    'third-party',
  ],
};

/** The package's entry points (package.json `exports`). */
const DOORS = ['index.ts', 'testing.ts', 'eslint-plugin.ts'];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(p).isDirectory() ? walk(p) : /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

const contextOf = (file: string): string => relative(SRC, file).split(sep)[0] ?? '';

describe('architecture', () => {
  const files = walk(SRC).filter((f) => contextOf(f) in ALLOWED);
  it('every context under src/ is in the dependency graph', () => {
    const dirs = readdirSync(SRC).filter((n) => statSync(join(SRC, n)).isDirectory());
    expect(dirs.filter((d) => !(d in ALLOWED))).toEqual([]);
  });
  it('imports follow the allowed direction', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = contextOf(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
        const target = resolve(dirname(file), m[1]!);
        if (!target.startsWith(SRC + sep)) continue;
        const to = contextOf(target);
        if (to !== from && !ALLOWED[from]!.includes(to)) violations.push(`${relative(SRC, file)} → ${to}`);
      }
    }
    expect(violations).toEqual([]);
  });
  // src/index.ts and src/testing.ts are the package's doors (its `exports`): they sit outside every
  // context and may re-export any of them; no context may reach back through a door.
  it('no context imports the package doors', () => {
    const doors = DOORS.map((d) => join(SRC, d));
    const violations = files.filter((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)].some((m) =>
        doors.includes(resolve(dirname(file), m[1]!)),
      ),
    );
    expect(violations.map((f) => relative(SRC, f))).toEqual([]);
  });
  it('the doors are the only modules outside a context', () => {
    expect(
      readdirSync(SRC)
        .filter((n) => !statSync(join(SRC, n)).isDirectory())
        .sort(),
    ).toEqual([...DOORS].sort());
  });
});
