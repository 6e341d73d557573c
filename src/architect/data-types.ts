/**
 * @module
 * The Architect data types beyond String, Integer, Decimal and Boolean: how each is named in an
 * `.i3WorkFlow` export and in Archy YAML, the properties of the object types (`Flow.user.email`),
 * and how an outside value (an input, a data-action output, an API response) becomes a value of
 * the type (docs/architect-semantics.md, "Data types").
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { isPlainObject } from '../core/index.ts';
import { parseDuration } from './duration.ts';
import type { ArchObject, ArchType, ArchValue, BaseType } from './model.ts';

/** How a data type is spelled in both formats, and the properties of an object type. */
export interface DataTypeInfo {
  /** `.i3WorkFlow` variable `__type` (the collection form sets `isCollection`). */
  readonly i3: string;
  /** Archy YAML variable kind stem: `<stem>Variable`, `<stem>CollectionVariable`. */
  readonly yaml: string;
  /** Properties readable as `Flow.x.<property>` (object types only). */
  readonly properties?: Readonly<Record<string, BaseType>>;
}

const named = { id: 'String', name: 'String' } as const;

/** Every data type a variable may have. */
export const DATA_TYPES: Readonly<Record<BaseType, DataTypeInfo>> = {
  String: { i3: 'StringVariable', yaml: 'string' },
  Integer: { i3: 'IntegerVariable', yaml: 'integer' },
  Decimal: { i3: 'DecimalVariable', yaml: 'decimal' },
  // Architect's exports write Boolean variables as `BoolVariable`.
  Boolean: { i3: 'BoolVariable', yaml: 'boolean' },
  DateTime: { i3: 'DateTimeVariable', yaml: 'dateTime' },
  Date: { i3: 'DateVariable', yaml: 'date' },
  Time: { i3: 'TimeVariable', yaml: 'time' },
  Duration: { i3: 'DurationVariable', yaml: 'duration' },
  JSON: { i3: 'JsonVariable', yaml: 'json' },
  Currency: { i3: 'CurrencyVariable', yaml: 'currency', properties: { amount: 'Decimal', code: 'String' } },
  User: {
    i3: 'UserVariable',
    yaml: 'user',
    properties: {
      ...named,
      email: 'String',
      username: 'String',
      title: 'String',
      department: 'String',
      state: 'String',
    },
  },
  Queue: { i3: 'QueueVariable', yaml: 'queue', properties: named },
  Group: { i3: 'GroupVariable', yaml: 'group', properties: named },
  Skill: { i3: 'SkillVariable', yaml: 'skill', properties: named },
  LanguageSkill: { i3: 'LanguageSkillVariable', yaml: 'languageSkill', properties: named },
  WrapupCode: { i3: 'WrapupCodeVariable', yaml: 'wrapupCode', properties: named },
  ExternalContact: {
    i3: 'ExternalContactVariable',
    yaml: 'externalContact',
    properties: {
      id: 'String',
      firstName: 'String',
      middleName: 'String',
      lastName: 'String',
      title: 'String',
      workEmail: 'String',
      personalEmail: 'String',
      otherEmail: 'String',
      workPhone: 'String',
      cellPhone: 'String',
      homePhone: 'String',
      otherPhone: 'String',
      externalOrganizationId: 'String',
    },
  },
  ExternalOrganization: {
    i3: 'ExternalOrganizationVariable',
    yaml: 'externalOrganization',
    properties: { ...named, companyType: 'String', industry: 'String' },
  },
  Email: { i3: 'EmailAddressVariable', yaml: 'emailAddress' },
  PhoneNumber: {
    i3: 'PhoneNumberVariable',
    yaml: 'phoneNumber',
    properties: { e164: 'String', raw: 'String', isTel: 'Boolean' },
  },
  // A workitem flow's `Workitem.Workitem` (Architect's `cpx_workitem`) and its status
  // (`cpx_worktype_status`); the variable spellings are [INFERRED] from the other types'.
  Workitem: {
    i3: 'WorkitemVariable',
    yaml: 'workitem',
    properties: {
      ...named,
      description: 'String',
      priority: 'Integer',
      status: 'WorktypeStatus',
      statusCategory: 'String',
      dateCreated: 'DateTime',
      dateModified: 'DateTime',
      dateDue: 'DateTime',
      dateExpires: 'DateTime',
      dateClosed: 'DateTime',
      durationSeconds: 'Integer',
      assignee: 'User',
      queue: 'Queue',
      externalContact: 'ExternalContact',
      language: 'LanguageSkill',
      externalTag: 'String',
      assignmentState: 'String',
      customFields: 'JSON',
    },
  },
  WorktypeStatus: {
    i3: 'WorktypeStatusVariable',
    yaml: 'worktypeStatus',
    properties: { ...named, category: 'String' },
  },
  // `Workitem.EventData`: the rule that launched the flow (the export's `workitem_event_data`).
  WorkitemEventData: {
    i3: 'WorkitemEventDataVariable',
    yaml: 'workitemEventData',
    properties: { rule: 'WorkitemEventRule' },
  },
  WorkitemEventRule: { i3: 'WorkitemEventRuleVariable', yaml: 'workitemEventRule', properties: { name: 'String' } },
};

