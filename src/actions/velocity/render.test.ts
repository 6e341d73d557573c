import { describe, expect, it } from 'vitest';
import { SwitchboardError, VirtualClock } from '../../core/index.ts';
import { renderTemplate } from './render.ts';
import { compileTemplate } from './template.ts';
import { templateTools } from './tools.ts';

const clock = new VirtualClock(Date.UTC(2024, 0, 31, 13, 5, 9, 7));
const tools = templateTools(clock);
const r = (src: string, ctx: Record<string, unknown> = {}): string =>
  renderTemplate(compileTemplate('t', src), { ...tools, ...ctx });

function templateFailure(fn: () => unknown): SwitchboardError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SwitchboardError) return e;
    throw e;
  }
  throw new Error('expected a template error');
}

describe('Velocity references (HELP-VEL)', () => {
  it('renders formal, silent and missing references the way Java Velocity does', () => {
    expect(r('/api/v2/users/${input.id}', { input: { id: 'u1' } })).toBe('/api/v2/users/u1');
    expect(r('[${missing}] [$!{missing}] [$!missing]')).toBe('[${missing}] [] []');
    // A null value renders like an undefined reference (velocityjs alone prints "null").
    expect(r('[${input.x}] [$!{input.x}]', { input: { x: null } })).toBe('[${input.x}] []');
  });

  it('runs #if/#else/#foreach/#set', () => {
    expect(r('#if($a)yes#{else}no#end', { a: false })).toBe('no');
    expect(r('#foreach($i in $l)$i#if($foreach.hasNext),#end#end', { l: [1, 2, 3] })).toBe('1,2,3');
    expect(r('#set($x = "v")$x')).toBe('v');
  });

  it('divides integers as Java does', () => {
    expect(r('#set($x = 7 / 2)$x #set($y = 7.0 / 2)$y')).toBe('3 3.5');
  });

  it('does not leak #set between renders', () => {
    const t = compileTemplate('t', '#if($x)set#{else}unset#end#set($x = 1)');
    expect(renderTemplate(t, {})).toBe('unset');
    expect(renderTemplate(t, {})).toBe('unset');
  });
});

describe('Java String/List/Map methods (the velocityjs gaps)', () => {
  const s = 'a-b-A';
  it.each([
    ['$s.length()', '5'],
    ['$s.isEmpty() $e.isEmpty()', 'false true'],
    ['$s.contains("-b") $s.contains("z")', 'true false'],
    ['$s.equalsIgnoreCase("A-B-a") $s.equals("a-b-a")', 'true false'],
    ['$s.replace("-", "+")', 'a+b+A'],
    ['$s.replaceAll("[ab]", "x")', 'x-x-A'],
    ['$s.replaceAll("(a)-(b)", "$2$1")', 'ba-A'],
    ['$s.replaceFirst("-", "")', 'ab-A'],
    ['$s.substring(2) $s.substring(0, 1)', 'b-A a'],
    ['$s.indexOf("b") $s.lastIndexOf("-")', '2 3'],
    ['$s.startsWith("a-") $s.endsWith("A")', 'true true'],
    ['$s.toUpperCase() $s.toLowerCase()', 'A-B-A a-b-a'],
    ['[$p.trim()]', '[x]'],
    ['$s.split("-").size() $s.split("-").get(1)', '3 b'],
    ['$s.matches("[a-zA-Z-]+") $s.matches("a")', 'true false'],
    ['$s.charAt(4)', 'A'],
  ])('%s', (src, expected) => {
    expect(r(src, { s, e: '', p: '  x \n' })).toBe(expected);
  });

  it('gives lists and maps their Java methods', () => {
    expect(r('$l.size() $l.isEmpty() $l.contains("b") $l.get(0)', { l: ['a', 'b'] })).toBe('2 false true a');
    expect(r('$m.isEmpty() $m.containsKey("k") $m.get("k") $m.size()', { m: { k: 'v' } })).toBe('false true v 1');
  });

  it('List.add answers true and Map.put the previous value (null renders as the reference text)', () => {
    expect(r('#set($l = [])$l.add("a") $l', {})).toBe('true [a]');
    expect(r('#set($m = {})$m.put("k",1) $m.put("k",2) $m', {})).toBe('$m.put("k",1) 1 {k=2}');
  });

  it('splits like Java (trailing empty strings dropped)', () => {
    expect(r('$s.split(",").size()', { s: 'a,b,,' })).toBe('2');
    expect(r('$s.split(",").size()', { s: ',a' })).toBe('2');
  });
});

