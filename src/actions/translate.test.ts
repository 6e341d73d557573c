import { describe, expect, it } from 'vitest';
import { SwitchboardError } from '../core/index.ts';
import { compilePath, evaluatePath } from './json-path.ts';
import { compileTranslations, translate } from './translate.ts';

const callback = {
  participants: [
    { purpose: 'customer', state: 'connected', direction: 'inbound', user: null, callbacks: [{ state: 'waiting' }] },
    { purpose: 'acd', conversationRoutingData: { priority: 5 }, state: 'connected' },
    { purpose: 'user', state: 'connected', direction: 'inbound', user: { id: 'u-1' } },
  ],
  presenceDefinition: { systemPresence: 'Available' },
  nothing: null,
};

const t = (map: Record<string, string>, defaults: Record<string, string> = {}, doc: unknown = callback) =>
  translate(compileTranslations({ translationMap: map, translationMapDefaults: defaults, successTemplate: '' }), doc);

describe('compilePath (Jayway syntax)', () => {
  it.each([
    ['$.priority', true],
    ['$.participants[0].callbacks[0].state', true],
    ["$.['presenceDefinition'].systemPresence", true],
    ["$.participants[?(@.purpose=='acd')].conversationRoutingData.priority", false],
    ['$..priority', false],
    ['$.participants[*].purpose', false],
    ['$.participants[0,1].purpose', false],
    ['$.participants[0:2].purpose', false],
    ["['participants'][?(@.purpose=='user')]['user'].id", false],
  ])('%s is definite=%s', (path, definite) => {
    expect(compilePath(path).definite).toBe(definite);
  });

  it("reads a path without $ as $. + path, like Jayway's PathCompiler", () => {
    expect(evaluatePath(compilePath("['presenceDefinition'].systemPresence"), callback)).toEqual({
      found: true,
      value: 'Available',
    });
  });

  it("reads $.['x'] as a child, not a deep scan", () => {
    expect(compilePath("$.['presenceDefinition'].systemPresence").normalized).toBe(
      "$.['presenceDefinition'].systemPresence",
    );
    expect(evaluatePath(compilePath("$.['x']"), { y: { x: 1 } })).toEqual({ found: false });
  });

  it.each([
    ['$.a[', 4],
    // The missing operand: column 12 is the ')' that ends the filter.
    ['$.a[?(@.b==)]', 12],
    ["$['x", 3],
    ['$.x y', 4],
    ['$.foo()', 3],
    // Jayway operators the engine does not evaluate are named, not silently matched.
    ["$.a[?(@.b subsetof ['x'])]", 11],
    ['$.a[?(@.b empty true)]', 11],
    ['$.a.length().b', 13],
    ['$.a[?(@.b.length() > 1)]', 11],
  ])('rejects %s naming the column', (path, column) => {
    try {
      compilePath(path, 'translationMap.v');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SwitchboardError);
      expect((e as SwitchboardError).code).toBe('SB_ACTION_JSONPATH');
      expect((e as SwitchboardError).details).toMatchObject({ field: 'translationMap.v', column });
    }
  });

  it('reads operator words inside quoted filter strings as text', () => {
    expect(evaluatePath(compilePath("$.participants[?(@.purpose == 'size in contains')].purpose"), callback)).toEqual({
      found: false,
    });
    expect(compilePath('$.participants[?(@.size > 1 && @.in == 2)].purpose').definite).toBe(false);
  });

  it('treats a filter on a missing field as no match instead of failing', () => {
    expect(
      evaluatePath(compilePath('$.participants[?(@.conversationRoutingData.priority > 1)].purpose'), callback),
    ).toEqual({ found: true, value: ['acd'] });
  });

  it('applies trailing Jayway functions', () => {
    expect(evaluatePath(compilePath('$.participants.length()'), callback)).toEqual({ found: true, value: 3 });
    expect(evaluatePath(compilePath('$..priority.max()'), { a: [{ priority: 2 }, { priority: 9 }] })).toEqual({
      found: true,
      value: 9,
    });
  });

  it('reads [-1] as the last element', () => {
    expect(evaluatePath(compilePath('$.participants[-1].purpose'), callback)).toEqual({ found: true, value: 'user' });
  });
});

describe('translate (HELP-RESP rules)', () => {
  it('binds a definite path to the JSON text of its value: strings arrive quoted', () => {
    expect(t({ state: '$.participants[0].callbacks[0].state' }).vars).toEqual({ state: '"waiting"' });
  });

  it('binds an indefinite path to a JSON array', () => {
    expect(t({ p: "$.participants[?(@.purpose=='acd')].conversationRoutingData.priority" }).vars).toEqual({ p: '[5]' });
  });

  it('uses the default only when nothing resolves, verbatim', () => {
    const r = t({ p: "$.participants[?(@.purpose=='nope')].x", s: '$.missing' }, { p: '[""]', s: 'disconnected' });
    expect(r.vars).toEqual({ p: '[""]', s: 'disconnected' });
    expect(r.trace.map((x) => x.source)).toEqual(['default', 'default']);
  });

  it('does NOT fall back to the default for a null value', () => {
    const r = t({ n: '$.nothing' }, { n: '"fallback"' });
    expect(r.vars).toEqual({ n: 'null' });
    expect(r.trace[0]).toMatchObject({ source: 'path', value: 'null' });
  });

  it('gives [] for an indefinite path with no match and no default', () => {
    expect(
      t({ ext: "['participants'][?(@.purpose=='external')]['sessions'][?(@.direction=='outbound')].direction" }).vars,
    ).toEqual({ ext: '[]' });
  });

  it('leaves a definite path with no match and no default unresolved, and says so in the trace', () => {
    const r = t({ label: "$.['languageLabels'].en" });
    expect(r.vars).toEqual({});
    expect(r.trace).toEqual([{ name: 'label', path: "$.['languageLabels'].en", source: 'unresolved' }]);
  });
});
