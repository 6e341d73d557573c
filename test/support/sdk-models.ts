/**
 * The response models of the official SDK (`purecloud-platform-client-v2`'s `index.d.ts`), read as
 * field → type tables, and a checker that compares a JSON value with a model: every field the value
 * has must be a field of the model, of the model's type; a field the model marks required (no `?`)
 * must be present.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A field type as the SDK writes it, parsed. */
type FieldType =
  | { readonly kind: 'string' | 'number' | 'boolean' | 'object' }
  | { readonly kind: 'model'; readonly name: string }
  | { readonly kind: 'array'; readonly of: FieldType }
  | { readonly kind: 'map'; readonly of: FieldType };

/** One model: its fields and which are required. */
export interface SdkModel {
  readonly fields: ReadonlyMap<string, { readonly type: FieldType; readonly required: boolean }>;
}

/** Parse `Array<Models.X>`, `{ [key: string]: T; }` and the primitives. */
function parseFieldType(text: string): FieldType {
  const t = text.trim();
  if (t === 'string' || t === 'number' || t === 'boolean' || t === 'object') return { kind: t };
  const arr = /^Array<(.+)>$/.exec(t);
  if (arr) return { kind: 'array', of: parseFieldType(arr[1]!) };
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(t);
  if (map) return { kind: 'map', of: parseFieldType(map[1]!) };
  const model = /^Models\.([A-Za-z0-9_]+)$/.exec(t);
  if (model) return { kind: 'model', name: model[1]! };
  throw new Error(`unknown SDK field type: ${t}`);
}

/** Every model of the SDK's `Models` namespace. */
export function readSdkModels(): Map<string, SdkModel> {
  const require = createRequire(import.meta.url);
  const dts = readFileSync(
    join(dirname(require.resolve('purecloud-platform-client-v2/package.json')), 'index.d.ts'),
    'utf8',
  );
  const start = dts.indexOf('declare namespace Models {');
  const models = new Map<string, SdkModel>();
  let current: Map<string, { type: FieldType; required: boolean }> | undefined;
  for (const line of dts.slice(start).split('\n')) {
    const head = /^\texport interface ([A-Za-z0-9_]+) \{/.exec(line);
    if (head) {
      current = new Map();
      models.set(head[1]!, { fields: current });
      continue;
    }
    const field = /^\t\t"([^"]+)"(\??): (.+);\s*$/.exec(line);
    if (field && current) current.set(field[1]!, { type: parseFieldType(field[3]!), required: field[2] !== '?' });
    else if (/^\t\}/.test(line)) current = undefined;
  }
  return models;
}

/** The differences between `value` and the model `name`, as `path: what` lines (empty: it conforms). */
export function checkAgainstModel(
  models: ReadonlyMap<string, SdkModel>,
  name: string,
  value: unknown,
  path = '$',
): string[] {
  // An operation that answers a free-form map (a data table row) names it `{[key:string]:object;}`.
  const map = /^\{\s*\[key:\s*string\]:\s*(\w+);?\s*\}$/.exec(name);
  if (map) return checkType(models, { kind: 'map', of: parseFieldType(map[1]!) }, value, path);
  return checkType(models, { kind: 'model', name }, value, path);
}

function checkType(models: ReadonlyMap<string, SdkModel>, type: FieldType, value: unknown, path: string): string[] {
  if (value === null) return [`${path}: null (the SDK's models have no null; omit the field)`];
  switch (type.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return typeof value === type.kind ? [] : [`${path}: ${describe(value)}, the model says ${type.kind}`];
    case 'object':
      // The SDK writes a free-form JSON value (Swagger's untyped `object`, e.g. a trigger criterion's value) as `object`.
      return [];
    case 'array':
      if (!Array.isArray(value)) return [`${path}: ${describe(value)}, the model says an array`];
      return value.flatMap((v, i) => checkType(models, type.of, v, `${path}[${i}]`));
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value))
        return [`${path}: ${describe(value)}, the model says a map`];
      return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
        checkType(models, type.of, v, `${path}[${JSON.stringify(k)}]`),
      );
    case 'model': {
      const model = models.get(type.name);
      if (!model) return [`${path}: the SDK has no model ${type.name}`];
      if (typeof value !== 'object' || Array.isArray(value))
        return [`${path}: ${describe(value)}, the model ${type.name} is an object`];
      const out: string[] = [];
      const record = value as Record<string, unknown>;
      for (const [k, v] of Object.entries(record)) {
        const field = model.fields.get(k);
        if (!field) out.push(`${path}.${k}: not a field of ${type.name}`);
        else out.push(...checkType(models, field.type, v, `${path}.${k}`));
      }
      for (const [k, f] of model.fields)
        if (f.required && !(k in record) && !OPTIONAL_IN_PRACTICE.has(`${type.name}.${k}`))
          out.push(`${path}.${k}: required by ${type.name}, missing`);
      return out;
    }
  }
}

/** Fields the models mark required that Genesys leaves out in a state where they have no value yet. */
const OPTIONAL_IN_PRACTICE = new Set([
  // A segment still in progress has no end.
  'Segment.endTime',
]);

function describe(value: unknown): string {
  return Array.isArray(value) ? 'an array' : `a ${typeof value} (${JSON.stringify(value)?.slice(0, 40)})`;
}