/** The types that predate this module and keep their own conversion rules (bindings.ts). */
export const PRIMITIVE_TYPES: ReadonlySet<BaseType> = new Set<BaseType>(['String', 'Integer', 'Decimal', 'Boolean']);

/** The types whose values are ordered (`<`, `>`) within the type. */
export const ORDERED_TYPES: ReadonlySet<string> = new Set<BaseType>(['DateTime', 'Date', 'Time', 'Duration']);

/** The variable type of an `.i3WorkFlow` `__type` (`JsonVariable`, `UserCollectionVariable`…). */
export function typeOfI3(typeName: string, isCollection: boolean): ArchType | undefined {
  const collection = isCollection || /CollectionVariable$/.test(typeName);
  // [INFERRED] `BooleanVariable`, the type's full name, is read as Architect's `BoolVariable`.
  const plain = typeName.replace(/CollectionVariable$/, 'Variable').replace(/^BooleanVariable$/, 'BoolVariable');
  const base = (Object.keys(DATA_TYPES) as BaseType[]).find((b) => DATA_TYPES[b].i3 === plain);
  return base ? { base, collection } : undefined;
}

/** The variable type of an Archy YAML variable kind (`jsonVariable`, `userCollectionVariable`…). */
export function typeOfYamlKind(kind: string): ArchType | undefined {
  const m = /^(.+?)(Collection)?Variable$/.exec(kind);
  if (!m) return undefined;
  const base = (Object.keys(DATA_TYPES) as BaseType[]).find((b) => DATA_TYPES[b].yaml === m[1]);
  return base ? { base, collection: m[2] !== undefined } : undefined;
}

/** Every supported spelling, for messages. */
export function supportedKinds(format: 'i3' | 'yaml'): string {
  return Object.values(DATA_TYPES)
    .map((t) => (format === 'i3' ? t.i3 : `${t.yaml}Variable`))
    .join(', ');
}

/** Whether a value is an object-type value (JSON, Currency, User…). */
export function isArchObject(v: unknown): v is ArchObject {
  return isPlainObject(v) && typeof v.$type === 'string';
}

