/**
 * @module
 * Writing a SCIM user (create, replace, or the result of a PatchOp) into the stores the rest of
 * the emulator reads: the directory's user record (`/api/v2/users` shows the same name, userName,
 * email, title, department and state), the user's routing skills and languages
 * (`/api/v2/users/{id}/routingskills`, `/routinglanguages`) and the SCIM-only attributes.
 *
 * Rules (Genesys documents the attributes, not these checks; each is `[INFERRED]`):
 * - `userName` and `displayName` are required; `userName` and the work email are unique among the
 *   users not deleted (409 `uniqueness`).
 * - The work email (type `work`, else the primary one, else the first) is the user's `email`;
 *   without emails it is the `userName`.
 * - `division` must name the org's division; `manager.value` another user; `dateHire` is
 *   `yyyy-MM-dd`; routing skills and languages are named exactly as configured (Genesys: "the
 *   case-sensitive name"), proficiency 0–5 (0 when absent).
 * - `password` is accepted and not kept (the emulator signs in no user by password); `roles` are
 *   refused, the emulator does not model role grants.
 */
import { z } from 'zod';
import { isPlainObject } from '../../../core/index.ts';
import type { Ids } from '../../../core/index.ts';
import type { OrgState } from '../../provider-contract.ts';
import type { Proficiency } from '../routing/directory-store.ts';
import { routingDirectoryStore } from '../routing/directory-store.ts';
import type { UserRecord } from '../users/store.ts';
import { usersStore } from '../users/store.ts';
import { ScimError } from './errors.ts';
import { CORE, ENTERPRISE, GENESYS, attributeDef, extensionOf } from './schema.ts';
import type { ScimContact, ScimExtras } from './store.ts';
import { scimStore } from './store.ts';

type Json = Record<string, unknown>;

const bool = z.preprocess(
  (v) => (typeof v === 'string' && /^(true|false)$/i.test(v) ? v.toLowerCase() === 'true' : v),
  z.boolean(),
);
const Contact = z.object({ value: z.string().min(1), type: z.string().optional(), primary: bool.optional() }).loose();
const Named = z.object({ name: z.string().min(1), proficiency: z.number().min(0).max(5).optional() }).loose();

const ScimUserBody = z
  .object({
    userName: z.string().trim().min(1, { error: 'userName is required' }),
    displayName: z.string().trim().min(1, { error: 'displayName is required' }),
    active: bool.optional(),
    title: z.string().optional(),
    externalId: z.string().optional(),
    password: z.string().optional(),
    emails: z.array(Contact).optional(),
    phoneNumbers: z.array(Contact).optional(),
    roles: z.array(z.unknown()).optional(),
    [ENTERPRISE]: z
      .object({
        division: z.string().optional(),
        department: z.string().optional(),
        manager: z.object({ value: z.string().optional() }).loose().optional(),
        employeeNumber: z.string().optional(),
        dateHire: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'dateHire is yyyy-MM-dd' })
          .optional(),
      })
      .loose()
      .optional(),
    [GENESYS]: z
      .object({
        routingSkills: z.array(Named).optional(),
        routingLanguages: z.array(Named).optional(),
        externalIds: z.array(z.object({ authority: z.string().min(1), value: z.string().min(1) }).loose()).optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

type ScimUserBody = z.infer<typeof ScimUserBody>;

/**
 * A body's attributes under their schema names, whatever their case; nulls (unassigned) dropped.
 * Attributes no schema of a user has are left out, as Genesys's model has no place for them.
 */
function canonical(body: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === null || value === undefined) continue;
    const ext = extensionOf(key);
    if (!ext) {
      const def = attributeDef(CORE, key);
      if (def) out[def.name] = value;
      continue;
    }
    if (!isPlainObject(value)) throw new ScimError(400, 'invalidSyntax', `${ext} must be an object`);
    const inner: Json = {};
    for (const [k, v] of Object.entries(value)) {
      const def = attributeDef(ext, k);
      if (def && v !== null && v !== undefined) inner[def.name] = v;
    }
    out[ext] = inner;
  }
  return out;
}

function parse(doc: Json): ScimUserBody {
  const r = ScimUserBody.safeParse(canonical(doc));
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'body';
  throw new ScimError(400, 'invalidValue', `${field}: ${issue.message}`);
}

function invalid(detail: string): never {
  throw new ScimError(400, 'invalidValue', detail);
}

/** Skills or languages by exact name, the last of a name winning. */
function proficiencies(
  org: OrgState,
  kind: 'routingSkills' | 'routingLanguages',
  list: readonly { name: string; proficiency?: number | undefined }[],
): Proficiency[] {
  const dir = org.get(routingDirectoryStore);
  const table = Object.values(kind === 'routingSkills' ? dir.skills : dir.languages);
  const byId = new Map<string, number>();
  for (const item of list) {
    const e =
      table.find((x) => x.name === item.name && x.state !== 'deleted') ?? table.find((x) => x.name === item.name);
    if (!e)
      invalid(
        `${kind}: the org has no routing ${kind === 'routingSkills' ? 'skill' : 'language'} named ${JSON.stringify(item.name)} (names are case-sensitive)`,
      );
    byId.delete(e.id);
    byId.set(e.id, item.proficiency ?? 0);
  }
  return [...byId].map(([id, proficiency]) => ({ id, proficiency }));
}

