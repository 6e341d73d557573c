// Bundles the command line into dist/cli/ as ES module chunks (esbuild, code splitting): one entry
// that parses arguments, and a chunk per command loaded only when that command runs. A bundle
// starts several times faster than the same code as hundreds of separate modules, most of the cost
// of a command's start-up being module resolution and loading, not running it.
// better-sqlite3 stays outside (a native addon, found from the chunk through node_modules).
import { build } from 'esbuild';

await build({
  entryPoints: { switchboard: 'src/cli/main.ts' },
  outdir: 'dist/cli-bundle',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external: ['better-sqlite3', 'bufferutil', 'utf-8-validate'],
  // CommonJS dependencies inside an ES module bundle still call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __switchboardRequire } from 'node:module'; const require = __switchboardRequire(import.meta.url);",
  },
  legalComments: 'linked',
  logLevel: 'warning',
});
