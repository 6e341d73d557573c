// Small Terraform projects written to a temporary folder, for the tests of the Terraform reader.
import { expect } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadTerraformProjectSync } from './load.ts';
import type { TerraformLoadOptions, TerraformProject } from './load.ts';

/** Write files into a new folder; returns its path. */
export function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-tf-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Load a project made of these files. */
export function load(files: Record<string, string>, options: TerraformLoadOptions = {}): TerraformProject {
  return loadTerraformProjectSync(folder(files), options);
}

/** The evaluated outputs of a root module (the simplest window on an expression's value). */
export function outputs(
  tf: string,
  options: TerraformLoadOptions = {},
  extra: Record<string, string> = {},
): Record<string, unknown> {
  const p = load({ 'main.tf': tf, ...extra }, options);
  expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return p.outputs;
}

/** The error diagnostics, as code, file:line and construct. */
export const errors = (p: TerraformProject) =>
  p.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({ code: d.code, at: `${d.file}:${d.line}`, construct: d.construct }));
