/**
 * @module
 * Match-criterion paths: the core Jayway JSONPath engine, without path functions, whose syntax
 * errors become `SB_TRIGGER_JSONPATH`.
 */
import { JsonPathSyntaxError, SwitchboardError, compileJsonPath as compileCore } from '../core/index.ts';
import type { CompiledJsonPath } from '../core/index.ts';
import { TriggerErrors } from './errors.ts';

export type { CompiledJsonPath, Resolved } from '../core/index.ts';

/**
 * Compile a criterion's JSONPath. Throws `SB_TRIGGER_JSONPATH` naming the position on a syntax error.
 * @example
 * compileJsonPath('mediaType').read({ mediaType: 'CALL' }) // 'CALL'
 */
export function compileJsonPath(source: string): CompiledJsonPath {
  try {
    return compileCore(source);
  } catch (e) {
    if (!(e instanceof JsonPathSyntaxError)) throw e;
    throw new SwitchboardError(TriggerErrors.SB_TRIGGER_JSONPATH, e.message, {
      details: { jsonPath: e.jsonPath, position: e.position },
    });
  }
}
