/**
 * @module
 * SCIM PATCH (RFC 7644 §3.5.2) on a user document: `add`, `replace` and `remove` operations, with
 * or without a `path` (`active`, `emails[type eq "work"].value`,
 * `urn:…:enterprise:2.0:User:department`, `urn:…:genesys:purecloud:2.0:User:routingSkills`).
 * The document is then written like a PUT (`write.ts`), so every rule of a write applies.
 *
 * - Operation names ignore case (identity providers send `Replace`).
 * - `add` on a multi-valued attribute appends; a value whose key (an email's `value`, a skill's
 *   `name`, an external id's `authority`) is already there replaces that one.
 * - A `replace` whose filter matches no value is a 400 `noTarget`; a `remove` needs a `path`.
 * - `id`, `meta`, `schemas` and `groups` are read-only (400 `mutability`).
 */
import { z } from 'zod';
import { isPlainObject } from '../../../core/index.ts';
import { ScimError } from './errors.ts';
import { compileFilter } from './filter.ts';
import type { AttributePath } from './schema.ts';
import { CORE, extensionOf, parsePath } from './schema.ts';

type Json = Record<string, unknown>;
type Op = 'add' | 'replace' | 'remove';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const PatchRequest = z
  .object({
    schemas: z.array(z.string()),
    Operations: z
      .array(z.object({ op: z.string(), path: z.string().optional(), value: z.unknown().optional() }).loose())
      .min(1, { error: 'at least one operation is required' }),
  })
  .loose();

function syntax(detail: string): never {
  throw new ScimError(400, 'invalidSyntax', detail);
}

/** The text of an element's sub-attribute, whatever its case. */
const getterOf =
  (el: Json) =>
  (attr: string): string | undefined => {
    const k = Object.keys(el).find((x) => x.toLowerCase() === attr.toLowerCase());
    const v = k === undefined ? undefined : el[k];
    return v === undefined || v === null ? undefined : String(v);
  };

function selected(list: Json[], ref: AttributePath, path: string): Json[] {
  if (ref.filter === undefined) return list;
  const filter = compileFilter(ref.filter);
  if (typeof filter === 'string') throw new ScimError(400, 'invalidFilter', `${path}: ${filter}`);
  return list.filter((el) => filter.test(getterOf(el)));
}

function patchMulti(holder: Json, ref: AttributePath, op: Op, value: unknown, path: string): void {
  const def = ref.def!;
  const list = (Array.isArray(holder[def.name]) ? holder[def.name] : []) as Json[];
  if (ref.filter === undefined && ref.sub === undefined) {
    if (op === 'remove') {
      delete holder[def.name];
      return;
    }
    const values = Array.isArray(value) ? value : [value];
    if (!values.every(isPlainObject)) syntax(`${path}: the values of ${def.name} are objects`);
    if (op === 'replace') {
      holder[def.name] = values;
      return;
    }
    const out = [...list];
    for (const v of values) {
      const i = def.key === undefined ? -1 : out.findIndex((el) => el[def.key!] === v[def.key!]);
      if (i >= 0) out[i] = { ...out[i], ...v };
      else out.push(v);
    }
    holder[def.name] = out;
    return;
  }
  const hits = selected(list, ref, path);
  if (op === 'remove') {
    if (ref.sub !== undefined) for (const el of hits) delete el[ref.sub];
    else holder[def.name] = list.filter((el) => !hits.includes(el));
    if ((holder[def.name] as Json[]).length === 0) delete holder[def.name];
    return;
  }
  if (hits.length === 0) throw new ScimError(400, 'noTarget', `${path} matches no value of ${def.name}`);
  for (const el of hits) {
    if (ref.sub !== undefined) el[ref.sub] = value;
    else if (isPlainObject(value)) Object.assign(el, value);
    else syntax(`${path}: a value of ${def.name} is an object`);
  }
}

function patchAt(doc: Json, op: Op, path: string, value: unknown): void {
  const ref = parsePath(path);
  if (typeof ref === 'string') throw new ScimError(400, 'invalidPath', ref);
  const def = ref.def;
  if (def?.mutability === 'readOnly') throw new ScimError(400, 'mutability', `${def.name} is read-only`);
  if (def?.mutability === 'unmodeled')
    throw new ScimError(400, 'invalidValue', `${def.name}: the emulator does not model role grants`);
  if (!def) {
    if (op === 'remove') delete doc[ref.schema];
    else if (!isPlainObject(value)) syntax(`${path}: the value of an extension is an object of its attributes`);
    else for (const [k, v] of Object.entries(value)) patchAt(doc, op, `${ref.schema}:${k}`, v);
    return;
  }
  if (ref.schema !== CORE && doc[ref.schema] === undefined) {
    if (op === 'remove') return;
    doc[ref.schema] = {};
  }
  const holder = (ref.schema === CORE ? doc : doc[ref.schema]) as Json;
  if (def.multi) {
    patchMulti(holder, ref, op, value, path);
    return;
  }
  const current = holder[def.name];
  if (ref.sub !== undefined) {
    if (op === 'remove') {
      if (isPlainObject(current)) delete current[ref.sub];
    } else holder[def.name] = { ...(isPlainObject(current) ? current : {}), [ref.sub]: value };
    return;
  }
  if (op === 'remove') delete holder[def.name];
  // A complex attribute keeps the sub-attributes the value does not name (RFC 7644 §3.5.2.3).
  else if (def.sub && isPlainObject(value) && isPlainObject(current)) holder[def.name] = { ...current, ...value };
  else holder[def.name] = value;
}

/**
 * Apply a `PatchOp` request to a user document, in place; 400 with SCIM's `scimType` when it
 * cannot be applied.
 * @example
 * applyPatch(doc, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] });
 */
export function applyPatch(doc: Json, body: unknown): void {
  const r = PatchRequest.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    syntax(`${issue.path.map(String).join('.') || 'body'}: ${issue.message}`);
  }
  if (!r.data.schemas.some((s) => s.toLowerCase() === PATCH_OP.toLowerCase()))
    syntax(`schemas must hold ${PATCH_OP}; got ${JSON.stringify(r.data.schemas)}`);
  r.data.Operations.forEach((operation, i) => {
    const op = operation.op.toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove')
      syntax(`Operations[${i}].op must be add, replace or remove; got ${JSON.stringify(operation.op)}`);
    if (operation.path !== undefined) {
      patchAt(doc, op, operation.path, operation.value);
      return;
    }
    if (op === 'remove') throw new ScimError(400, 'noTarget', `Operations[${i}]: remove needs a path`);
    if (!isPlainObject(operation.value))
      syntax(`Operations[${i}]: without a path, the value is an object of the attributes to ${op}`);
    for (const [key, v] of Object.entries(operation.value)) {
      const ext = extensionOf(key);
      if (ext && isPlainObject(v)) for (const [k, sub] of Object.entries(v)) patchAt(doc, op, `${ext}:${k}`, sub);
      else patchAt(doc, op, key, v);
    }
  });
}
