/**
 * @module
 * The SDK contract test's calls of the External Contacts API beyond the core ones: the reverse
 * whitepages lookup, a contact's notes, PUT and DELETE of a contact and of an organization (on a contact and an
 * organization of their own: the core merge removes `ids.contactId`).
 */
import { DEMO } from '../../src/emulator/index.ts';
import type { Call, Ids } from './sdk-call-types.ts';

const CONTACT = (ids: Ids) => ({ contactId: ids.editedContactId! });
const NOTE = (ids: Ids) => ({ contactId: ids.editedContactId!, noteId: ids.contactNoteId! });
const ORGANIZATION = (ids: Ids) => ({ externalOrganizationId: ids.editedOrganizationId! });

/** The External Contacts calls that need a body or a query argument, after the core ones. */
export const CONTACTS_CREATE: readonly Call[] = [
  {
    op: 'postExternalcontactsOrganizations',
    body: () => ({ name: 'Contract Edited Org', industry: 'Retail' }),
    capture: (r, ids) => (ids.editedOrganizationId = r.id),
  },
  {
    op: 'postExternalcontactsContacts',
    body: () => ({
      firstName: 'Edited',
      lastName: 'Contact',
      cellPhone: { display: '(317) 555-0177' },
    }),
    capture: (r, ids) => (ids.editedContactId = r.id),
  },
  {
    op: 'getExternalcontactsReversewhitepageslookup',
    args: () => ['+13175550177'],
    opts: () => ({ expand: ['externalOrganization'] }),
  },
  {
    op: 'postExternalcontactsContactNotes',
    params: CONTACT,
    body: () => ({ noteText: 'Asked for a refund' }),
    asUser: DEMO.users.alice,
    capture: (r, ids) => (ids.contactNoteId = r.id),
  },
  {
    op: 'getExternalcontactsContactNotes',
    params: CONTACT,
    opts: () => ({ pageSize: 10, sortOrder: 'createDate:asc' }),
  },
  { op: 'getExternalcontactsContactNote', params: NOTE },
];

/** The External Contacts calls that change or delete, after the core ones. */
export const CONTACTS_CHANGE: readonly Call[] = [
  {
    op: 'putExternalcontactsContact',
    params: CONTACT,
    body: (ids) => ({ id: ids.editedContactId, firstName: 'Edited', lastName: 'Again', workEmail: 'e@example.com' }),
  },
  {
    op: 'putExternalcontactsOrganization',
    params: ORGANIZATION,
    body: () => ({ name: 'Contract Edited Org', industry: 'Wholesale' }),
  },
  { op: 'putExternalcontactsContactNote', params: NOTE, body: () => ({ noteText: 'Refund issued' }) },
  { op: 'deleteExternalcontactsContactNote', params: NOTE },
  { op: 'deleteExternalcontactsContact', params: CONTACT },
  { op: 'deleteExternalcontactsOrganization', params: ORGANIZATION },
];
