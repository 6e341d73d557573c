/**
 * @module
 * Changing and removing an external contact, and the reverse whitepages lookup automations call
 * to find the caller by the number (or email) the interaction came from.
 *
 * | Method | Path | Permission | SDK |
 * |---|---|---|---|
 * | PUT | `/api/v2/externalcontacts/contacts/{contactId}` | `externalContacts:contact:edit` | ExternalContactsApi.putExternalcontactsContact |
 * | DELETE | `/api/v2/externalcontacts/contacts/{contactId}` | `externalContacts:contact:delete` | ExternalContactsApi.deleteExternalcontactsContact |
 * | GET | `/api/v2/externalcontacts/reversewhitepageslookup?lookupVal=` | `externalContacts:contact:view` | ExternalContactsApi.getExternalcontactsReversewhitepageslookup |
 *
 * Deleting a contact deletes its notes. A PUT replaces the contact: a field the body leaves out is gone; `id`, `createDate` and
 * `type` stay. The SDK's ExternalContact has no `version`, so nothing is compared; an `id` in the
 * body that is not the path's is 400 naming `id` [INFERRED].
 */
import { z } from 'zod';
import { badRequest, notFound } from '../../errors.ts';
import { readJsonObject } from '../../http.ts';
import type { EmulatorApp } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import type { ExternalContactRecord } from './store.ts';
import { externalContactsStore } from './store.ts';
import { externalContactNotesStore } from './notes.ts';

const phone = z.object({ display: z.string() }).loose();

/** An ExternalContact body (create and update): the fields the emulator reads, the others kept. */
const ContactBody = z
  .object({
    firstName: z.string().optional(),
    middleName: z.string().optional(),
    lastName: z.string().optional(),
    title: z.string().optional(),
    workEmail: z.string().optional(),
    personalEmail: z.string().optional(),
    otherEmail: z.string().optional(),
    workPhone: phone.optional(),
    cellPhone: phone.optional(),
    homePhone: phone.optional(),
    otherPhone: phone.optional(),
    externalOrganization: z.object({ id: z.string() }).loose().optional(),
  })
  .loose();

const PHONES = ['workPhone', 'cellPhone', 'homePhone', 'otherPhone'] as const;
const EMAILS = ['workEmail', 'personalEmail', 'otherEmail'] as const;

/**
 * A phone number in E.164 (`+` and digits), or undefined when it has too few digits to be one.
 * A number without `+` and of 10 digits is taken as North American (+1); `00` is the
 * international prefix [INFERRED: Genesys documents "e164 phone numbers" and its UI normalises
 * what it stores].
 */
function e164(raw: string): string | undefined {
  const s = raw.trim().replace(/^tel:/i, '');
  let digits = s.replace(/\D/g, '');
  if (!s.startsWith('+')) {
    if (digits.startsWith('00')) digits = digits.slice(2);
    else if (digits.length === 10) digits = `1${digits}`;
  }
  return digits.length >= 7 && digits.length <= 15 ? `+${digits}` : undefined;
}

/** The E.164 form of one of a contact's phone numbers: its `e164` when stored, else its `display`. */
function phoneE164(p: { display: string } | undefined): string | undefined {
  if (!p) return undefined;
  const stored = (p as { e164?: unknown }).e164;
  return e164(typeof stored === 'string' && stored !== '' ? stored : p.display);
}

