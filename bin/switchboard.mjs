#!/usr/bin/env node
// Runs the bundled JavaScript in dist/cli-bundle/ (`npm run build`, which `npm ci` runs through `prepare`).
// SWITCHBOARD_FROM_SOURCE=1 runs the TypeScript sources through tsx instead (a development checkout).
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

const compiled = new URL('../dist/cli-bundle/switchboard.js', import.meta.url);
let main;
if (process.env.SWITCHBOARD_FROM_SOURCE === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
} else if (existsSync(compiled)) {
  ({ main } = await import(compiled.href));
} else {
  process.stderr.write(
    'error: switchboard has not been compiled (dist/cli-bundle/switchboard.js is missing)\nhint: run `npm run build` in the package folder (`npm ci` does it too)\n',
  );
  process.exit(2);
}
process.exitCode = await main(process.argv);
