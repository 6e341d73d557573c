import { resolve } from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    // Run by `npm run test:install` (vitest.install.config.ts), after this suite.
    exclude: [...configDefaults.exclude, 'test/**/*.install.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // CLI tests spawn bin/switchboard.mjs on the sources, so they test this checkout, not a stale build;
    // test/compiled-cli.test.ts runs the compiled bin.
    // The published Genesys exports are test data beside the repository; nothing at run time reads
    // them unless pointed at, so the tests point there.
    env: {
      SWITCHBOARD_FROM_SOURCE: '1',
      SWITCHBOARD_BLUEPRINTS_DIR: resolve(import.meta.dirname, '../shared/blueprints'),
    },
  },
});
