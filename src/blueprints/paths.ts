/**
 * @module
 * Where bundle artifacts live. A manifest path is relative to the manifest's folder, or starts
 * with `@blueprints/` to name a published artifact under the blueprints root: by default the
 * `shared/blueprints` folder beside the repository, overridable with the `blueprintsDir` option
 * or the `SWITCHBOARD_BLUEPRINTS_DIR` environment variable.
 */
import { isAbsolute, resolve } from 'node:path';

/** The prefix of manifest paths resolved against the blueprints root. */
export const BLUEPRINTS_PREFIX = '@blueprints/';

/** The repository root (this file is `src/blueprints/paths.ts`). */
const REPO_ROOT = resolve(import.meta.dirname, '../..');

/**
 * The blueprints root: `SWITCHBOARD_BLUEPRINTS_DIR`, else `SWITCHBOARD_SHARED_DIR/blueprints`,
 * else `../shared/blueprints` beside the repository.
 * @example
 * defaultBlueprintsDir({ SWITCHBOARD_BLUEPRINTS_DIR: '/data/blueprints' }) // '/data/blueprints'
 */
export function defaultBlueprintsDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.SWITCHBOARD_BLUEPRINTS_DIR) return resolve(env.SWITCHBOARD_BLUEPRINTS_DIR);
  if (env.SWITCHBOARD_SHARED_DIR) return resolve(env.SWITCHBOARD_SHARED_DIR, 'blueprints');
  return resolve(REPO_ROOT, '../shared/blueprints');
}

/**
 * The absolute path of a manifest path.
 * @example
 * resolveArtifactPath('@blueprints/callback-prioritization/main/exports/Get-Callback-Priority.custom.json', '/b', '/bp')
 * // '/bp/callback-prioritization/main/exports/Get-Callback-Priority.custom.json'
 */
export function resolveArtifactPath(ref: string, bundleDir: string, blueprintsDir: string): string {
  if (ref.startsWith(BLUEPRINTS_PREFIX)) return resolve(blueprintsDir, ref.slice(BLUEPRINTS_PREFIX.length));
  return isAbsolute(ref) ? ref : resolve(bundleDir, ref);
}
