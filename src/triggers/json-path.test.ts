import { describe, expect, it } from 'vitest';
import { SwitchboardError } from '../core/index.ts';
import { compileJsonPath } from './json-path.ts';

describe('criterion paths', () => {
  it('turn a syntax error into SB_TRIGGER_JSONPATH with the path and position', () => {
    try {
      compileJsonPath('a.b c');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SwitchboardError);
      expect(e).toMatchObject({ code: 'SB_TRIGGER_JSONPATH', details: { jsonPath: 'a.b c', position: 3 } });
      expect((e as Error).message).toMatch(
        /^jsonPath "a\.b c": expected "\." or "\[" between path segments; found ' ' at position 3$/,
      );
    }
  });

  it('reject path functions, which criteria do not take', () => {
    expect(() => compileJsonPath('callbackNumbers.length()')).toThrow(
      expect.objectContaining({ code: 'SB_TRIGGER_JSONPATH' }),
    );
  });
});
