/**
 * @module
 * The dimension filter of Genesys's analytics queries (aggregates, observations): predicates on a
 * dimension (`matches` a value, `exists`, `notExists`) combined by `and` / `or`, with clauses.
 * Bounded: at most 100 predicates a list and 25 clauses.
 */
import { z } from 'zod';

/** The filter schema for a set of dimensions (any string when not given). */
export function dimensionFilter<D extends z.ZodType<string>>(dimension: D) {
  const Predicate = z
    .object({
      type: z.string().optional(),
      dimension,
      operator: z.enum(['matches', 'exists', 'notExists']).optional(),
      value: z.string().optional(),
    })
    .loose();
  return z
    .object({
      type: z.enum(['and', 'or']),
      predicates: z.array(Predicate).max(100).optional(),
      clauses: z
        .array(z.object({ type: z.enum(['and', 'or']), predicates: z.array(Predicate).max(100) }).loose())
        .max(25)
        .optional(),
    })
    .loose();
}
