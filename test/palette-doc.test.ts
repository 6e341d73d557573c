import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importArchyYaml, parseExpression } from '../src/architect/index.ts';
import { PALETTE_DOC, renderPaletteDoc } from '../scripts/palette-doc.ts';

describe('docs/architect-palette.md', () => {
  it('is what the registries generate', () => {
    expect(readFileSync(PALETTE_DOC, 'utf8'), 'docs/architect-palette.md is stale: run `npm run docs:palette`').toBe(
      renderPaletteDoc(),
    );
  });

  it('lists functions the expression language parses and checks by name', () => {
    const doc = readFileSync(PALETTE_DOC, 'utf8');
    const names = [...doc.matchAll(/^\| `([A-Za-z]+)` \| \d/gm)].map((m) => m[1]!);
    expect(names.length).toBe(Number(/## Functions \((\d+)\)/.exec(doc)![1]));
    for (const n of ['Append', 'GetJsonProperty', 'AddMonths', 'ToPhoneNumber']) expect(names).toContain(n);
    // An unknown function is refused where it is used, so the list is the whole library.
    expect(() =>
      importArchyYaml(
        [
          'workflow:',
          '  name: F',
          '  startUpRef: "/workflow/states/state[S]"',
          '  states:',
          '    - state:',
          '        name: S',
          '        refId: S',
          '        actions:',
          '          - endWorkflow:',
          '              name: E',
          '              exitReason:',
          '                exp: NoSuchFunction("x")',
        ].join('\n'),
      ),
    ).toThrow(/unknown function 'NoSuchFunction'/);
    expect(parseExpression('Append("a", "b")')).toMatchObject({ k: 'call', name: 'Append' });
  });
});
