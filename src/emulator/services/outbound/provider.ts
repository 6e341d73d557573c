/**
 * @module
 * Outbound API: contact lists with their contacts, and DNC lists with their phone numbers and
 * email addresses — what automations write from a data action ("add the caller to the callback
 * list", "opt out: add the number to the DNC list"), to the official SDK's paths and models.
 * Permissions are those the SDK's documentation gives each operation.
 *
 * | Method | Path (after `/api/v2/outbound`) | Permission |
 * |---|---|---|
 * | POST, GET | `/contactlists` | `outbound:contactList:add`, `:view` |
 * | GET, PUT, DELETE | `/contactlists/{contactListId}` | `outbound:contactList:view`, `:edit`, `:delete` |
 * | POST | `/contactlists/{contactListId}/contacts` | `outbound:contact:add` |
 * | DELETE | `/contactlists/{contactListId}/contacts?contactIds=` | `outbound:contact:delete` |
 * | GET, PUT, DELETE | `/contactlists/{contactListId}/contacts/{contactId}` | `outbound:contact:view`, `:edit`, `:delete` |
 * | POST | `/contactlists/{contactListId}/contacts/bulk` | `outbound:contact:view` |
 * | POST | `/contactlists/{contactListId}/contacts/search` | `outbound:contact:view` |
 * | POST | `/contactlists/{contactListId}/clear` | `outbound:contact:delete` |
 * | POST, GET | `/dnclists` | `outbound:dncList:add`, `:view` |
 * | GET, PUT, DELETE | `/dnclists/{dncListId}` | `outbound:dncList:view`, `:edit`, `:delete` |
 * | POST, PATCH, DELETE | `/dnclists/{dncListId}/phonenumbers` | `outbound:dnc:add`, `:edit`, `:delete` |
 * | POST, PATCH, DELETE | `/dnclists/{dncListId}/emailaddresses` | `outbound:dnc:add`, `:edit`, `:delete` |
 *
 * An unknown id is 404 `not.found`, a body that breaks a rule 400 naming the field
 * (`details[].fieldName`), a stale `version` 409, a missing permission 403 `missing.permissions`.
 * DELETE and the DNC entry writes answer 204. Each file states its rules and what is [INFERRED].
 * Not modeled: campaigns and dialing (no call records, DNC lists are not applied to contacts),
 * contact list filters and templates, imports, exports, bulk jobs, division views, WhatsApp and
 * custom-exclusion DNC entries.
 */
import type { EmulatorApp, Provider } from '../../provider-contract.ts';
import { registerContactLists } from './contact-lists.ts';
import { registerContactSearch } from './contact-search.ts';
import { registerContacts } from './contacts.ts';
import { registerDncEntries } from './dnc-entries.ts';
import { registerDncLists } from './dnc-lists.ts';

/** The Outbound provider. */
export const outboundProvider: Provider = {
  name: 'outbound',
  register(app: EmulatorApp): void {
    registerContactLists(app);
    registerContactSearch(app);
    registerContacts(app);
    registerDncLists(app);
    registerDncEntries(app);
  },
};
