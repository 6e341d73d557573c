/**
 * @module
 * The bounded walk of a folder of artifacts: a repository may hold anything (vendored packages,
 * Terraform provider caches, generated trees), so the walk stops at a depth, a file count and a
 * file size, and says so, one coded skip per limit reached, instead of hanging or reading a huge file.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BlueprintErrors } from './errors.ts';

/** Folders never walked: package installs, version control, Terraform's provider and module cache. */
const WALK_IGNORED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.terraform']);

/** The limits of a walk. */
export interface WalkLimits {
  /** Folder levels below the root that are read (the root's own files are level 0). */
  readonly maxDepth: number;
  /** Files listed at most; the rest are one skip. */
  readonly maxFiles: number;
  /** Bytes a file may hold to be read. */
  readonly maxFileBytes: number;
}

/** Defaults sized well above any blueprint repository (tens of files, a few levels, files of kilobytes). */
export const DEFAULT_WALK_LIMITS: WalkLimits = { maxDepth: 12, maxFiles: 5000, maxFileBytes: 5 * 1024 * 1024 };

/** A path the walk did not read, with the limit (code) and why. */
interface WalkSkip {
  readonly path: string;
  readonly code: Extract<keyof typeof BlueprintErrors, `SB_BLUEPRINTS_WALK_${string}`>;
  readonly reason: string;
}

/** The files of a walk (sorted, depth first) and what it left out. */
export interface WalkResult {
  readonly files: string[];
  readonly skipped: WalkSkip[];
}

/**
 * List the files under `root` within `limits`; symbolic links are not followed (a link cycle
 * would never end). Ignored folders are reported only when they hold something, once each.
 * @example
 * const { files, skipped } = walkFolder('repo/');
 */
export function walkFolder(root: string, limits: WalkLimits = DEFAULT_WALK_LIMITS): WalkResult {
  const files: string[] = [];
  const skipped: WalkSkip[] = [];
  let overflow = 0;
  let overflowAt: string | undefined;
  const visit = (dir: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (e) {
      skipped.push({
        path: dir,
        code: 'SB_BLUEPRINTS_WALK_UNREADABLE',
        reason: `SB_BLUEPRINTS_WALK_UNREADABLE: the folder cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      });
      return;
    }
    for (const name of names) {
      const p = join(dir, name);
      let st;
      try {
        st = lstatSync(p);
      } catch (e) {
        skipped.push({
          path: p,
          code: 'SB_BLUEPRINTS_WALK_UNREADABLE',
          reason: `SB_BLUEPRINTS_WALK_UNREADABLE: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
        });
        continue;
      }
      if (st.isDirectory()) {
        if (WALK_IGNORED_DIRS.has(name)) {
          skipped.push({
            path: p,
            code: 'SB_BLUEPRINTS_WALK_IGNORED_DIR',
            reason:
              name === '.terraform'
                ? `SB_BLUEPRINTS_WALK_IGNORED_DIR: .terraform/ is not walked (Terraform's cache); the modules \`terraform init\` installed there are read as the project that calls them reads them`
                : `SB_BLUEPRINTS_WALK_IGNORED_DIR: ${name}/ is never read (installed packages, version control or Terraform's cache)`,
          });
        } else if (depth + 1 > limits.maxDepth) {
          skipped.push({
            path: p,
            code: 'SB_BLUEPRINTS_WALK_TOO_DEEP',
            reason: `SB_BLUEPRINTS_WALK_TOO_DEEP: deeper than ${limits.maxDepth} folder levels below the root; not read`,
          });
        } else visit(p, depth + 1);
        continue;
      }
      if (!st.isFile()) continue;
      if (files.length >= limits.maxFiles) {
        overflow++;
        overflowAt ??= p;
        continue;
      }
      if (st.size > limits.maxFileBytes) {
        skipped.push({
          path: p,
          code: 'SB_BLUEPRINTS_WALK_FILE_TOO_LARGE',
          reason: `SB_BLUEPRINTS_WALK_FILE_TOO_LARGE: ${st.size} bytes, over the ${limits.maxFileBytes}-byte limit of an artifact; not read`,
        });
        continue;
      }
      files.push(p);
    }
  };
  visit(root, 0);
  if (overflow > 0) {
    skipped.push({
      path: overflowAt!,
      code: 'SB_BLUEPRINTS_WALK_TOO_MANY_FILES',
      reason: `SB_BLUEPRINTS_WALK_TOO_MANY_FILES: the folder holds more than ${limits.maxFiles} files; ${overflow} from here on not read`,
    });
  }
  return { files, skipped };
}
