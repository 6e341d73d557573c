/**
 * @module
 * The Terraform root modules of a folder (the folders of `.tf` files no other module calls), and
 * the data sources they read.
 */
import { dirname, resolve } from 'node:path';
import { isSwitchboardError } from '../core/index.ts';
import { findManifest } from './bundle-reader.ts';
import type { FolderOptions } from './infer-bundle.ts';
import { loadTerraformProjectSync } from './terraform/index.ts';
import type { DataRequest, TerraformProject } from './terraform/index.ts';
import { walkFolder } from './walk.ts';

/** The folders holding `.tf` files that are Terraform root modules (not modules another one calls). */
export function terraformRoots(dir: string, options: FolderOptions): TerraformProject[] {
  const tfDirs = [
    ...new Set(
      walkFolder(dir)
        .files.filter((f) => f.endsWith('.tf'))
        .map((f) => resolve(dirname(f))),
    ),
  ].sort();
  const loaded: TerraformProject[] = [];
  for (const d of tfDirs) {
    try {
      loaded.push(
        loadTerraformProjectSync(d, {
          ...(options.vars ? { vars: options.vars } : {}),
          ...(options.varFiles ? { varFiles: options.varFiles } : {}),
          ...(options.env ? { env: options.env } : {}),
          ...(options.resolveData ? { resolveData: options.resolveData } : {}),
        }),
      );
    } catch (e) {
      if (!isSwitchboardError(e)) throw e;
    }
  }
  const called = new Set(loaded.flatMap((p) => p.modules.flatMap((m) => (m.dir ? [resolve(m.dir)] : []))));
  return loaded.filter((p) => !called.has(resolve(p.dir)));
}

/**
 * The `data "genesyscloud_*"` sources the Terraform projects of a folder without a manifest read,
 * each once by address (none for a bundle). Sources whose arguments depend on another data source
 * are listed with what is known before it resolves.
 * @example
 * for (const req of dataRequestsOfFolder('blueprint/terraform')) console.log(req.address, req.attributes.name);
 */
export function dataRequestsOfFolder(dir: string, options: FolderOptions = {}): DataRequest[] {
  if (findManifest(dir)) return [];
  const seen = new Map<string, DataRequest>();
  terraformRoots(resolve(dir), { ...options, resolveData: (req) => void seen.set(req.address, req) });
  return [...seen.values()];
}
