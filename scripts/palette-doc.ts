// Generates docs/architect-palette.md from the Architect engine's own registries: the functions the
// expression language knows, the Archy action kinds the importers read and the data types.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { architectPalette } from '../src/architect/index.ts';

export const PALETTE_DOC = resolve(import.meta.dirname, '../docs/architect-palette.md');

const arity = (min: number, max: number): string =>
  max === Infinity ? `${min} or more` : min === max ? String(min) : `${min} to ${max}`;

/** Render the palette table. */
export function renderPaletteDoc(): string {
  const p = architectPalette();
  return [
    '# Architect palette (generated)',
    '',
    'What the Architect engine supports, generated from its registries by `npm run docs:palette`;',
    'a test fails when this file is stale. Semantics, [INFERRED] choices and what is not supported yet',
    'are in [architect-semantics.md](architect-semantics.md).',
    '',
    `## Functions (${p.functions.length})`,
    '',
    '| Function | Arguments |',
    '| --- | --- |',
    ...p.functions.map((f) => `| \`${f.name}\` | ${arity(f.minArgs, f.maxArgs)} |`),
    '',
    `## Actions: Archy YAML kinds (${p.yamlActions.length + p.workitemYamlActions.length})`,
    '',
    '| Kind | In |',
    '| --- | --- |',
    ...p.yamlActions.map((a) => `| \`${a}\` | every flow type Switchboard runs |`),
    ...p.workitemYamlActions.map((a) => `| \`${a}\` | workitem flows only |`),
    '',
    'Besides these, `callTask` / `endTask` (reusable tasks). A common module may not call another',
    'common module, as in Architect.',
    '',
    '## Lookups: export types',
    '',
    '| Action | `.i3WorkFlow` `__type` |',
    '| --- | --- |',
    ...p.lookupExports.map((l) => `| ${l.label} | \`${l.i3}\` |`),
    '',
    `## Data types (${p.dataTypes.length}, each also as a collection)`,
    '',
    '| Type | `.i3WorkFlow` `__type` | Archy kind | Properties |',
    '| --- | --- | --- | --- |',
    ...p.dataTypes.map(
      (t) =>
        `| ${t.type} | \`${t.i3}\` | \`${t.yaml}\` | ${
          Object.entries(t.properties)
            .map(([k, v]) => `\`${k}\` (${v})`)
            .join(', ') || '—'
        } |`,
    ),
    '',
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  writeFileSync(PALETTE_DOC, renderPaletteDoc());
}