const contact = (c: z.infer<typeof Contact>): ScimContact => ({
  value: c.value,
  ...(c.type === undefined ? {} : { type: c.type }),
  ...(c.primary === undefined ? {} : { primary: c.primary }),
});

/** JSON text with object keys sorted, so equal values compare equal whatever their key order. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (isPlainObject(v))
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

const same = (a: unknown, b: unknown): boolean => stable(a) === stable(b);

function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** A checked write, not yet applied: what it changes (for the permissions it needs) and how to apply it. */
export interface WritePlan {
  readonly changes: { readonly user: boolean; readonly skills: boolean; readonly languages: boolean };
  /** Apply the write; the user record after it. */
  commit(): UserRecord;
}

/**
 * Check a SCIM user document and plan its write over `existing` (a new user when undefined).
 * With `routing: false` the user's skills and languages stay as they are unless the document has
 * the Genesys extension (a PUT without it).
 * @example
 * const plan = planWrite(org, services.ids, body, undefined, { routing: true }); plan.commit();
 */
export function planWrite(
  org: OrgState,
  ids: Ids,
  doc: Json,
  existing: UserRecord | undefined,
  opts: { routing: boolean },
): WritePlan {
  const body = parse(doc);
  const users = org.get(usersStore);
  const others = Object.values(users.users).filter((u) => u.id !== existing?.id && u.state !== 'deleted');
  const emails = body.emails ?? [];
  const work = emails.find((e) => e.type === 'work') ?? emails.find((e) => e.primary) ?? emails[0];
  const email = work?.value ?? body.userName;
  for (const [field, value] of [
    ['userName', body.userName],
    ['email', email],
  ] as const) {
    const holder = others.find(
      (u) => u.username.toLowerCase() === value.toLowerCase() || u.email.toLowerCase() === value.toLowerCase(),
    );
    if (holder) throw new ScimError(409, 'uniqueness', `${field} ${value} is already the login of user ${holder.id}`);
  }
  for (const e of emails)
    if (!e.value.includes('@')) invalid(`emails: ${JSON.stringify(e.value)} is not an email address`);
  if ((body.roles ?? []).length > 0)
    invalid('roles: the emulator does not model role grants; assign roles in the org, not through SCIM');
  const ent = body[ENTERPRISE] ?? {};
  const division = users.division;
  if (ent.division !== undefined && ent.division.toLowerCase() !== division.name.toLowerCase())
    invalid(
      `division: the org has no division named ${JSON.stringify(ent.division)} (its division is ${division.name})`,
    );
  const manager = ent.manager?.value;
  if (manager !== undefined && (manager === existing?.id || !others.some((u) => u.id === manager)))
    invalid(`manager: ${manager} is not another user of the org`);
  if (ent.dateHire !== undefined && Number.isNaN(Date.parse(ent.dateHire)))
    invalid(`dateHire: ${ent.dateHire} is not a date`);
  const ext = body[GENESYS];
  const dir = org.get(routingDirectoryStore);
  const id = existing?.id ?? ids.uuid();
  const routing = opts.routing || ext !== undefined;
  const skills = routing ? proficiencies(org, 'routingSkills', ext?.routingSkills ?? []) : (dir.userSkills[id] ?? []);
  const languages = routing
    ? proficiencies(org, 'routingLanguages', ext?.routingLanguages ?? [])
    : (dir.userLanguages[id] ?? []);
  // Over the existing record, so what SCIM does not manage (its division…) is kept.
  const record: UserRecord = dropUndefined({
    ...existing,
    id,
    name: body.displayName,
    email,
    username: body.userName,
    state: (body.active ?? (existing ? existing.state === 'active' : true)) ? 'active' : 'inactive',
    department: ent.department,
    title: body.title,
    divisionId: existing?.divisionId ?? division.id,
    version: existing?.version ?? 1,
  });
  const otherEmails = emails.filter((e) => e !== work).map(contact);
  const extras: ScimExtras = dropUndefined({
    externalId: body.externalId,
    otherEmails: otherEmails.length > 0 ? otherEmails : undefined,
    phoneNumbers: body.phoneNumbers && body.phoneNumbers.length > 0 ? body.phoneNumbers.map(contact) : undefined,
    manager,
    employeeNumber: ent.employeeNumber,
    dateHire: ent.dateHire,
    externalIds:
      ext?.externalIds && ext.externalIds.length > 0
        ? ext.externalIds.map((x) => ({ authority: x.authority, value: x.value }))
        : undefined,
  });
  const scim = org.get(scimStore);
  const changes = {
    user: !existing || !same(record, existing) || !same(extras, scim.users[id] ?? {}),
    skills: !same(skills, dir.userSkills[id] ?? []),
    languages: !same(languages, dir.userLanguages[id] ?? []),
  };
  return {
    changes,
    commit: () => {
      if (existing && (changes.user || changes.skills || changes.languages)) record.version = existing.version + 1;
      users.users[id] = record;
      if (Object.keys(extras).length > 0) scim.users[id] = extras;
      else delete scim.users[id];
      dir.userSkills[id] = skills;
      dir.userLanguages[id] = languages;
      org.touch(usersStore);
      org.touch(scimStore);
      org.touch(routingDirectoryStore);
      return record;
    },
  };
}
