/**
 * @module
 * Which bundle of each seed solution the main job runs: the published one when it loads and
 * checks without errors, else the corrected one, with the reason (for the startup banner).
 * Solution 1 runs its `dnis Contains "tel:+"` flavour, so user-to-user and group calls stay up
 * for the presence solutions while PSTN calls without a queue are terminated.
 */
import { SEED_SOLUTIONS, checkPath, loadSeed } from '../blueprints/index.ts';
import type { LoadedBundle, SeedSolution } from '../blueprints/index.ts';

/** The bundle chosen for one solution. */
export interface SeedChoice {
  readonly solution: SeedSolution;
  readonly variant: string;
  readonly bundle: LoadedBundle;
  /** Why the published variant was not used, when it was not. */
  readonly reason?: string;
}

/** The flavour suffix per solution (`-dnis` for solution 1). */
const FLAVOUR: Readonly<Record<string, string>> = { 'terminate-no-queue': '-dnis' };

function brokenBecause(dir: string): string | undefined {
  try {
    const errors = checkPath(dir).findings.filter((f) => f.severity === 'error');
    if (errors.length === 0) return undefined;
    return errors.map((f) => `${f.rule}: ${f.message}`).slice(0, 2).join('; ') + (errors.length > 2 ? ` (+${errors.length - 2} more)` : '');
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * Choose and load a bundle per seed solution.
 * @example
 * for (const c of chooseSeedBundles()) console.log(c.solution.id, c.variant, c.reason ?? '');
 */
export function chooseSeedBundles(solutions: readonly SeedSolution[] = SEED_SOLUTIONS): SeedChoice[] {
  return solutions.map((solution) => {
    const stub = solution.variants.find((v) => v.kind === 'stub');
    if (stub) return { solution, variant: stub.id, bundle: loadSeed(solution.id, stub.id) };
    const flavour = FLAVOUR[solution.id] ?? '';
    const published = solution.variants.find((v) => v.id === `published${flavour}`);
    const corrected = `corrected${flavour}`;
    if (published) {
      const reason = brokenBecause(published.dir);
      if (reason === undefined) {
        try {
          return { solution, variant: published.id, bundle: loadSeed(solution.id, published.id) };
        } catch (e) {
          return { solution, variant: corrected, bundle: loadSeed(solution.id, corrected), reason: (e as Error).message.split('\n')[0]! };
        }
      }
      return { solution, variant: corrected, bundle: loadSeed(solution.id, corrected), reason };
    }
    return { solution, variant: corrected, bundle: loadSeed(solution.id, corrected) };
  });
}
