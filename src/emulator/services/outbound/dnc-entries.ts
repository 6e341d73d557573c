/**
 * @module
 * The entries of a DNC list, as the SDK's operations write them:
 *
 * | Method | Path (after `/api/v2/outbound/dnclists/{dncListId}`) | Body | Permission |
 * |---|---|---|---|
 * | POST | `/phonenumbers?expirationDateTime=` | phone numbers (`string[]`) | `outbound:dnc:add` |
 * | PATCH | `/phonenumbers` | `DncPatchPhoneNumbersRequest` | `outbound:dnc:edit` |
 * | DELETE | `/phonenumbers?expiredOnly=` | — | `outbound:dnc:delete` |
 * | POST | `/emailaddresses` | email addresses (`string[]`) | `outbound:dnc:add` |
 * | PATCH | `/emailaddresses` | `DncPatchEmailsRequest` | `outbound:dnc:edit` |
 * | DELETE | `/emailaddresses?expiredOnly=` | — | `outbound:dnc:delete` |
 *
 * A PATCH's `action` is `Add` or `Remove` (the SDK's enum); `expirationDateTime` is
 * `yyyy-MM-ddTHH:mmZ`; DELETE removes every entry of the kind, or only the expired ones with
 * `expiredOnly=true`. The SDK has no operation that reads the entries back (only an asynchronous
 * export, not modeled): the list's `size` (`includeSize=true`) counts them.
 *
 * [INFERRED] Phone numbers go to a list whose `contactMethod` is `Phone` or `Any`, email
 * addresses to `Email` or `Any` (400 naming `contactMethod` otherwise). A phone number is kept as
 * its digits with its leading `+` (spaces, dashes, dots and parentheses dropped; 4 to 15 digits,
 * anything else a 400 naming it); an email address lower-cased, and it must look like one. Adding
 * an entry again replaces its expiration; removing one the list lacks changes nothing. A request
 * holds at most 1000 entries; an expiration must be in the future. The writes answer 204.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { readJsonBody } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { DATE_TIME, OB, boolQuery, dncListOf, fieldError, now, touch } from './common.ts';
import type { DncEntry, DncListRecord } from './store.ts';

type C = Context<EmulatorEnv>;

const MAX_ENTRIES = 1000;

/** One kind of entry: where it is kept and how a value is normalized. */
interface Kind {
  readonly path: string;
  readonly field: 'phoneNumbers' | 'emailAddresses';
  readonly noun: string;
  readonly methods: readonly DncListRecord['contactMethod'][];
  readonly normalize: (raw: string) => string | undefined;
}

const PHONE: Kind = {
  path: 'phonenumbers',
  field: 'phoneNumbers',
  noun: 'phone numbers',
  methods: ['Phone', 'Any'],
  normalize: (raw) => {
    const s = raw.trim().replace(/[\s\-.()]/g, '');
    return /^\+?\d{4,15}$/.test(s) ? s : undefined;
  },
};

const EMAIL: Kind = {
  path: 'emailaddresses',
  field: 'emailAddresses',
  noun: 'email addresses',
  methods: ['Email', 'Any'],
  normalize: (raw) => {
    const s = raw.trim().toLowerCase();
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) ? s : undefined;
  },
};

/** The list of the path, when it takes entries of the kind. */
function listFor(c: C, kind: Kind): DncListRecord {
  const list = dncListOf(c, c.req.param('dncListId') ?? '');
  if (!kind.methods.includes(list.contactMethod))
    throw fieldError(
      'contactMethod',
      `DNC list ${list.name} has contactMethod ${list.contactMethod}: it takes no ${kind.noun}`,
    );
  return list;
}

/** The normalized values, 400 naming the first that is not one. */
function normalized(kind: Kind, values: readonly string[], at: string): string[] {
  return values.map((v, i) => {
    const n = kind.normalize(v);
    if (n === undefined) throw fieldError(`${at}${i}`, `"${v}" is not one of the ${kind.noun} a DNC list takes`);
    return n;
  });
}

/** The entry of an expiration, which must be in the future. */
function entryOf(c: C, expires: string | null | undefined, field: string): DncEntry {
  if (expires == null) return {};
  if (Date.parse(expires) <= Date.parse(now(c))) throw fieldError(field, `${field} ${expires} is not in the future`);
  return { expires: new Date(Date.parse(expires)).toISOString() };
}

function add(c: C, list: DncListRecord, kind: Kind, values: readonly string[], entry: DncEntry): void {
  const entries = list[kind.field];
  for (const v of values) entries[v] = { ...entry };
  list.dateModified = now(c);
  touch(c);
}

function registerKind(app: EmulatorApp, kind: Kind): void {
  const path = `${OB}/dnclists/:dncListId/${kind.path}`;
  const Values = z.array(z.string()).min(1, `at least one of the ${kind.noun}`).max(MAX_ENTRIES);
  const Patch = z
    .object({
      action: z.enum(['Add', 'Remove']),
      [kind.field]: Values,
      expirationDateTime: DATE_TIME.nullish(),
    })
    .loose();

  app.post(path, requirePermission('outbound:dnc:add'), async (c) => {
    const list = listFor(c, kind);
    const values = normalized(kind, await readJsonBody(c, Values, kind.noun), '');
    let entry: DncEntry = {};
    const expires = kind === PHONE ? c.req.query('expirationDateTime') : undefined;
    if (expires !== undefined) {
      const parsed = DATE_TIME.safeParse(expires);
      if (!parsed.success)
        throw fieldError('expirationDateTime', `expirationDateTime must be yyyy-MM-ddTHH:mmZ; got "${expires}"`);
      entry = entryOf(c, expires, 'expirationDateTime');
    }
    add(c, list, kind, values, entry);
    return c.body(null, 204);
  });

  app.patch(path, requirePermission('outbound:dnc:edit'), async (c) => {
    const list = listFor(c, kind);
    const body = await readJsonBody(c, Patch, `DNC ${kind.noun} request`);
    const values = normalized(kind, body[kind.field] as string[], `${kind.field}.`);
    if (body.action === 'Add')
      add(
        c,
        list,
        kind,
        values,
        entryOf(c, body.expirationDateTime as string | null | undefined, 'expirationDateTime'),
      );
    else {
      for (const v of values) delete list[kind.field][v];
      list.dateModified = now(c);
      touch(c);
    }
    return c.body(null, 204);
  });

  app.delete(path, requirePermission('outbound:dnc:delete'), (c) => {
    const list = listFor(c, kind);
    const expiredOnly = boolQuery(c, 'expiredOnly');
    const at = Date.parse(now(c));
    const entries = list[kind.field];
    for (const [v, e] of Object.entries(entries))
      if (!expiredOnly || (e.expires !== undefined && Date.parse(e.expires) <= at)) delete entries[v];
    list.dateModified = now(c);
    touch(c);
    return c.body(null, 204);
  });
}

/** Register the routes of DNC phone numbers and email addresses. */
export function registerDncEntries(app: EmulatorApp): void {
  registerKind(app, PHONE);
  registerKind(app, EMAIL);
}
