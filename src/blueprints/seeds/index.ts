/**
 * @module
 * The seed solutions as bundles. Each solution has a `published` variant that loads the exported
 * artifacts unchanged from the blueprints root (`@blueprints/…`), and a `corrected` variant whose
 * fixed artifacts live beside it in `<solution>/artifacts/` (each correction is listed in
 * docs/seed-corrections.md). Solution 1 has two more variant pairs: the PSTN-leg-check flow and
 * the `dnis Contains "tel:+"` trigger. The outbound solution is a stub bundle that only declares
 * the permission its OAuth client needs; the runtime wires the outbound context.
 */
import { resolve } from 'node:path';
import { SwitchboardError } from '../../core/index.ts';
import type { BundleOptions } from '../bundle-reader.ts';
import { BlueprintErrors } from '../errors.ts';
import { loadBundle } from '../load-bundle.ts';
import type { LoadedBundle } from '../load-bundle.ts';

/** The folder holding the seed bundles. */
export const SEEDS_DIR = import.meta.dirname;

/** One bundle of a seed solution. */
export interface SeedVariant {
  /** `published`, `corrected`, or a flavour such as `corrected-pstn-check`. */
  readonly id: string;
  readonly kind: 'published' | 'corrected' | 'stub';
  readonly dir: string;
}

/** A seed solution and its bundles. */
export interface SeedSolution {
  readonly id: string;
  readonly title: string;
  /** The section of blueprints.md describing it. */
  readonly section: string;
  readonly variants: readonly SeedVariant[];
}

const variant = (solution: string, id: string): SeedVariant => ({
  id,
  kind: id.startsWith('published') ? 'published' : id.startsWith('corrected') ? 'corrected' : 'stub',
  dir: resolve(SEEDS_DIR, solution, id),
});

const solution = (id: string, title: string, section: string, variants: readonly string[]): SeedSolution => ({
  id,
  title,
  section,
  variants: variants.map((v) => variant(id, v)),
});

/**
 * Every seed solution.
 * @example
 * SEED_SOLUTIONS.map((s) => s.id) // ['terminate-no-queue', 'presence-tag', 'presence-busy', 'callback-prioritization', 'outbound-on-behalf']
 */
export const SEED_SOLUTIONS: readonly SeedSolution[] = [
  solution('terminate-no-queue', 'Terminate outbound calls that have no queue', '§1', [
    'published',
    'corrected',
    'published-pstn-check',
    'corrected-pstn-check',
    'published-dnis',
    'corrected-dnis',
  ]),
  solution('presence-tag', "Tag a Communicate call with the receiving user's presence", '§2', ['published', 'corrected']),
  solution('presence-busy', 'Busy while on a Communicate call, Available after', '§3', ['published', 'corrected']),
  solution('callback-prioritization', 'Callback prioritization', '§4', ['published', 'corrected']),
  solution('outbound-on-behalf', 'Outbound call on behalf of an agent', '(outbound context)', ['stub']),
];

/**
 * The folder of one seed bundle. Throws `SB_BLUEPRINTS_SEED_UNKNOWN` for an unknown solution or
 * variant.
 * @example
 * seedBundleDir('callback-prioritization', 'corrected') // '…/seeds/callback-prioritization/corrected'
 */
export function seedBundleDir(solutionId: string, variantId = 'corrected'): string {
  const s = SEED_SOLUTIONS.find((x) => x.id === solutionId);
  const v = s?.variants.find((x) => x.id === variantId);
  if (!s || !v) {
    const known = s ? s.variants.map((x) => x.id) : SEED_SOLUTIONS.map((x) => x.id);
    throw new SwitchboardError(
      BlueprintErrors.SB_BLUEPRINTS_SEED_UNKNOWN,
      `a seed must be one of the catalogue; ${s ? `solution "${solutionId}" has no variant "${variantId}"` : `no solution "${solutionId}"`} (known: ${known.join(', ')})`,
      { details: { solution: solutionId, variant: variantId } },
    );
  }
  return v.dir;
}

/**
 * Load one seed bundle (see `loadBundle`).
 * @example
 * const bundle = loadSeed('presence-busy', 'corrected', { config: { pickupChecks: 3 } });
 */
export function loadSeed(solutionId: string, variantId = 'corrected', options: BundleOptions = {}): LoadedBundle {
  return loadBundle(seedBundleDir(solutionId, variantId), options);
}
