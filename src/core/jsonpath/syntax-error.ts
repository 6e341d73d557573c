/**
 * @module
 * The syntax error of the JSONPath parser. Core has no error code for it: each context that
 * compiles paths (triggers, actions) turns it into its own `SwitchboardError`.
 */

/** A JSONPath that cannot be compiled, with the rule it breaks and where. */
export class JsonPathSyntaxError extends Error {
  /** The path as written. */
  readonly jsonPath: string;
  /** The 0-based offset in the written path where the rule is broken. */
  readonly position: number;
  /** The rule, without the path or the position (`expected "]"`). */
  readonly rule: string;

  /**
   * @example
   * new JsonPathSyntaxError('a[', 2, 'expected "]"', 'the end at position 2').message
   * // 'jsonPath "a[": expected "]"; found the end at position 2'
   */
  constructor(jsonPath: string, position: number, rule: string, found: string) {
    super(`jsonPath "${jsonPath}": ${rule}; found ${found}`);
    this.name = 'JsonPathSyntaxError';
    this.jsonPath = jsonPath;
    this.position = position;
    this.rule = rule;
  }
}