/** Why a value does not fit, or the value. */
export type RichConversion = { ok: true; value: ArchValue } | { ok: false; reason: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function fail(v: unknown, base: BaseType): RichConversion {
  return { ok: false, reason: `${JSON.stringify(v)?.slice(0, 80) ?? String(v)} is not a ${base}` };
}

/**
 * Convert a non-null outside value to a value of one of the added types (not String, Integer,
 * Decimal, Boolean). DateTime becomes ISO-8601 UTC with milliseconds; a DateTime without a zone
 * is read as UTC; Duration becomes milliseconds.
 * @example
 * toRichValue('2024-05-01T10:00:00Z', 'DateTime'); // { ok: true, value: '2024-05-01T10:00:00.000Z' }
 */
export function toRichValue(v: unknown, base: BaseType): RichConversion {
  if (isArchObject(v)) return v.$type === base ? { ok: true, value: v } : fail(v, base);
  switch (base) {
    case 'DateTime': {
      if (typeof v !== 'string' || !DATE_TIME.test(v.trim())) return fail(v, base);
      const t = v.trim();
      const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(t) ? t : `${t.replace(' ', 'T')}Z`);
      return Number.isFinite(ms) ? { ok: true, value: new Date(ms).toISOString() } : fail(v, base);
    }
    case 'Date': {
      const m = typeof v === 'string' ? DATE.exec(v.trim()) : null;
      if (!m) return fail(v, base);
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return d.getUTCDate() === Number(m[3]) && d.getUTCMonth() === Number(m[2]) - 1
        ? { ok: true, value: m[0] }
        : fail(v, base);
    }
    case 'Time': {
      const m = typeof v === 'string' ? TIME.exec(v.trim()) : null;
      if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) return fail(v, base);
      return { ok: true, value: `${m[1]}:${m[2]}:${m[3] ?? '00'}${m[4] ?? ''}` };
    }
    case 'Duration': {
      const ms = typeof v === 'number' ? v : typeof v === 'string' ? parseDuration(v) : undefined;
      return ms !== undefined && Number.isFinite(ms) ? { ok: true, value: ms } : fail(v, base);
    }
    case 'Email':
      return typeof v === 'string' && /^[^@\s]+@[^@\s]+$/.test(v.trim())
        ? { ok: true, value: v.trim() }
        : fail(v, base);
    case 'PhoneNumber':
      return typeof v === 'string' && v.trim() !== '' ? { ok: true, value: v.trim() } : fail(v, base);
    case 'JSON':
      return { ok: true, value: { $type: 'JSON', value: v } };
    case 'Currency':
      if (isPlainObject(v) && typeof v.amount === 'number' && typeof v.code === 'string')
        return { ok: true, value: { $type: 'Currency', amount: v.amount, code: v.code } };
      return fail(v, base);
    default:
      return platformObject(v, base);
  }
}

/** A platform object (User, Queue…) from its API form: the declared properties, the rest dropped. */
function platformObject(v: unknown, base: BaseType): RichConversion {
  const identified = 'id' in (DATA_TYPES[base].properties ?? {});
  if (!isPlainObject(v) || (identified && typeof v.id !== 'string'))
    return {
      ok: false,
      reason: `${JSON.stringify(v)?.slice(0, 80) ?? String(v)} is not a ${base} (an object with an "id")`,
    };
  const out: Record<string, unknown> = { $type: base };
  for (const [prop, t] of Object.entries(DATA_TYPES[base].properties ?? {})) {
    const raw =
      base === 'ExternalContact' && prop === 'externalOrganizationId' && isPlainObject(v.externalOrganization)
        ? v.externalOrganization.id
        : v[prop];
    out[prop] = raw === undefined || raw === null ? null : propertyValue(raw, t);
  }
  return { ok: true, value: out as ArchObject };
}

/** A property of a platform object as its type's value; one that does not fit is NOT_SET [INFERRED]. */
function propertyValue(raw: unknown, t: BaseType): unknown {
  if (t === 'String') return typeof raw !== 'string' ? textOf(raw) : raw;
  if (t === 'Boolean') return typeof raw === 'boolean' ? raw : null;
  if (t === 'Integer' || t === 'Decimal') return typeof raw === 'number' ? raw : null;
  const c = toRichValue(raw, t);
  return c.ok ? c.value : null;
}

/** A String property from a non-string API field: a phone number object gives its E.164 form or display text. */
function textOf(raw: unknown): string {
  if (isPlainObject(raw)) {
    const phone = raw.e164 ?? raw.display;
    if (typeof phone === 'string') return phone;
    return JSON.stringify(raw);
  }
  return String(raw);
}

/**
 * The type of `Flow.user.email`-style names: the longest declared variable prefix, then one
 * property per remaining segment. `undefined` when neither the variable nor the property exists.
 */
