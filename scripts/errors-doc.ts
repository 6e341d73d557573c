// Generates docs/errors.md from the error-code registry: every bounded context declares its codes
// with defineErrorCodes, and loading each context's index.ts registers them.
import { readdirSync, existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { listErrorCodes } from '../src/core/index.ts';

const SRC = resolve(import.meta.dirname, '../src');
export const ERRORS_DOC = resolve(import.meta.dirname, '../docs/errors.md');

/** Load every context so that its codes are registered. */
export async function loadAllContexts(): Promise<void> {
  for (const name of readdirSync(SRC).sort()) {
    const index = join(SRC, name, 'index.ts');
    if (existsSync(index)) await import(pathToFileURL(index).href);
  }
}

/** Render the error reference. */
export function renderErrorsDoc(): string {
  const codes = listErrorCodes();
  const contexts = [...new Set(codes.map((c) => c.context))].sort();
  const lines = [
    '# Error codes',
    '',
    'Every error Switchboard raises carries a stable code, a retry policy and a fix hint.',
    'Retry: `never` — fix the input; `backoff` — transient, retry with backoff; `after` — retry after the delay the error carries.',
    'Errors that cross the Genesys API keep Genesys\'s own `ErrorBody` (`message`, `code`, `status`, `contextId`) beside this code.',
    '',
    'This file is generated from the code (`npm run docs:errors`); a test fails when it is stale.',
    '',
  ];
  for (const ctx of contexts) {
    lines.push(`## ${ctx}`, '', '| code | status | retry | meaning | fix |', '| --- | --- | --- | --- | --- |');
    for (const c of codes.filter((x) => x.context === ctx)) {
      const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
      lines.push(`| \`${c.code}\` | ${c.status ?? ''} | ${c.retry} | ${esc(c.summary)} | ${esc(c.hint)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await loadAllContexts();
  writeFileSync(ERRORS_DOC, renderErrorsDoc());
  console.log(`wrote ${ERRORS_DOC}`);
}
