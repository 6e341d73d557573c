// The published Genesys exports as bundles (test fixtures): manifests under
// test/fixtures/published-bundles/ that load the exported artifacts unchanged through
// `@blueprints/` paths, so tests can run them and show what `check` finds in them.
import { resolve } from 'node:path';
import { loadBundle } from '../../src/blueprints/index.ts';
import type { BundleOptions, LoadedBundle } from '../../src/blueprints/index.ts';
import { BLUEPRINTS_DIR, REPO_ROOT } from './shared.ts';

/** The folder of the published bundles. */
const PUBLISHED_BUNDLES_DIR = resolve(REPO_ROOT, 'test/fixtures/published-bundles');

/** Every published bundle, by folder name. */
export const PUBLISHED_BUNDLES = [
  'terminate-no-queue',
  'terminate-no-queue-pstn-check',
  'terminate-no-queue-dnis',
  'presence-tag',
  'presence-busy',
  'callback-prioritization',
] as const;

/** A published bundle's name. */
export type PublishedBundle = (typeof PUBLISHED_BUNDLES)[number];

/** The folder of one published bundle. */
export function publishedBundleDir(name: PublishedBundle): string {
  return resolve(PUBLISHED_BUNDLES_DIR, name);
}

/** Load a published bundle with its `@blueprints/` paths resolved against the test data. */
export function loadPublishedBundle(name: PublishedBundle, options: BundleOptions = {}): LoadedBundle {
  return loadBundle(publishedBundleDir(name), { blueprintsDir: BLUEPRINTS_DIR, ...options });
}
