/**
 * @module
 * The SCIM user schemas Genesys serves (the SDK's `ScimV2User`): the core schema, the enterprise
 * extension and the Genesys extension, and the attribute paths of RFC 7644 §3.10
 * (`emails[type eq "work"].value`, `urn:…:enterprise:2.0:User:manager.value`).
 */

/** The core user schema. */
export const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
/** The enterprise user extension. */
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/** Genesys's user extension (`ScimUserExtensions`). */
export const GENESYS = 'urn:ietf:params:scim:schemas:extension:genesys:purecloud:2.0:User';

/** A schema a user attribute belongs to. */
export type SchemaUrn = typeof CORE | typeof ENTERPRISE | typeof GENESYS;

/** One attribute of a schema. */
export interface AttributeDef {
  readonly name: string;
  readonly multi?: boolean;
  /** Sub-attributes of a complex attribute. */
  readonly sub?: readonly string[];
  /** `readOnly`: set by the service; `unmodeled`: Genesys has it, the emulator does not keep it. */
  readonly mutability?: 'readOnly' | 'unmodeled';
  /** The sub-attribute that identifies a value of a multi-valued attribute (`add` replaces its match). */
  readonly key?: string;
}

const CONTACT = ['value', 'type', 'primary'];

/** The attributes of each schema. */
const ATTRIBUTES: Record<SchemaUrn, readonly AttributeDef[]> = {
  [CORE]: [
    { name: 'id', mutability: 'readOnly' },
    { name: 'schemas', mutability: 'readOnly' },
    { name: 'meta', sub: ['resourceType', 'lastModified', 'location', 'version'], mutability: 'readOnly' },
    { name: 'userName' },
    { name: 'displayName' },
    { name: 'active' },
    { name: 'title' },
    { name: 'password' },
    { name: 'externalId' },
    { name: 'emails', multi: true, sub: CONTACT, key: 'value' },
    { name: 'phoneNumbers', multi: true, sub: CONTACT, key: 'value' },
    { name: 'groups', multi: true, sub: ['value', '$ref', 'type'], mutability: 'readOnly' },
    { name: 'roles', multi: true, sub: ['value'], mutability: 'unmodeled' },
  ],
  [ENTERPRISE]: [
    { name: 'division' },
    { name: 'department' },
    { name: 'manager', sub: ['value', '$ref'] },
    { name: 'employeeNumber' },
    { name: 'dateHire' },
  ],
  [GENESYS]: [
    { name: 'routingSkills', multi: true, sub: ['name', 'proficiency'], key: 'name' },
    { name: 'routingLanguages', multi: true, sub: ['name', 'proficiency'], key: 'name' },
    { name: 'externalIds', multi: true, sub: ['authority', 'value'], key: 'authority' },
  ],
};

/** An attribute path: the schema, the attribute (none: the whole extension), a value filter, a sub-attribute. */
export interface AttributePath {
  readonly schema: SchemaUrn;
  readonly def?: AttributeDef;
  readonly filter?: string;
  readonly sub?: string;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The attribute `name` of a schema, whatever its case. */
export function attributeDef(schema: SchemaUrn, name: string): AttributeDef | undefined {
  return ATTRIBUTES[schema].find((d) => same(d.name, name));
}

/** The extension URN a key names, whatever its case. */
export function extensionOf(key: string): typeof ENTERPRISE | typeof GENESYS | undefined {
  return same(key, ENTERPRISE) ? ENTERPRISE : same(key, GENESYS) ? GENESYS : undefined;
}

/**
 * Parse an attribute path; a string is why it cannot be read.
 * @example
 * parsePath('emails[type eq "work"].value') // { schema: CORE, def: emails, filter: 'type eq "work"', sub: 'value' }
 */
export function parsePath(path: string): AttributePath | string {
  let schema: SchemaUrn = CORE;
  let rest = path.trim();
  if (/^urn:/i.test(rest)) {
    const urn = [ENTERPRISE, GENESYS, CORE].find((u) => rest.toLowerCase().startsWith(u.toLowerCase()));
    if (!urn) return `${path} names no schema of a user (${CORE}, ${ENTERPRISE} or ${GENESYS})`;
    schema = urn as SchemaUrn;
    rest = rest.slice(urn.length);
    if (rest === '') return schema === CORE ? `${path} names no attribute` : { schema };
    if (!rest.startsWith(':')) return `${path} names no schema of a user`;
    rest = rest.slice(1);
  }
  const m = /^([A-Za-z][\w$-]*)(?:\[(.+)\])?(?:\.([A-Za-z$][\w$]*))?$/.exec(rest);
  if (!m) return `${path} is not an attribute path (attribute, attribute[filter] or attribute.subAttribute)`;
  const [, name, filter, subName] = m;
  const def = attributeDef(schema, name!);
  if (!def) return `${path}: ${name} is not an attribute of ${schema}`;
  if (filter !== undefined && !def.multi) return `${path}: only a multi-valued attribute takes a [filter]`;
  let sub: string | undefined;
  if (subName !== undefined) {
    sub = def.sub?.find((s) => same(s, subName));
    if (!sub) return `${path}: ${subName} is not a sub-attribute of ${def.name}`;
  }
  return { schema, def, ...(filter === undefined ? {} : { filter }), ...(sub === undefined ? {} : { sub }) };
}
