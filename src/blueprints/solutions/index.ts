/**
 * @module
 * The solutions Switchboard ships: the product's own bundles under `solutions/` at the package
 * root, one folder per solution holding its Archy YAML workflows, data actions, trigger files,
 * `switchboard.json` bundle(s) and a CX as Code `terraform/` folder deploying the same files.
 * A bundle references only files of its solution's folder, so nothing outside the package is read.
 * The first bundle of a solution is its `main` one, which `start` and `demo` run.
 */
import { resolve } from 'node:path';
import { SwitchboardError, switchboardPackage } from '../../core/index.ts';
import type { BundleOptions } from '../bundle-reader.ts';
import { BlueprintErrors } from '../errors.ts';
import { loadBundle } from '../load-bundle.ts';
import type { LoadedBundle } from '../load-bundle.ts';

/** The `solutions/` folder at the package root. */
export const SOLUTIONS_DIR = resolve(switchboardPackage(import.meta.dirname).root, 'solutions');

/** One bundle of a solution. */
export interface SolutionBundle {
  /** `main` for the bundle the runtime runs; otherwise the flavour, e.g. `pstn-leg-check`. */
  readonly id: string;
  /** The bundle folder (it holds the `switchboard.json`). */
  readonly dir: string;
  /** That folder as the package names it, e.g. `solutions/terminate-no-queue/pstn-leg-check`. */
  readonly path: string;
  /** What the bundle does, in a line (listings, the `start` banner). */
  readonly summary: string;
}

/** A solution Switchboard ships. */
export interface Solution {
  readonly id: string;
  readonly title: string;
  /** The section of the blueprints reference describing the behaviour. */
  readonly section: string;
  /** The solution folder: artifacts, bundles and `terraform/`. */
  readonly dir: string;
  /** Its bundles, `main` first. */
  readonly bundles: readonly SolutionBundle[];
}

const solution = (id: string, title: string, section: string, bundles: ReadonlyArray<{ id: string; summary: string }>): Solution => {
  const dir = resolve(SOLUTIONS_DIR, id);
  const bundle = (b: { id: string; summary: string }): SolutionBundle => {
    const path = b.id === 'main' ? `solutions/${id}` : `solutions/${id}/${b.id}`;
    return { id: b.id, summary: b.summary, dir: b.id === 'main' ? dir : resolve(dir, b.id), path };
  };
  return { id, title, section, dir, bundles: bundles.map(bundle) };
};

/**
 * Every solution Switchboard ships, in the order `start` lists and `demo` plays them.
 * @example
 * SOLUTIONS.map((s) => s.id) // ['terminate-no-queue', 'presence-tag', 'presence-busy', 'callback-prioritization', 'outbound-on-behalf']
 */
export const SOLUTIONS: readonly Solution[] = [
  solution('terminate-no-queue', 'Terminate outbound calls that have no queue', '§1', [
    { id: 'main', summary: 'disconnects and tags "No Queue" a PSTN call without a queue (trigger: dnis Contains "tel:+")' },
    { id: 'pstn-leg-check', summary: 'disconnects and tags a call without a queue once the analytics record shows a PSTN leg' },
  ]),
  solution('presence-tag', "Tag a Communicate call with the user's presence", '§2', [
    { id: 'main', summary: 'tags a Communicate call "<presence>: <label>" on user.start' },
  ]),
  solution('presence-busy', 'Busy while on a Communicate call, Available after', '§3', [
    { id: 'main', summary: 'sets a user Busy once they pick up a Communicate call, Available when it ends (On Queue untouched)' },
  ]),
  solution('callback-prioritization', 'Callback prioritization', '§4', [
    { id: 'main', summary: 'raises a queued callback\'s priority by 1 every 5 minutes, at most 5 times' },
  ]),
  solution('outbound-on-behalf', 'Outbound call on behalf of an agent', '(outbound API)', [
    { id: 'main', summary: 'no flow: the outbound API (POST /outbound/calls) places calls with its client' },
  ]),
];

/**
 * The folder of one solution bundle. Throws `SB_BLUEPRINTS_SOLUTION_UNKNOWN` for an unknown
 * solution or bundle.
 * @example
 * solutionBundleDir('terminate-no-queue', 'pstn-leg-check') // '…/solutions/terminate-no-queue/pstn-leg-check'
 */
export function solutionBundleDir(solutionId: string, bundleId = 'main'): string {
  const s = SOLUTIONS.find((x) => x.id === solutionId);
  const b = s?.bundles.find((x) => x.id === bundleId);
  if (!s || !b) {
    const known = s ? s.bundles.map((x) => x.id) : SOLUTIONS.map((x) => x.id);
    throw new SwitchboardError(
      BlueprintErrors.SB_BLUEPRINTS_SOLUTION_UNKNOWN,
      `a solution must be one of those Switchboard ships; ${s ? `solution "${solutionId}" has no bundle "${bundleId}"` : `there is no solution "${solutionId}"`} (known: ${known.join(', ')})`,
      { details: { solution: solutionId, bundle: bundleId } },
    );
  }
  return b.dir;
}

/**
 * Load one solution bundle (see `loadBundle`).
 * @example
 * const bundle = loadSolution('presence-busy', 'main', { config: { pickupChecks: 3 } });
 */
export function loadSolution(solutionId: string, bundleId = 'main', options: BundleOptions = {}): LoadedBundle {
  return loadBundle(solutionBundleDir(solutionId, bundleId), options);
}
