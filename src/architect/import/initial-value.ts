/**
 * @module
 * The initial value of a declared variable, from the literal either format gives it.
 */
import { toVariableValue } from '../bindings.ts';
import { PRIMITIVE_TYPES } from '../data-types.ts';
import type { ArchType, ArchValue } from '../model.ts';

/**
 * A literal as a variable's initial value: collections start empty, String takes any scalar's text
 * (Archy writes `lit: 5` for a string too), JSON accepts a document or its text, and the other
 * added types are converted (an unfit literal is reported through `issue` and left NOT_SET).
 * @example
 * initialValue('2024-05-01', { base: 'Date', collection: false }, console.error); // '2024-05-01'
 */
export function initialValue(lit: unknown, type: ArchType, issue: (why: string) => void): ArchValue {
  if (type.collection || lit === undefined || lit === null) return type.collection ? [] : null;
  if (type.base === 'String')
    return typeof lit === 'string'
      ? lit
      : typeof lit === 'number' || typeof lit === 'boolean'
        ? String(lit)
        : JSON.stringify(lit);
  if (PRIMITIVE_TYPES.has(type.base))
    return typeof lit === 'string' || typeof lit === 'number' || typeof lit === 'boolean' ? lit : JSON.stringify(lit);
  let source: unknown = lit;
  if (type.base === 'JSON' && typeof lit === 'string') {
    try {
      source = JSON.parse(lit) as unknown;
    } catch {
      issue(`a JSON literal must be JSON text; got ${JSON.stringify(lit).slice(0, 80)}`);
      return null;
    }
  }
  const c = toVariableValue(source, type);
  if (!c.ok) {
    issue(c.reason);
    return null;
  }
  return c.value;
}
