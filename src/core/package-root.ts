/**
 * @module
 * The folder of Switchboard's own package, found from any module's folder by walking up to the
 * `package.json` named `switchboard`. Files the package ships beside its code (`solutions/`, the
 * console's assets, `package.json`) are found from there, so the same code works from `src/`
 * (TypeScript), from `dist/` (compiled modules) and from the bundled command line, whose chunks
 * sit at another depth.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The package's root folder and version. */
export interface PackageInfo {
  readonly root: string;
  readonly version: string;
}

const cache = new Map<string, PackageInfo>();

/**
 * The Switchboard package that holds `fromDir` (pass `import.meta.dirname`). Throws when none does,
 * which only happens when a file was copied out of its package.
 * @example
 * join(switchboardPackage(import.meta.dirname).root, 'solutions')
 */
export function switchboardPackage(fromDir: string): PackageInfo {
  const hit = cache.get(fromDir);
  if (hit) return hit;
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'switchboard') {
        const info = { root: dir, version: typeof pkg.version === 'string' ? pkg.version : '0.0.0' };
        cache.set(fromDir, info);
        return info;
      }
    }
    if (dirname(dir) === dir) throw new Error(`no package.json named "switchboard" above ${fromDir}`);
  }
}
