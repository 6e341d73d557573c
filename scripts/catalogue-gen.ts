// Generates the Platform API catalogue (src/emulator/catalogue/catalogue-data.ts) from the official
// JavaScript SDK, a dev dependency, so that the emulator knows every operation without needing the
// SDK at run time; and docs/emulator-coverage.md, which operations the providers model.
//
// The SDK's api/*.js files are the source of each operation's method and path (the literal
// arguments of its `callApi`); index.d.ts adds the request and response model names.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { coverage } from '../src/emulator/catalogue/index.ts';
import type { CatalogueRow } from '../src/emulator/catalogue/index.ts';
import { emulatedRoutes } from '../src/emulator/index.ts';

export const CATALOGUE_DATA = resolve(import.meta.dirname, '../src/emulator/catalogue/catalogue-data.ts');
export const COVERAGE_DOC = resolve(import.meta.dirname, '../docs/emulator-coverage.md');
export const EMULATED_PERMISSIONS = resolve(
  import.meta.dirname,
  '../src/blueprints/check/emulated-permissions-data.ts',
);

const PREFIX = '/api/v2';

function sdkRoot(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('purecloud-platform-client-v2/package.json'));
}

/** The SDK's version, recorded in the generated files. */
export function sdkVersion(): string {
  return (JSON.parse(readFileSync(join(sdkRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

interface Signature {
  /** Parameter name → type, the `opts` fields included as `opts.<name>`. */
  readonly params: Map<string, string>;
  readonly response: string;
}

/** `Models.X` → `X`, `Array<Models.X>` → `X[]`, `void` → ''. */
function modelName(type: string): string {
  const t = type.trim();
  if (t === 'void') return '';
  const arr = /^Array<(.+)>$/.exec(t);
  if (arr) return `${modelName(arr[1]!)}[]`;
  return t.replace(/\bModels\./g, '').replace(/\s+/g, '');
}

/** Split a parameter list at its top-level commas. */
function splitParams(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if (ch === '<' || ch === '{' || ch === '(' || ch === '[') depth++;
    else if (ch === '>' || ch === '}' || ch === ')' || ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (list.trim() !== '') out.push(list.slice(start).trim());
  return out;
}

/** Parameter types and the response model per `Class.method`, read from index.d.ts. */
function readSignatures(dts: string): Map<string, Signature> {
  const out = new Map<string, Signature>();
  // Optional parameters: `export interface <method>Options { "<name>"?: T; }` inside `declare namespace <Class>`.
  const opts = new Map<string, Map<string, string>>();
  let ns = '';
  let iface: Map<string, string> | undefined;
  let cls = '';
  for (const line of dts.split('\n')) {
    const nsStart = /^declare namespace (\w+Api) \{/.exec(line);
    if (nsStart) ns = nsStart[1]!;
    const clsStart = /^declare class (\w+Api) \{/.exec(line);
    if (clsStart) cls = clsStart[1]!;
    if (line.startsWith('}')) {
      ns = cls = '';
      iface = undefined;
    }
    if (ns) {
      const i = /^\texport interface (\w+)Options \{/.exec(line);
      if (i) opts.set(`${ns}.${i[1]!}`, (iface = new Map()));
      const f = /^\t\t"(\w+)"\??: (.+);$/.exec(line);
      if (f && iface) iface.set(`opts.${f[1]!}`, f[2]!);
    }
    if (cls) {
      const m = /^\s+(\w+)\((.*)\): Promise<(.+)>;$/.exec(line);
      if (!m) continue;
      const params = new Map<string, string>();
      for (const p of splitParams(m[2]!)) {
        const at = p.indexOf(':');
        params.set(p.slice(0, at).replace(/\?$/, '').trim(), p.slice(at + 1).trim());
      }
      out.set(`${cls}.${m[1]!}`, { params, response: modelName(m[3]!) });
    }
  }
  for (const [key, sig] of out) for (const [k, v] of opts.get(key) ?? []) sig.params.set(k, v);
  return out;
}

/**
 * Every operation of the SDK: one row per method and path, its SDK classes merged (the SDK repeats
 * an operation in each API class its tags name).
 */
export function readSdkCatalogue(root = sdkRoot()): CatalogueRow[] {
  const apiDir = join(root, 'src/purecloud-platform-client-v2/api');
  const sigs = readSignatures(readFileSync(join(root, 'index.d.ts'), 'utf8'));
  const byKey = new Map<
    string,
    { method: string; path: string; operationId: string; classes: Set<string>; request: string; response: string }
  >();
  for (const file of readdirSync(apiDir)
    .filter((f) => f.endsWith('Api.js'))
    .sort()) {
    const cls = file.slice(0, -3);
    const lines = readFileSync(join(apiDir, file), 'utf8').split('\n');
    let current = '';
    for (let i = 0; i < lines.length; i++) {
      const start = /^\t(\w+)\([^)]*\) \{\s*$/.exec(lines[i]!);
      if (start && start[1] !== 'constructor') current = start[1]!;
      if (!lines[i]!.includes('this.apiClient.callApi(')) continue;
      const path = /^\s*'([^']+)',\s*$/.exec(lines[i + 1] ?? '')?.[1];
      const method = /^\s*'([A-Z]+)',\s*$/.exec(lines[i + 2] ?? '')?.[1];
      if (!path || !method || !current)
        throw new Error(`${file}:${i + 1}: cannot read the operation's path and method`);
      if (!path.startsWith(`${PREFIX}/`)) throw new Error(`${file}:${i + 1}: ${path} is outside ${PREFIX}`);
      const sig = sigs.get(`${cls}.${current}`);
      if (!sig) throw new Error(`${cls}.${current} has no signature in index.d.ts`);
      // callApi's seventh argument is the body: null, a parameter, or an optional `opts['name']`.
      const bodyArg = /^\s*(null|\w+|opts\['(\w+)'\]),\s*$/.exec(lines[i + 7] ?? '');
      if (!bodyArg) throw new Error(`${file}:${i + 8}: cannot read the operation's body argument`);
      const bodyName = bodyArg[1] === 'null' ? undefined : bodyArg[2] ? `opts.${bodyArg[2]}` : bodyArg[1]!;
      const bodyType = bodyName === undefined ? undefined : sig.params.get(bodyName);
      if (bodyName !== undefined && bodyType === undefined)
        throw new Error(`${cls}.${current}: no type for its body ${bodyName}`);
      const request = bodyType === undefined ? '' : modelName(bodyType);
      const key = `${method} ${path}`;
      const prior = byKey.get(key);
      if (prior) {
        if (prior.operationId !== current) throw new Error(`${key} is both ${prior.operationId} and ${cls}.${current}`);
        prior.classes.add(cls);
      } else {
        byKey.set(key, {
          method,
          path,
          operationId: current,
          classes: new Set([cls]),
          request,
          response: sig.response,
        });
      }
      current = '';
    }
  }
  return [...byKey.values()]
    .map((r) => ({
      method: r.method,
      path: r.path,
      operationId: r.operationId,
      sdkClasses: [...r.classes].sort(),
      requestModel: r.request,
      responseModel: r.response,
    }))
    .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** The generated data module: one operation per line, fields separated by spaces. */
export function renderCatalogueData(rows: readonly CatalogueRow[], version = sdkVersion()): string {
  const classes = new Set(rows.flatMap((r) => r.sdkClasses));
  const field = (s: string): string => {
    if (s === '') return '-';
    if (/[\s`\\$]/.test(s)) throw new Error(`catalogue field ${JSON.stringify(s)} cannot be written`);
    return s;
  };
  const lines = rows.map((r) =>
    [
      r.method,
      r.path.slice(PREFIX.length),
      r.operationId,
      r.sdkClasses.map((c) => c.replace(/Api$/, '')).join(','),
      field(r.requestModel),
      field(r.responseModel),
    ].join(' '),
  );
  return [
    '// Generated by `npm run gen:catalogue` from purecloud-platform-client-v2; do not edit.',
    '// A test fails when this file is stale.',
    '',
    '/** The SDK version the catalogue was read from. */',
    `export const CATALOGUE_SDK_VERSION = '${version}';`,
    '',
    `/** ${rows.length} operations in ${classes.size} SDK classes, one a line: method, path after /api/v2, operation id (the SDK method), SDK classes without \`Api\`, request model, response model (\`-\`: none). */`,
    `export const CATALOGUE_DATA = \`${lines.join('\n')}\`;`,
    '',
  ].join('\n');
}

/** docs/emulator-coverage.md: which catalogue operations the emulator's providers model. */
export async function renderCoverageDoc(rows: readonly CatalogueRow[], version = sdkVersion()): Promise<string> {
  const cov = coverage(rows, await emulatedRoutes());
  const pct = (m: number, t: number): string => (t === 0 ? '0' : ((100 * m) / t).toFixed(1));
  const lines = [
    '# Emulator coverage of the Platform API',
    '',
    `The emulator models ${cov.modeled.length} of the ${rows.length} Platform API operations of the official SDK (purecloud-platform-client-v2 ${version}, ${cov.classes.length} API classes), ${pct(cov.modeled.length, rows.length)}%.`,
    'Another known operation answers 501 `SB_EMULATOR_NOT_MODELED`, naming the operation; a path that matches no operation answers 404 `not.found`.',
    'An operation the SDK lists in several API classes counts in each.',
    '',
    "This file is generated from the catalogue and the providers' registered routes (`npm run gen:catalogue`); a test fails when it is stale.",
    '',
    '## Per API class',
    '',
    '| SDK class | modeled | total | % |',
    '| --- | ---: | ---: | ---: |',
    ...cov.classes.map((c) => `| ${c.sdkClass} | ${c.modeled} | ${c.total} | ${pct(c.modeled, c.total)} |`),
    '',
    '## Modeled operations',
    '',
    '| method | path | operation id | SDK classes |',
    '| --- | --- | --- | --- |',
    ...cov.modeled.map((r) => `| ${r.method} | \`${r.path}\` | \`${r.operationId}\` | ${r.sdkClasses.join(', ')} |`),
    '',
  ];
  if (cov.extra.length > 0) {
    lines.push(
      '## Emulator routes outside the catalogue',
      '',
      'Served by a provider, but not an operation of the SDK.',
      '',
      '| method | path |',
      '| --- | --- |',
    );
    lines.push(...cov.extra.map((r) => `| ${r.method} | \`${r.path}\` |`), '');
  }
  return lines.join('\n');
}

/**
 * The permissions of every `/api/v2` route the emulator serves, as data `check` (and deployment's
 * least-privilege roles) fall back to for a route their own table does not list, so the checker
 * and the emulator agree on what a data action needs.
 */
export async function renderEmulatedPermissions(): Promise<string> {
  const routes = (await emulatedRoutes())
    .filter((r) => r.path.startsWith('/api/v2/') && r.method !== 'HEAD')
    .map((r) => ({ method: r.method, path: r.path, anyOf: [...r.permissions], all: r.permissionMode === 'all' }))
    .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  return [
    "// Generated by `npm run gen:catalogue` from the emulator's registered routes; do not edit.",
    '// A test fails when this file is stale.',
    '',
    '/** Method, path template, the permissions the route checks (ANY of them, or ALL with `all`). */',
    `export const EMULATED_ROUTE_PERMISSIONS: readonly { readonly method: string; readonly path: string; readonly anyOf: readonly string[]; readonly all: boolean }[] = ${JSON.stringify(routes, null, 1).replace(/\n\s*/g, ' ')};`,
    '',
  ]
    .join('\n')
    .replace(/\}, \{/g, '},\n  {')
    .replace('= [ {', '= [\n  {');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const rows = readSdkCatalogue();
  writeFileSync(CATALOGUE_DATA, renderCatalogueData(rows));
  writeFileSync(COVERAGE_DOC, await renderCoverageDoc(rows));
  writeFileSync(EMULATED_PERMISSIONS, await renderEmulatedPermissions());
  console.log(`wrote ${CATALOGUE_DATA} (${rows.length} operations) and ${COVERAGE_DOC}`);
}
