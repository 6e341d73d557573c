/**
 * @module
 * The problems an inferred bundle lists when nothing in a folder runs: what says why first, at
 * most a dozen, and how many more there are.
 */

const SHOWN = 12;

/**
 * The first problems of a list, one a line, and how many more there are.
 * @example
 * shown(left, 'blueprint/') // '  - trigger "T" (main.tf): …\n  - … and 3 more (`switchboard check blueprint/` lists every one)'
 */
export function shown(lines: readonly string[], dir: string): string {
  const out = lines.slice(0, SHOWN).map((l) => `  - ${l}`);
  if (lines.length > SHOWN)
    out.push(`  - … and ${lines.length - SHOWN} more (\`switchboard check ${dir}\` lists every one)`);
  return out.join('\n');
}

/**
 * What was left out, what says why nothing runs first: the triggers, then the workflows, then
 * the problems of the files they come from (the order within each kept).
 * @example
 * byWeight(['main.tf line 3: …', 'trigger "T" (main.tf): …']) // ['trigger "T" (main.tf): …', 'main.tf line 3: …']
 */
export function byWeight(left: readonly string[]): string[] {
  const weight = (l: string): number => (l.startsWith('trigger "') ? 0 : l.startsWith('workflow "') ? 1 : 2);
  return [...left].sort((a, b) => weight(a) - weight(b));
}
