// Where the published Genesys exports (test data) live: SWITCHBOARD_BLUEPRINTS_DIR, which
// vitest.config.ts sets to `../shared/blueprints` beside the repository, else SWITCHBOARD_SHARED_DIR
// or that same `../shared` folder.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The repository root. */
export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** The shared folder (override with SWITCHBOARD_SHARED_DIR). */
const SHARED_DIR = process.env.SWITCHBOARD_SHARED_DIR ?? resolve(REPO_ROOT, '../shared');

/** The published blueprint artifacts. */
export const BLUEPRINTS_DIR = process.env.SWITCHBOARD_BLUEPRINTS_DIR
  ? resolve(process.env.SWITCHBOARD_BLUEPRINTS_DIR)
  : resolve(SHARED_DIR, 'blueprints');

/** A path inside the blueprints folder; throws a clear error if it is missing. */
export function blueprintPath(...parts: string[]): string {
  const p = resolve(BLUEPRINTS_DIR, ...parts);
  if (!existsSync(p)) throw new Error(`blueprint artifact not found: ${parts.join('/')} (looked in ${BLUEPRINTS_DIR})`);
  return p;
}
