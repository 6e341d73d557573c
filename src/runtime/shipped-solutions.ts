/**
 * @module
 * The bundles `start` runs: the `main` bundle of every solution Switchboard ships (`solutions/`
 * in the package). Solution 1's main bundle is its `dnis Contains "tel:+"` flavour, so calls
 * between users stay up for the presence solutions while PSTN calls without a queue are
 * terminated.
 */
import { SOLUTIONS, loadSolution } from '../blueprints/index.ts';
import type { LoadedBundle, Solution, SolutionBundle } from '../blueprints/index.ts';

/** A shipped solution, with the bundle that runs and that bundle loaded. */
export interface ShippedSolution {
  readonly solution: Solution;
  readonly bundle: SolutionBundle;
  readonly loaded: LoadedBundle;
}

/**
 * Load the main bundle of each solution. Throws `SB_BLUEPRINTS_BUNDLE_INVALID` (or another
 * blueprints error) when a shipped bundle does not load, which the package's tests rule out.
 * @example
 * for (const s of loadShippedSolutions()) console.log(s.solution.id, s.bundle.summary);
 */
export function loadShippedSolutions(solutions: readonly Solution[] = SOLUTIONS): ShippedSolution[] {
  return solutions.map((solution) => {
    const bundle = solution.bundles[0]!;
    return { solution, bundle, loaded: loadSolution(solution.id, bundle.id) };
  });
}
