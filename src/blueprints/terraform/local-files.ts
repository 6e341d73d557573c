/**
 * @module
 * The files a project writes itself with the `local` provider, read where a Genesys Cloud
 * resource deploys them.
 */
import { resolve } from 'node:path';
import type { ResourceInstance } from './module.ts';

/**
 * The files `local_file` resources write (absolute path → content), where both are known: a
 * project that renders its Archy YAML with `templatefile()` into the file a `genesyscloud_flow`
 * deploys. A relative `filename` is the working directory's, as Terraform resolves it.
 */
export function filesWritten(instances: readonly ResourceInstance[], root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const inst of instances) {
    if (inst.decl.type !== 'local_file' && inst.decl.type !== 'local_sensitive_file') continue;
    const filename = inst.attributes.filename;
    const content = inst.attributes.content ?? inst.attributes.sensitive_content;
    if (typeof filename === 'string' && typeof content === 'string') out.set(resolve(root, filename), content);
  }
  return out;
}
