import { describe, expect, it } from 'vitest';
import { FAILURE_OUTPUT_NAMES, failureOutputs, flattenFailure } from './failure.ts';
import { flattenOutputs } from './flatten.ts';
import { jsonDepth, parseJsonText } from './json-text.ts';

describe('flattenOutputs (Architect)', () => {
  it('keeps top-level scalars, dots nested objects, keeps primitive arrays as collections, columns object arrays', () => {
    expect(
      flattenOutputs({
        state: 'waiting',
        externalSegment: ['outbound'],
        user: { id: 'u', name: { first: 'A' } },
        items: [
          { id: 'i1', tags: ['a'] },
          { id: 'i2', tags: ['b', 'c'] },
        ],
      }),
    ).toEqual({
      state: 'waiting',
      externalSegment: ['outbound'],
      'user.id': 'u',
      'user.name.first': 'A',
      'items.id': ['i1', 'i2'],
      'items.tags': ['a', 'b', 'c'],
    });
  });
});

describe('failure outputs (platform spec §3.3 item 9)', () => {
  const body = {
    message: 'nope',
    code: 'not.found',
    status: 404,
    contextId: 'ctx',
    entityId: 'c1',
    messageWithParams: 'x {a}',
    messageParams: { a: '1' },
    details: [{ errorCode: 'ACTION.REMOTE_ENDPOINT', fieldName: 'f' }],
  };
  it('are exactly the 13 Architect outputs, with collections for userParams.* and details.*', () => {
    const flat = flattenFailure(body);
    expect(Object.keys(flat)).toEqual([...FAILURE_OUTPUT_NAMES]);
    expect(flat).toMatchObject({
      errorCode: 'not.found',
      status: 404,
      correlationId: 'ctx',
      entityId: 'c1',
      entityName: null,
      userMessage: 'nope',
      'userParams.key': ['a'],
      'userParams.value': ['1'],
      'details.fieldName': ['f'],
    });
  });
  it('flatten the same way as the nested form', () => {
    expect(flattenOutputs(failureOutputs(body))).toMatchObject({
      'userParams.key': ['a'],
      'details.errorCode': ['ACTION.REMOTE_ENDPOINT'],
    });
  });
});

describe('json-text', () => {
  it.each([
    ['{"a": 1,}', 1, 9],
    ['{\n  "state": waiting\n}', 2, 12],
    ['[1, 2', 1, 6],
    ['{"a": "x\ny"}', 1, 9],
  ])('locates the error in %j at line %i column %i', (text, line, column) => {
    expect(parseJsonText(text)).toMatchObject({ ok: false, line, column });
  });
  it('measures depth', () => {
    expect(jsonDepth(1)).toBe(0);
    expect(jsonDepth({ a: [{}] })).toBe(3);
  });
});
