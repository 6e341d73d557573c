import { defineConfig } from 'vitest/config';

/**
 * The install tests (`npm run test:install`): a copy of the repository installed from scratch.
 * They run after the unit suite, alone, so a from-source compile does not compete with timed tests.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.install.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
