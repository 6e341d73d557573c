/**
 * @module
 * External Contacts API, the minimum a workflow's Get External Contact and Get External
 * Organization need: create a contact or an organization, read it by id, search contacts. The
 * other operations are in the files this one registers (each states its routes and rules).
 *
 * | Method | Path | Permission (ANY) |
 * |---|---|---|
 * | POST | `/api/v2/externalcontacts/contacts` | `externalContacts:contact:add` |
 * | GET | `/api/v2/externalcontacts/contacts?q=&sortOrder=&pageSize=&pageNumber=` | `externalContacts:contact:view` |
 * | GET | `/api/v2/externalcontacts/contacts/{contactId}` | `externalContacts:contact:view` |
 * | POST | `/api/v2/externalcontacts/organizations` | `externalContacts:externalOrganization:add` |
 * | GET | `/api/v2/externalcontacts/organizations/{externalOrganizationId}` | `externalContacts:externalOrganization:view` |
 */
import { z } from 'zod';
import { badRequest, notFound } from '../../errors.ts';
import { pageParams, paged, readJsonObject } from '../../http.ts';
import type { EmulatorApp, Provider } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import type { ExternalContactRecord, ExternalOrganizationRecord } from './store.ts';
import { externalContactsStore } from './store.ts';
import { registerLookupAndMerge } from './lookup-merge.ts';
import { parseContact, registerContactEdits } from './contact-edits.ts';
import { registerOrganizationEdits } from './organization-edits.ts';
import { registerContactNotes } from './notes.ts';

const OrganizationBody = z
  .object({ name: z.string().min(1), companyType: z.string().optional(), industry: z.string().optional() })
  .loose();

const PHONES = ['workPhone', 'cellPhone', 'homePhone', 'otherPhone'] as const;

/**
 * Whether a contact matches `q` as Genesys's contact search does with plain keywords: every word
 * appears in a name or an email, or the digits of `q` (7 or more) end one of the contact's phone
 * numbers [INFERRED: Genesys documents "no special syntax"; number formats are normalised].
 */
function contactMatches(r: ExternalContactRecord, q: string): boolean {
  const digits = q.replace(/\D/g, '');
  if (
    digits.length >= 7 &&
    PHONES.some(
      (k) =>
        r[k]?.display.replace(/\D/g, '').endsWith(digits) ||
        (r[k] !== undefined && digits.endsWith(r[k].display.replace(/\D/g, ''))),
    )
  )
    return true;
  const text = [r.firstName, r.middleName, r.lastName, r.title, r.workEmail, r.personalEmail, r.otherEmail]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  const words = q
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  return words.length > 0 && words.every((w) => text.includes(w));
}

function view(r: ExternalContactRecord): Record<string, unknown> {
  return { ...r, selfUri: `/api/v2/externalcontacts/contacts/${r.id}` };
}

/** The External Contacts provider. */
export const externalContactsProvider: Provider = {
  name: 'external-contacts',
  register(app: EmulatorApp): void {
    app.post('/api/v2/externalcontacts/contacts', requirePermission('externalContacts:contact:add'), async (c) => {
      const body = parseContact(await readJsonObject(c));
      const services = c.get('services');
      const now = new Date(services.clock.now()).toISOString();
      const record: ExternalContactRecord = {
        ...(body as Omit<ExternalContactRecord, 'id' | 'createDate' | 'modifyDate'>),
        id: services.ids.uuid(),
        createDate: now,
        modifyDate: now,
      };
      const org = c.get('org');
      org.get(externalContactsStore).contacts[record.id] = record;
      org.touch(externalContactsStore);
      return c.json(view(record));
    });
    app.get('/api/v2/externalcontacts/contacts', requirePermission('externalContacts:contact:view'), (c) => {
      const q = c.req.query('q')?.trim() ?? '';
      if (q.length > 1_000)
        throw badRequest('q is longer than 1,000 characters', [{ errorCode: 'invalid.value', fieldName: 'q' }]);
      const desc = (c.req.query('sortOrder') ?? '').toLowerCase().includes('desc');
      const all = Object.values(c.get('org').get(externalContactsStore).contacts)
        .filter((r) => q === '' || contactMatches(r, q))
        .sort(
          (a, b) =>
            `${a.lastName ?? ''} ${a.firstName ?? ''}`.localeCompare(`${b.lastName ?? ''} ${b.firstName ?? ''}`) *
            (desc ? -1 : 1),
        )
        .map(view);
      return c.json(paged(all, pageParams(c, { maxSize: 100 }), '/api/v2/externalcontacts/contacts'));
    });
    app.get('/api/v2/externalcontacts/contacts/:contactId', requirePermission('externalContacts:contact:view'), (c) => {
      const record = c.get('org').get(externalContactsStore).contacts[c.req.param('contactId')];
      if (!record) throw notFound('externalContact', c.req.param('contactId'));
      return c.json(view(record));
    });
    app.post(
      '/api/v2/externalcontacts/organizations',
      requirePermission('externalContacts:externalOrganization:add'),
      async (c) => {
        const parsed = OrganizationBody.safeParse(await readJsonObject(c));
        if (!parsed.success) throw badRequest('An external organization needs a name');
        const services = c.get('services');
        const now = new Date(services.clock.now()).toISOString();
        const record: ExternalOrganizationRecord = {
          ...(parsed.data as Omit<ExternalOrganizationRecord, 'id' | 'createDate' | 'modifyDate'>),
          id: services.ids.uuid(),
          createDate: now,
          modifyDate: now,
        };
        const org = c.get('org');
        org.get(externalContactsStore).organizations[record.id] = record;
        org.touch(externalContactsStore);
        return c.json({ ...record, selfUri: `/api/v2/externalcontacts/organizations/${record.id}` });
      },
    );
    app.get(
      '/api/v2/externalcontacts/organizations/:externalOrganizationId',
      requirePermission('externalContacts:externalOrganization:view'),
      (c) => {
        const id = c.req.param('externalOrganizationId');
        const record = c.get('org').get(externalContactsStore).organizations[id];
        if (!record) throw notFound('externalOrganization', id);
        return c.json({ ...record, selfUri: `/api/v2/externalcontacts/organizations/${record.id}` });
      },
    );
    registerLookupAndMerge(app, view);
    registerContactEdits(app, view);
    registerOrganizationEdits(app);
    registerContactNotes(app);
  },
};
