/**
 * @module
 * Saving an inferred bundle as the `switchboard.json` that describes it — only when that manifest,
 * loaded back, gives the same bundle: the same data actions, the same workflows and the same
 * triggers, each with the same content. Otherwise nothing is left behind and the reason is given
 * (a data action a Terraform resource defines cannot be named by a manifest yet, for one).
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SwitchboardError, isSwitchboardError } from '../core/index.ts';
import { BlueprintErrors } from './errors.ts';
import type { InferredBundle } from './infer-bundle.ts';
import { loadBundle } from './load-bundle.ts';
import type { LoadedBundle } from './load-bundle.ts';

const MANIFEST = 'switchboard.json';

/** What a bundle runs, in a form two loads of the same artifacts give equally. */
function fingerprint(b: LoadedBundle): string {
  return JSON.stringify({
    actions: b.actions.map((a) => [a.name, a.integration, a.action.definition]).sort(),
    workflows: b.workflows.map((w) => [w.name, w.flow]).sort(),
    triggers: b.triggers.map((t) => [t.name, t.workflow, t.trigger]).sort(),
  });
}

const refuse = (dir: string, why: string, details: Record<string, unknown> = {}): SwitchboardError =>
  new SwitchboardError(
    BlueprintErrors.SB_BLUEPRINTS_BUNDLE_INVALID,
    `the inferred bundle was not written as ${MANIFEST}; ${why}`,
    { details: { dir, ...details } },
  );

/**
 * Write the inferred bundle's manifest into its folder and check it loads back to the same bundle.
 * Throws `SB_BLUEPRINTS_BUNDLE_INVALID` (and writes nothing) when the folder has a manifest
 * already, when a data action is defined in Terraform, or when the written manifest would load
 * differently.
 * @example
 * const { bundle, inferred } = inferBundle('blueprint');
 * writeInferredManifest('blueprint', bundle, inferred); // 'blueprint/switchboard.json'
 */
export function writeInferredManifest(dir: string, bundle: LoadedBundle, inferred: InferredBundle): string {
  const path = join(dir, MANIFEST);
  if (existsSync(path)) throw refuse(dir, `${path} exists already`);
  const fromTerraform = bundle.actions.filter((a) => a.file.endsWith('.tf')).map((a) => `"${a.name}" (${a.file})`);
  if (fromTerraform.length > 0) {
    throw refuse(
      dir,
      `a manifest names data actions by their export files, and ${fromTerraform.length === 1 ? 'this one is' : 'these are'} defined in Terraform: ${fromTerraform.join(', ')}; run the folder as it is, or export the actions as JSON`,
      { actions: fromTerraform },
    );
  }
  const credentialed = bundle.integrations.filter((i) => i.credentials).map((i) => `"${i.name}"`);
  if (credentialed.length > 0) {
    throw refuse(
      dir,
      `the credentials of ${credentialed.join(', ')} come from Terraform variables, and a manifest written here would hold their values; run the folder as it is, or write the manifest by hand with { "env": "NAME" } fields (docs/third-party.md)`,
      { integrations: credentialed },
    );
  }
  writeFileSync(path, `${JSON.stringify(inferred.manifest, null, 2)}\n`);
  let why: string | undefined;
  try {
    const again = loadBundle(dir);
    if (fingerprint(again) !== fingerprint(bundle))
      why =
        'loaded back, it gives a different bundle (a trigger or workflow reads differently without the Terraform evaluation)';
  } catch (e) {
    why = `loaded back, it does not load: ${isSwitchboardError(e) ? e.message.split('\n')[0] : String(e)}`;
  }
  if (why !== undefined) {
    rmSync(path, { force: true });
    throw refuse(dir, why);
  }
  return path;
}