describe('tools', () => {
  it('$esc escapes for JSON, URLs and quotes', () => {
    const v = 'He said "hi"\n& left/';
    expect(r('{"m": "$esc.jsonString($v)"}', { v })).toBe('{"m": "He said \\"hi\\"\\n& left/"}');
    expect(JSON.parse(r('{"m": "$esc.jsonString($v)"}', { v })).m).toBe(v);
    expect(r('$esc.url($v)', { v: 'a b&c*~' })).toBe('a+b%26c*%7E');
    expect(r('$esc.uriEncode($v)', { v: 'a b' })).toBe('a%20b');
    expect(r('$esc.quote$esc.quote|$esc.dollar$esc.hash')).toBe('""|$#');
    expect(r('$esc.sql($v)', { v: "O'Brien" })).toBe("O''Brien");
  });

  it('$math computes and gives null (the reference text) for bad input', () => {
    expect(r('$math.add(1, 2) $math.sub(5, 2) $math.mul(2, 3) $math.div(7, 2) $math.idiv(7, 2) $math.mod(7, 2)')).toBe(
      '3 3 6 3.5 3 1',
    );
    expect(r('$math.max(1, 5, 3) $math.toInteger("42") $math.round(2.5) $math.roundTo(2, 3.14159)')).toBe(
      '5 42 3 3.14',
    );
    expect(r('$math.div(1,0)')).toBe('$math.div(1,0)');
    expect(r('$math.add("x",1)')).toBe('$math.add("x",1)');
  });

  it('$successTemplateUtils.firstFromArray re-serializes the first element, else the default', () => {
    const t = '{"priority": ${successTemplateUtils.firstFromArray("${pIdArray}", "$esc.quote$esc.quote")}}';
    expect(r(t, { pIdArray: '[5, 7]' })).toBe('{"priority": 5}');
    expect(r(t, { pIdArray: '["x"]' })).toBe('{"priority": "x"}');
    // BP-CBPRIO's default [""] gives the empty string, which then fails an integer schema.
    expect(r(t, { pIdArray: '[""]' })).toBe('{"priority": ""}');
    expect(r(t, { pIdArray: '[]' })).toBe('{"priority": ""}');
    expect(r('${successTemplateUtils.firstFromArray("${n}", "0")}', { n: '[]' })).toBe('0');
  });

  it('$successTemplateUtils moves keys into objects and lists into maps', () => {
    expect(JSON.parse(r("$successTemplateUtils.moveKeysIntoArrayOfObjects($o, 'id')", { o: '{"a":{"n":1}}' }))).toEqual(
      [{ n: 1, id: 'a' }],
    );
    expect(JSON.parse(r("$successTemplateUtils.moveListToMap($l, 'id')", { l: '[{"id":"a","n":1}]' }))).toEqual({
      a: { id: 'a', n: 1 },
    });
  });

  it('$urlTool, $encoding and $date', () => {
    expect(r('?x=1&$urlTool.optionalQueryParam("q", $v)', { v: 'a b' })).toBe('?x=1&q=a+b');
    expect(r('[$urlTool.optionalQueryParam("q", "")]')).toBe('[]');
    expect(r('$encoding.base64("hi")')).toBe('aGk=');
    expect(r("$date.get('yyyy-MM-dd HH:mm:ss.SSS')")).toBe('2024-01-31 13:05:09.007');
    expect(r("$date.format('dd/MM/yy', '2020-02-03T00:00:00Z')")).toBe('03/02/20');
  });
});

describe('template errors name the template and the position', () => {
  it('a syntax error', () => {
    const e = templateFailure(() => compileTemplate('requestUrlTemplate', '/api/v2/users/${input.id'));
    expect(e.code).toBe('SB_ACTION_TEMPLATE');
    expect(e.details).toMatchObject({ template: 'requestUrlTemplate', line: 1 });
    expect(e.message).toContain('requestUrlTemplate at line 1');
  });

  it('an unclosed block and a stray #end (velocityjs silently truncates both)', () => {
    expect(templateFailure(() => compileTemplate('successTemplate', '{\n#if($a)\n"x": 1\n}')).details).toMatchObject({
      line: 2,
      column: 1,
    });
    expect(templateFailure(() => compileTemplate('headers.X', 'a #end b')).details).toMatchObject({
      template: 'headers.X',
      line: 1,
      column: 3,
    });
    expect(() => compileTemplate('t', '## a comment #end\n\\#end')).not.toThrow();
  });

  it('a Java exception at render time, at the reference that raised it', () => {
    const e = templateFailure(() =>
      renderTemplate(compileTemplate('requestTemplate', 'line one\n  ${s.substring(10)}'), { s: 'abc' }),
    );
    expect(e.details).toMatchObject({ template: 'requestTemplate', line: 2, column: 3 });
    expect(e.message).toContain('StringIndexOutOfBoundsException');
  });
});
