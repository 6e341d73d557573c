import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { switchboardPackage } from './package-root.ts';

const work = mkdtempSync(join(tmpdir(), 'sb-pkg-root-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('switchboardPackage', () => {
  it('finds this package from a source folder', () => {
    const info = switchboardPackage(import.meta.dirname);
    expect(info.root).toBe(resolve(import.meta.dirname, '..', '..'));
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('walks past package.json files of other packages, at any depth', () => {
    writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'switchboard', version: '9.8.7' }));
    const deep = join(work, 'dist', 'chunks', 'node_modules', 'other');
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'package.json'), JSON.stringify({ name: 'other', version: '1.0.0' }));
    expect(switchboardPackage(deep)).toEqual({ root: work, version: '9.8.7' });
  });

  it('says so when no Switchboard package holds the folder', () => {
    const lone = mkdtempSync(join(tmpdir(), 'sb-no-pkg-'));
    try {
      expect(() => switchboardPackage(lone)).toThrow(/no package.json named "switchboard"/);
    } finally {
      rmSync(lone, { recursive: true, force: true });
    }
  });
});
