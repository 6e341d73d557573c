/**
 * @module
 * Terraform values as JavaScript values: strings, numbers, bools, null, lists/tuples/sets as
 * arrays, maps/objects as plain objects; plus {@link Unknown} (a value known only after apply or
 * from a data source not resolved) and {@link LazyObject} (a namespace such as `var` or a
 * resource whose attributes are evaluated when read, so that references follow the dependency
 * graph and a cycle is found where it is).
 */

/** A value that cannot be known when reading the project, with why. */
export class Unknown {
  constructor(readonly reason: string) {}
}

/**
 * The value of a named thing (`local.a`, `module.m.out`): an unknown one names it in its reason,
 * so an error about a value that needs it shows the chain (`local.a ← data.x.y (…)`).
 */
export function through(label: string, v: TfValue): TfValue {
  return v instanceof Unknown && !v.reason.startsWith(label) ? new Unknown(`${label} ← ${v.reason}`) : v;
}

/** An object whose attributes are computed on first read. */
export class LazyObject {
  private readonly cache = new Map<string, TfValue>();
  constructor(
    private readonly names: () => readonly string[],
    private readonly compute: (key: string) => TfValue | undefined,
  ) {}

  /** The attribute names. */
  keys(): readonly string[] {
    return this.names();
  }

  /** One attribute; undefined when there is no such attribute. */
  get(key: string): TfValue | undefined {
    if (this.cache.has(key)) return this.cache.get(key);
    const v = this.compute(key);
    if (v !== undefined) this.cache.set(key, v);
    return v;
  }
}

/** A Terraform value. */
export type TfValue = string | number | boolean | null | Unknown | LazyObject | TfValue[] | { [key: string]: TfValue };

/** A plain object value. */
export type TfObject = { [key: string]: TfValue };

/** True for a plain object (map/object) value. */
export function isObject(v: TfValue | undefined): v is TfObject {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown) && !(v instanceof LazyObject)
  );
}

/** The first unknown inside a value (deeply), if any. */
export function findUnknown(v: TfValue | undefined, depth = 0): Unknown | undefined {
  if (v instanceof Unknown) return v;
  if (depth > 64) return undefined;
  if (Array.isArray(v)) {
    for (const x of v) {
      const u = findUnknown(x, depth + 1);
      if (u) return u;
    }
  } else if (isObject(v)) {
    for (const x of Object.values(v)) {
      const u = findUnknown(x, depth + 1);
      if (u) return u;
    }
  }
  return undefined;
}

/** A value with every lazy object computed (deeply). */
export function materialize(v: TfValue, depth = 0): TfValue {
  if (depth > 64) return v;
  if (v instanceof LazyObject) {
    const out: TfObject = {};
    for (const k of v.keys()) {
      const x = v.get(k);
      if (x !== undefined) out[k] = materialize(x, depth + 1);
    }
    return out;
  }
  if (Array.isArray(v)) return v.map((x) => materialize(x, depth + 1));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, materialize(x, depth + 1)]));
  return v;
}

/** The name of a value's type, as Terraform says it in errors. */
export function typeName(v: TfValue | undefined): string {
  if (v === undefined || v === null) return 'null';
  if (v instanceof Unknown) return 'unknown';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'tuple';
  return 'object';
}

/** A JSON value as a Terraform value. */
export function fromJson(v: unknown): TfValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(fromJson);
  if (typeof v === 'object')
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromJson(x)]));
  return null;
}

/** Terraform's string form of a number: integers without a fraction, others as written by JSON. */
export function numberText(n: number): string {
  return Number.isInteger(n) ? n.toFixed(0) : String(n);
}