/** The 400 for a body that breaks the contact's rules, naming each field. */
export function parseContact(body: Record<string, unknown>): z.infer<typeof ContactBody> {
  const parsed = ContactBody.safeParse(body);
  if (!parsed.success)
    throw badRequest(
      `The contact is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      parsed.error.issues.map((i) => ({ errorCode: 'invalid.value', fieldName: i.path.join('.') })),
    );
  if (!parsed.data.firstName && !parsed.data.lastName)
    throw badRequest('A contact needs a firstName or a lastName', [
      { errorCode: 'invalid.value', fieldName: 'firstName' },
    ]);
  return parsed.data;
}

/** Register PUT and DELETE of a contact, and the reverse whitepages lookup. */
export function registerContactEdits(
  app: EmulatorApp,
  view: (r: ExternalContactRecord) => Record<string, unknown>,
): void {
  app.put(
    '/api/v2/externalcontacts/contacts/:contactId',
    requirePermission('externalContacts:contact:edit'),
    async (c) => {
      const id = c.req.param('contactId');
      const org = c.get('org');
      const contacts = org.get(externalContactsStore).contacts;
      const current = contacts[id];
      if (!current) throw notFound('externalContact', id);
      const raw = await readJsonObject(c);
      if (raw.id !== undefined && raw.id !== id)
        throw badRequest(`The body's id "${String(raw.id)}" is not the path's contactId "${id}"`, [
          { errorCode: 'invalid.value', fieldName: 'id' },
        ]);
      const body = parseContact(raw);
      const rest = Object.fromEntries(
        Object.entries(body).filter(
          ([k]) => !['id', 'createDate', 'modifyDate', 'selfUri', 'type', 'mergeSet'].includes(k),
        ),
      );
      const type = (current as unknown as { type?: string }).type;
      const record: ExternalContactRecord = {
        ...(rest as Omit<ExternalContactRecord, 'id' | 'createDate' | 'modifyDate'>),
        ...(type !== undefined ? { type } : {}),
        id,
        createDate: current.createDate,
        modifyDate: new Date(c.get('services').clock.now()).toISOString(),
      };
      contacts[id] = record;
      org.touch(externalContactsStore);
      return c.json(view(record));
    },
  );

  app.delete(
    '/api/v2/externalcontacts/contacts/:contactId',
    requirePermission('externalContacts:contact:delete'),
    (c) => {
      const id = c.req.param('contactId');
      const org = c.get('org');
      const contacts = org.get(externalContactsStore).contacts;
      if (!contacts[id]) throw notFound('externalContact', id);
      delete contacts[id];
      const notes = org.get(externalContactNotesStore).notes;
      for (const note of Object.values(notes)) if (note.entityId === id) delete notes[note.id];
      org.touch(externalContactsStore);
      org.touch(externalContactNotesStore);
      return c.json({});
    },
  );

  app.get(
    '/api/v2/externalcontacts/reversewhitepageslookup',
    requirePermission('externalContacts:contact:view'),
    (c) => {
      const lookupVal = c.req.query('lookupVal')?.trim() ?? '';
      if (lookupVal === '')
        throw badRequest('lookupVal is required: an email address or an E.164 phone number', [
          { errorCode: 'invalid.value', fieldName: 'lookupVal' },
        ]);
      const store = c.get('org').get(externalContactsStore);
      let match: (r: ExternalContactRecord) => boolean;
      if (lookupVal.includes('@')) {
        const email = lookupVal.toLowerCase();
        match = (r) => EMAILS.some((k) => r[k]?.trim().toLowerCase() === email);
      } else {
        const want = e164(lookupVal);
        if (!want)
          throw badRequest(`lookupVal "${lookupVal}" is neither an email address nor a phone number`, [
            { errorCode: 'invalid.value', fieldName: 'lookupVal' },
          ]);
        match = (r) => PHONES.some((k) => phoneE164(r[k]) === want);
      }
      // `expand=externalOrganization` puts the organization itself in each contact, as Genesys's
      // expand does; without it the contact keeps the reference it was stored with.
      const expand = c.req.queries('expand')?.flatMap((e) => e.split(',')) ?? [];
      const contacts = Object.values(store.contacts)
        .filter(match)
        .sort((a, b) => a.createDate.localeCompare(b.createDate) || a.id.localeCompare(b.id))
        .map((r) => {
          const orgRef = r.externalOrganization && store.organizations[r.externalOrganization.id];
          const out = view(r);
          if (expand.includes('externalOrganization') && orgRef)
            out.externalOrganization = { ...orgRef, selfUri: `/api/v2/externalcontacts/organizations/${orgRef.id}` };
          return out;
        });
      // No match is an empty list, not a 404 [INFERRED].
      return c.json({ contacts });
    },
  );
}
