// `start` runs the main bundle of every solution the package ships, and only those.
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOLUTIONS_DIR } from '../blueprints/index.ts';
import { loadShippedSolutions } from './shipped-solutions.ts';

describe('loadShippedSolutions', () => {
  it('loads the main bundle of each of the five solutions, from solutions/ in the package', () => {
    const shipped = loadShippedSolutions();
    expect(shipped.map((s) => [s.solution.id, s.bundle.id, s.loaded.name])).toEqual([
      ['terminate-no-queue', 'main', 'terminate-no-queue'],
      ['presence-tag', 'main', 'presence-tag'],
      ['presence-busy', 'main', 'presence-busy'],
      ['callback-prioritization', 'main', 'callback-prioritization'],
      ['outbound-on-behalf', 'main', 'outbound-on-behalf'],
    ]);
    for (const s of shipped) {
      expect(relative(SOLUTIONS_DIR, s.loaded.dir)).toBe(s.solution.id);
      expect(s.loaded.variant).toBeUndefined();
    }
    // Solution 1 runs its dnis flavour, so calls between users stay up for the presence solutions.
    expect(shipped[0]!.loaded.triggers[0]!.trigger.matchCriteria).toContainEqual({
      jsonPath: 'dnis',
      operator: 'Contains',
      value: 'tel:+',
    });
  });
});