export function resolveName(
  name: string,
  typeOf: (n: string) => ArchType | undefined,
): { variable: string; path: string[]; type: ArchType } | undefined {
  const direct = typeOf(name);
  if (direct) return { variable: name, path: [], type: direct };
  const parts = name.split('.');
  for (let i = parts.length - 1; i >= 2; i--) {
    const variable = parts.slice(0, i).join('.');
    let type: ArchType | undefined = typeOf(variable);
    if (!type) continue;
    const path = parts.slice(i);
    for (const prop of path) {
      if (type.collection) return undefined;
      // A JSON variable's properties are read with dots (`Flow.jsonData.conversationId`); each is JSON.
      if (type.base === 'JSON') break;
      const props: Readonly<Record<string, BaseType>> = DATA_TYPES[type.base].properties ?? {};
      const key = Object.keys(props).find((k) => k.toLowerCase() === prop.toLowerCase());
      if (!key) return undefined;
      type = { base: props[key]!, collection: false };
    }
    return { variable, path, type };
  }
  return undefined;
}

const PHONE_PROPERTIES = new Set(['e164', 'raw', 'istel']);

/**
 * A property of a PhoneNumber held as text: `raw` the text, `isTel` whether it is a `tel:` URI,
 * `e164` the number in E.164 when it parses as a valid one (`tel:`/`sip:` dropped; without a
 * country code read as North American [INFERRED: Genesys uses the org's home country]), else NOT_SET.
 */
function phoneProperty(text: string, prop: string): ArchValue {
  if (prop === 'raw') return text;
  if (prop === 'istel') return /^tel:/i.test(text.trim());
  const parsed = parsePhoneNumberFromString(
    text
      .trim()
      .replace(/^(tel|sip):/i, '')
      .replace(/@.*$/, ''),
    'US',
  );
  return parsed?.isValid() ? parsed.number : null;
}

/** Read a property path of a value; a property of NOT_SET is NOT_SET. */
export function readPath(value: ArchValue, path: readonly string[]): ArchValue {
  let v: ArchValue = value;
  for (const [i, prop] of path.entries()) {
    if (v !== null && isArchObject(v) && v.$type === 'JSON') return jsonPath(v.value, path.slice(i));
    // A PhoneNumber is held as its text; its properties are computed from it.
    if (typeof v === 'string' && PHONE_PROPERTIES.has(prop.toLowerCase())) {
      v = phoneProperty(v, prop.toLowerCase());
      continue;
    }
    if (v === null || !isArchObject(v)) return null;
    const key = Object.keys(v).find((k) => k.toLowerCase() === prop.toLowerCase());
    v = key === undefined ? null : ((v[key] ?? null) as ArchValue);
  }
  return v;
}

/** The property at `path` of a JSON document, as JSON (NOT_SET when a step is missing); an exact key first, else one differing in case. */
function jsonPath(doc: unknown, path: readonly string[]): ArchValue {
  let v: unknown = doc;
  for (const prop of path) {
    if (v === null || typeof v !== 'object') return null;
    if (Array.isArray(v)) {
      const index = /^\d+$/.test(prop) ? Number(prop) : NaN;
      v = Number.isInteger(index) ? v[index] : undefined;
    } else {
      const o = v as Record<string, unknown>;
      const key = Object.hasOwn(o, prop) ? prop : Object.keys(o).find((k) => k.toLowerCase() === prop.toLowerCase());
      v = key === undefined ? undefined : o[key];
    }
    if (v === undefined) return null;
  }
  return v === null ? null : { $type: 'JSON', value: v };
}

/** A value as the world outside the flow sees it (outputs): JSON unwrapped, objects without `$type`. */
export function toOutsideValue(v: ArchValue): unknown {
  if (Array.isArray(v)) return v.map(toOutsideValue);
  if (!isArchObject(v)) return v;
  if (v.$type === 'JSON') return v.value;
  return Object.fromEntries(Object.entries(v).filter(([k]) => k !== '$type'));
}
