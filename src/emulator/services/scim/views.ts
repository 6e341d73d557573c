/**
 * @module
 * A directory user in SCIM's shape (the SDK's `ScimV2User`), the `attributes` /
 * `excludedAttributes` selection of RFC 7644 §3.4.2.5, and the values a list filter reads.
 *
 * Genesys always returns `id`, `userName`, `active` and `meta` whatever the selection (SDK
 * documentation of `getScimUsers`); `schemas` too (RFC 7643 §3).
 */
import type { OrgState } from '../../provider-contract.ts';
import { routingDirectoryStore } from '../routing/directory-store.ts';
import type { NamedRoutingEntity, Proficiency } from '../routing/directory-store.ts';
import { routingStore } from '../routing/store.ts';
import type { UserRecord } from '../users/store.ts';
import { usersStore } from '../users/store.ts';
import { ScimError } from './errors.ts';
import type { AttributePath } from './schema.ts';
import { CORE, ENTERPRISE, GENESYS, parsePath } from './schema.ts';
import { scimStore } from './store.ts';

type Json = Record<string, unknown>;

const ALWAYS = ['id', 'userName', 'active', 'meta', 'schemas'];

/** Drop undefined-valued keys (absent, never null). */
function compact(o: Json): Json {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

function named(list: readonly Proficiency[], table: Record<string, NamedRoutingEntity>): Json[] {
  return list.flatMap((p) => {
    const e = table[p.id];
    return e ? [{ name: e.name, proficiency: p.proficiency }] : [];
  });
}

const nonEmpty = <T>(list: readonly T[] | undefined): T[] | undefined =>
  list === undefined || list.length === 0 ? undefined : [...list];

/**
 * The `ScimV2User` of a directory user; `base` is the route prefix (`/api/v2/scim` or `/api/v2/scim/v2`).
 * @example
 * toScim(org, org.get(usersStore).users[id], '/api/v2/scim/v2')
 */
export function toScim(org: OrgState, u: UserRecord, base: string): Json {
  const division = org.get(usersStore).division;
  const extras = org.get(scimStore).users[u.id] ?? {};
  const dir = org.get(routingDirectoryStore);
  const groups = Object.values(org.get(routingStore).groups).filter((g) => g.memberIds.includes(u.id));
  const genesys = compact({
    routingSkills: nonEmpty(named(dir.userSkills[u.id] ?? [], dir.skills)),
    routingLanguages: nonEmpty(named(dir.userLanguages[u.id] ?? [], dir.languages)),
    externalIds: nonEmpty(extras.externalIds),
  });
  const hasGenesys = Object.keys(genesys).length > 0;
  return compact({
    id: u.id,
    schemas: [CORE, ENTERPRISE, ...(hasGenesys ? [GENESYS] : [])],
    active: u.state === 'active',
    userName: u.username,
    displayName: u.name,
    title: u.title,
    phoneNumbers: nonEmpty(extras.phoneNumbers),
    emails: [{ value: u.email, type: 'work', primary: true }, ...(extras.otherEmails ?? [])],
    externalId: extras.externalId,
    groups: nonEmpty(groups.map((g) => ({ value: g.id, $ref: `${base}/groups/${g.id}` }))),
    [ENTERPRISE]: compact({
      division: division.name,
      department: u.department,
      manager:
        extras.manager === undefined ? undefined : { value: extras.manager, $ref: `${base}/users/${extras.manager}` },
      employeeNumber: extras.employeeNumber,
      dateHire: extras.dateHire,
    }),
    [GENESYS]: hasGenesys ? genesys : undefined,
    meta: { resourceType: 'User', location: `${base}/users/${u.id}`, version: `W/"${u.version}"` },
  });
}

function pathOf(name: string, param: string): AttributePath {
  const ref = parsePath(name);
  if (typeof ref === 'string' || ref.filter !== undefined)
    throw new ScimError(400, 'invalidValue', `${param}: ${typeof ref === 'string' ? ref : `${name} takes no filter`}`);
  return ref;
}

/** The object of `resource` an attribute path's attribute lives in (the resource or an extension). */
function holder(resource: Json, ref: AttributePath, create: boolean): Json | undefined {
  if (ref.schema === CORE) return resource;
  if (create && resource[ref.schema] === undefined) resource[ref.schema] = {};
  return resource[ref.schema] as Json | undefined;
}

function pick(value: unknown, sub: string): unknown {
  if (Array.isArray(value)) return value.map((el: Json) => (el[sub] === undefined ? {} : { [sub]: el[sub] }));
  const v = (value as Json)[sub];
  return v === undefined ? undefined : { [sub]: v };
}

function include(out: Json, resource: Json, ref: AttributePath): void {
  if (!ref.def) {
    if (resource[ref.schema] !== undefined) out[ref.schema] = resource[ref.schema];
    return;
  }
  const value = holder(resource, ref, false)?.[ref.def.name];
  if (value === undefined) return;
  const target = holder(out, ref, true)!;
  if (!ref.sub) {
    target[ref.def.name] = value;
    return;
  }
  const part = pick(value, ref.sub);
  const have = target[ref.def.name];
  if (part === undefined) return;
  if (Array.isArray(part))
    target[ref.def.name] = part.map((p: Json, i) => ({ ...((have as Json[] | undefined)?.[i] ?? {}), ...p }));
  else target[ref.def.name] = { ...(have ?? {}), ...(part as Json) };
}

function exclude(out: Json, ref: AttributePath): void {
  if (!ref.def) {
    delete out[ref.schema];
    return;
  }
  if (ref.schema === CORE && ALWAYS.includes(ref.def.name)) return;
  const target = holder(out, ref, false);
  if (!target) return;
  if (!ref.sub) delete target[ref.def.name];
  else {
    const value = target[ref.def.name];
    for (const el of Array.isArray(value) ? value : value === undefined ? [] : [value]) delete (el as Json)[ref.sub];
  }
  if (ref.schema !== CORE && Object.keys(target).length === 0) delete out[ref.schema];
}

/**
 * Select attributes of a resource: only `attributes` (with the always-returned ones), or all but
 * `excludedAttributes`. Names are attribute paths without filters; an unknown one is a 400.
 * @example
 * select(toScim(org, u, base), ['displayName'], []) // id, schemas, userName, active, meta, displayName
 */
export function select(resource: Json, attributes: readonly string[], excluded: readonly string[]): Json {
  let out: Json = resource;
  if (attributes.length > 0) {
    out = Object.fromEntries(Object.entries(resource).filter(([k]) => ALWAYS.includes(k)));
    for (const name of attributes) include(out, resource, pathOf(name, 'attributes'));
    // Keep the resource's order of attributes.
    out = Object.fromEntries(Object.keys(resource).flatMap((k) => (k in out ? [[k, out[k]]] : [])));
  }
  if (excluded.length > 0) {
    out = structuredClone(out);
    for (const name of excluded) exclude(out, pathOf(name, 'excludedAttributes'));
  }
  return out;
}

/** Filter attribute names Genesys documents beside SCIM's (`email eq …`, `manager eq <id>`, `division eq <name>`). */
const ALIASES: Record<string, string> = {
  email: 'emails.value',
  manager: `${ENTERPRISE}:manager.value`,
  division: `${ENTERPRISE}:division`,
  department: `${ENTERPRISE}:department`,
  employeenumber: `${ENTERPRISE}:employeeNumber`,
};

/** The attribute path a filter's attribute name reads; a string is why it cannot be read. */
export function filterPath(name: string): AttributePath | string {
  const ref = parsePath(ALIASES[name.toLowerCase()] ?? name);
  if (typeof ref !== 'string' && (ref.filter !== undefined || !ref.def))
    return `${name} is not an attribute to filter on`;
  return ref;
}

/** The value(s) of a filter's attribute on a resource, as text. */
export function filterValues(resource: Json, name: string): string | string[] | undefined {
  const ref = filterPath(name);
  if (typeof ref === 'string') return undefined;
  const value = holder(resource, ref, false)?.[ref.def!.name];
  const text = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));
  if (Array.isArray(value)) return value.flatMap((el: Json) => text(el[ref.sub ?? ref.def!.key ?? 'value']) ?? []);
  if (ref.sub !== undefined) return text((value as Json | undefined)?.[ref.sub]);
  return text(value);
}
