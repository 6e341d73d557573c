/**
 * @module
 * Where bundle artifacts live. A manifest path is relative to the manifest's folder, or starts
 * with `@blueprints/` to name a published artifact under the blueprints root. There is no default
 * root: it is the `blueprintsDir` option, or `SWITCHBOARD_BLUEPRINTS_DIR`, or
 * `SWITCHBOARD_SHARED_DIR/blueprints`, so nothing outside a bundle is read unless pointed at.
 */
import { isAbsolute, resolve } from 'node:path';

/** The prefix of manifest paths resolved against the blueprints root. */
export const BLUEPRINTS_PREFIX = '@blueprints/';

/** How a user sets the blueprints root, for error messages and help texts. */
export const BLUEPRINTS_ROOT_HOW =
  'the blueprintsDir option (--blueprints-dir for check), SWITCHBOARD_BLUEPRINTS_DIR, or SWITCHBOARD_SHARED_DIR (its blueprints/ folder)';

/**
 * The blueprints root from the environment: `SWITCHBOARD_BLUEPRINTS_DIR`, else
 * `SWITCHBOARD_SHARED_DIR/blueprints`, else undefined (no root).
 * @example
 * defaultBlueprintsDir({ SWITCHBOARD_BLUEPRINTS_DIR: '/data/blueprints' }) // '/data/blueprints'
 * defaultBlueprintsDir({}) // undefined
 */
export function defaultBlueprintsDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  if (env.SWITCHBOARD_BLUEPRINTS_DIR) return resolve(env.SWITCHBOARD_BLUEPRINTS_DIR);
  if (env.SWITCHBOARD_SHARED_DIR) return resolve(env.SWITCHBOARD_SHARED_DIR, 'blueprints');
  return undefined;
}

/**
 * The absolute path of a manifest path. An `@blueprints/` path needs a root; callers check that
 * one is set before resolving (see `readBundle`).
 * @example
 * resolveArtifactPath('@blueprints/callback-prioritization/main/exports/Get-Callback-Priority.custom.json', '/b', '/bp')
 * // '/bp/callback-prioritization/main/exports/Get-Callback-Priority.custom.json'
 */
export function resolveArtifactPath(ref: string, bundleDir: string, blueprintsDir: string): string {
  if (ref.startsWith(BLUEPRINTS_PREFIX)) return resolve(blueprintsDir, ref.slice(BLUEPRINTS_PREFIX.length));
  return isAbsolute(ref) ? ref : resolve(bundleDir, ref);
}
