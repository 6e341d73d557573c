/**
 * @module
 * Reading Terraform: parsing the `.tf` files of the shipped solutions with tree-sitter's HCL
 * grammar (what Switchboard uses: a syntax tree with lines, expressions kept as nodes) beside
 * @cdktf/hcl2json (HashiCorp's HCL library compiled to WebAssembly: JSON out, expressions as
 * `${…}` strings, no lines), and loading a whole project (parse and evaluate) beside the peer's
 * parse alone of the same files.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { SOLUTIONS } from '../src/blueprints/index.ts';
import { loadTerraformProjectSync } from '../src/blueprints/terraform/index.ts';
import { parseHclFile } from '../src/blueprints/terraform/parser.ts';
import type { BenchRow } from './types.ts';

function tfFiles(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.tf'))
    .sort()
    .map((n) => ({ file: join(dir, n), text: readFileSync(join(dir, n), 'utf8') }));
}

async function timeAsync(rounds: number, f: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await f();
  const t = performance.now();
  for (let i = 0; i < rounds; i++) await f();
  return (performance.now() - t) / rounds;
}

function time(rounds: number, f: () => unknown): number {
  for (let i = 0; i < 3; i++) f();
  const t = performance.now();
  for (let i = 0; i < rounds; i++) f();
  return (performance.now() - t) / rounds;
}

/** Run the bench. */
export async function run(): Promise<BenchRow[]> {
  const all = SOLUTIONS.flatMap((s) => tfFiles(join(s.dir, 'terraform')));
  const bytes = all.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const big = Array.from({ length: 20 }, () => all.map((f) => f.text).join('\n')).join('\n');
  const rounds = 30;

  const oursAll = time(rounds, () => all.map((f) => parseHclFile(f.file, f.text)));
  const peerAll = await timeAsync(rounds, () => Promise.all(all.map((f) => hcl2json(f.file, f.text))));
  const oursBig = time(10, () => parseHclFile('big.tf', big));
  const peerBig = await timeAsync(10, () => hcl2json('big.tf', big));

  const project = join(SOLUTIONS.find((s) => s.id === 'callback-prioritization')!.dir, 'terraform');
  const projectFiles = tfFiles(project);
  const oursLoad = time(rounds, () => loadTerraformProjectSync(project));
  const peerLoad = await timeAsync(rounds, () => Promise.all(projectFiles.map((f) => hcl2json(f.file, f.text))));

  return [
    {
      suite: 'terraform',
      name: `parse the solutions' ${all.length} .tf files (${(bytes / 1024).toFixed(1)} KB)`,
      value: oursAll,
      unit: 'ms',
      peer: '@cdktf/hcl2json',
      peerValue: peerAll,
    },
    {
      suite: 'terraform',
      name: `parse one ${(Buffer.byteLength(big) / 1024).toFixed(0)} KB .tf file`,
      value: oursBig,
      unit: 'ms',
      peer: '@cdktf/hcl2json',
      peerValue: peerBig,
    },
    {
      suite: 'terraform',
      name: 'load callback-prioritization/terraform (parse + evaluate + read 5 files)',
      value: oursLoad,
      unit: 'ms',
      peer: '@cdktf/hcl2json parse only',
      peerValue: peerLoad,
    },
  ];
}
