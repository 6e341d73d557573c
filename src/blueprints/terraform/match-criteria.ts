/**
 * @module
 * A trigger's `match_criteria` in the block form of earlier provider versions.
 */

/**
 * Earlier provider versions wrote `match_criteria { json_path, operator, value }` blocks; they are
 * the same criteria as the JSON string the current provider takes, which this returns.
 */
export function matchCriteriaBlocks(v: unknown): string | undefined {
  if (v === undefined || typeof v === 'string') return undefined;
  const list = (Array.isArray(v) ? v : [v]).filter(
    (x): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x),
  );
  if (list.length === 0) return undefined;
  return JSON.stringify(
    list.map((c) => ({
      jsonPath: c.json_path ?? c.jsonPath,
      operator: c.operator,
      ...(c.value !== undefined && c.value !== null ? { value: c.value } : {}),
      ...(c.values !== undefined && c.values !== null ? { values: c.values } : {}),
    })),
  );
}
