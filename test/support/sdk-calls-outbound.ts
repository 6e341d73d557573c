/**
 * @module
 * The SDK contract test's calls of the Outbound API (contact lists and their contacts, DNC lists
 * and their phone numbers and email addresses).
 */
import type { Call, Ids } from './sdk-call-types.ts';

const COLUMNS = {
  columnNames: ['Name', 'Phone', 'Email', 'Balance'],
  phoneColumns: [{ columnName: 'Phone', type: 'cell' }],
  emailColumns: [{ columnName: 'Email', type: 'work' }],
};

const LATER = '2099-01-01T00:00Z';

/** The path's `contactId` of a dialer contact (the external contacts' calls use `ids.contactId`). */
const CONTACT = (ids: Ids) => ({ contactId: ids.dialerContactId! });

/** The Outbound calls that need a body or create what later calls use, after the core ones. */
export const OUTBOUND_CREATE: readonly Call[] = [
  {
    op: 'postOutboundContactlists',
    body: () => ({ name: 'Contract contacts', ...COLUMNS, attemptLimits: { id: 'contract-limits' } }),
    capture: (r, ids) => (ids.contactListId = r.id),
  },
  {
    op: 'postOutboundContactlistContacts',
    body: (ids) => [
      { contactListId: ids.contactListId, data: { Name: 'Ada', Phone: '+13175550111', Balance: '120' } },
      {
        contactListId: ids.contactListId,
        data: { Name: 'Bo', Email: 'bo@example.com', Balance: '15' },
        contactableStatus: { Email: { contactable: true, columnStatus: { Email: { contactable: true } } } },
      },
    ],
    opts: () => ({ priority: true, clearSystemData: false, doNotQueue: false }),
    capture: (r, ids) => {
      ids.dialerContactId = r[0].id;
      ids.secondContactId = r[1].id;
    },
  },
  { op: 'postOutboundContactlistContactsBulk', body: (ids) => [ids.dialerContactId, ids.secondContactId] },
  {
    op: 'postOutboundContactlistContactsSearch',
    body: () => ({
      pageNumber: 1,
      pageSize: 10,
      criteria: {
        filterType: 'AND',
        clauses: [
          {
            filterType: 'OR',
            predicates: [{ column: 'Balance', columnType: 'numeric', operator: 'GREATER_THAN', value: '10' }],
          },
        ],
      },
      contactSorts: [{ fieldName: 'Balance', direction: 'DESC', numeric: true }],
    }),
  },
  { op: 'getOutboundContactlistContact', params: CONTACT },
  { op: 'getOutboundContactlist', opts: () => ({ includeSize: true, includeImportStatus: false }) },
  {
    op: 'getOutboundContactlists',
    opts: () => ({ name: 'Contract', filterType: 'Prefix', includeSize: true, sortBy: 'name', sortOrder: 'ascending' }),
  },
  {
    op: 'postOutboundDnclists',
    body: () => ({ name: 'Contract opt-outs', dncSourceType: 'rds', contactMethod: 'Any' }),
    capture: (r, ids) => (ids.dncListId = r.id),
  },
  {
    op: 'postOutboundDnclistPhonenumbers',
    body: () => ['+13175550111', '3175550112'],
    opts: () => ({ expirationDateTime: LATER }),
  },
  { op: 'postOutboundDnclistEmailaddresses', body: () => ['optout@example.com'] },
  { op: 'getOutboundDnclist', opts: () => ({ includeSize: true }) },
  { op: 'getOutboundDnclists', opts: () => ({ name: 'Contract', dncSourceType: 'rds', includeSize: true }) },
];

/** The Outbound calls that change or delete, after the core ones. */
export const OUTBOUND_CHANGE: readonly Call[] = [
  {
    op: 'putOutboundContactlistContact',
    params: CONTACT,
    body: (ids) => ({
      contactListId: ids.contactListId,
      data: { Name: 'Ada L', Phone: '+13175550111' },
      callable: false,
    }),
  },
  {
    op: 'putOutboundContactlist',
    body: () => ({
      name: 'Contract contacts renamed',
      version: 1,
      ...COLUMNS,
      columnNames: [...COLUMNS.columnNames, 'Zip'],
      automaticTimeZoneMapping: true,
      zipCodeColumnName: 'Zip',
    }),
  },
  {
    op: 'patchOutboundDnclistPhonenumbers',
    body: () => ({ action: 'Add', phoneNumbers: ['3175550113'], expirationDateTime: LATER }),
  },
  {
    op: 'patchOutboundDnclistEmailaddresses',
    body: () => ({ action: 'Remove', emailAddresses: ['optout@example.com'] }),
  },
  {
    op: 'putOutboundDnclist',
    body: () => ({ name: 'Contract opt-outs renamed', dncSourceType: 'rds', contactMethod: 'Any', version: 1 }),
  },
  { op: 'deleteOutboundDnclistPhonenumbers', opts: () => ({ expiredOnly: true }) },
  { op: 'deleteOutboundDnclistEmailaddresses', opts: () => ({ expiredOnly: false }) },
  { op: 'deleteOutboundContactlistContacts', args: (ids) => [[ids.secondContactId]] },
  { op: 'deleteOutboundContactlistContact', params: CONTACT },
  { op: 'postOutboundContactlistClear' },
  { op: 'deleteOutboundContactlist' },
  { op: 'deleteOutboundDnclist' },
];
