/**
 * docs/ARCHITECTURE.md follows one event file by file; a renamed or removed file must not leave it
 * pointing at nothing. Every repository path it names in backticks must exist, and a file name it
 * gives must be a whole path from the repository root (a bare `provider-contract.ts` cannot be checked or found).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const DOC = readFileSync(join(ROOT, 'docs', 'ARCHITECTURE.md'), 'utf8');
const ROOTS = ['src/', 'test/', 'bench/', 'scripts/', 'docs/', 'bin/', 'solutions/', 'examples/', 'dist/'];
const code = [...DOC.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);

describe('docs/ARCHITECTURE.md', () => {
  it('names only paths that exist', () => {
    const named = code.filter((c) => ROOTS.some((r) => c.startsWith(r)) && !c.includes(' ') && !c.includes('<'));
    expect(named.length).toBeGreaterThan(20);
    // Built paths (dist/…) exist only after a build; check the ones that are sources.
    const missing = named.filter((p) => !p.startsWith('dist/') && !existsSync(join(ROOT, p.replace(/\/\*.*$/, ''))));
    expect(missing).toEqual([]);
  });

  it('gives every source file as a whole path', () => {
    // `index.ts` (every context's door) and `.d.ts` are kinds of file, not files.
    const generic = new Set(['index.ts', '.d.ts']);
    const bare = code.filter(
      (c) => /^[\w./-]+\.(ts|mjs|md)$/.test(c) && !generic.has(c) && !ROOTS.some((r) => c.startsWith(r)),
    );
    expect(bare).toEqual([]);
  });
});
