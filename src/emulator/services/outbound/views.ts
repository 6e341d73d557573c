/**
 * @module
 * The Outbound records as the API answers them (`ContactList`, `DialerContact`, `DncList`):
 * references with their `selfUri`, optional fields omitted rather than null. `size` is answered
 * only when the request asks for it (`includeSize=true`), as the SDK's parameter says.
 */
import type { Context } from 'hono';
import type { EmulatorEnv } from '../../provider-contract.ts';
import { OB, divisionRef, ob } from './common.ts';
import type { ContactListRecord, ContactRecord, DncListRecord, TypedColumn } from './store.ts';

type C = Context<EmulatorEnv>;
type Json = Record<string, unknown>;

/** The fields of `source` whose value is not undefined. */
function defined(source: Json): Json {
  return Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined));
}

const column = (col: TypedColumn, timeField: string): Json =>
  defined({ columnName: col.columnName, type: col.type, [timeField]: col.timeColumn });

/** A contact list as `ContactList`. */
export function toContactList(c: C, l: ContactListRecord, includeSize = false): Json {
  return defined({
    id: l.id,
    name: l.name,
    dateCreated: l.dateCreated,
    dateModified: l.dateModified,
    version: l.version,
    division: divisionRef(c, l.divisionId),
    columnNames: [...l.columnNames],
    phoneColumns: l.phoneColumns.map((p) => column(p, 'callableTimeColumn')),
    emailColumns: l.emailColumns.map((e) => column(e, 'contactableTimeColumn')),
    whatsAppColumns:
      l.whatsAppColumns.length > 0 ? l.whatsAppColumns.map((w) => column(w, 'contactableTimeColumn')) : undefined,
    previewModeColumnName: l.previewModeColumnName,
    previewModeAcceptedValues: l.previewModeAcceptedValues,
    size: includeSize ? Object.keys(ob(c).contacts[l.id] ?? {}).length : undefined,
    attemptLimits:
      l.attemptLimitsId === undefined
        ? undefined
        : { id: l.attemptLimitsId, selfUri: `${OB}/attemptlimits/${l.attemptLimitsId}` },
    automaticTimeZoneMapping: l.automaticTimeZoneMapping,
    zipCodeColumnName: l.zipCodeColumnName,
    trimWhitespace: l.trimWhitespace,
    selfUri: `${OB}/contactlists/${l.id}`,
  });
}

/**
 * A contact as `DialerContact`. [INFERRED] `phoneNumberStatus` names each phone column the contact
 * has a number in (callable unless the caller said otherwise); `callRecords` is absent (the
 * emulator dials no campaign).
 */
export function toContact(l: ContactListRecord, k: ContactRecord): Json {
  const phoneNumberStatus: Record<string, { callable: boolean }> = {};
  for (const p of l.phoneColumns)
    if ((k.data[p.columnName] ?? '') !== '')
      phoneNumberStatus[p.columnName] = { callable: k.phoneNumberStatus[p.columnName]?.callable ?? true };
  return defined({
    id: k.id,
    contactListId: k.contactListId,
    data: { ...k.data },
    callable: k.callable,
    phoneNumberStatus,
    contactableStatus: k.contactableStatus,
    configurationOverrides: k.priority === undefined ? undefined : { priority: k.priority },
    dateCreated: k.dateCreated,
    selfUri: `${OB}/contactlists/${l.id}/contacts/${k.id}`,
  });
}

/** A DNC list as `DncList`; its `size` counts its phone numbers and email addresses. */
export function toDncList(c: C, d: DncListRecord, includeSize = false): Json {
  return defined({
    id: d.id,
    name: d.name,
    dateCreated: d.dateCreated,
    dateModified: d.dateModified,
    version: d.version,
    size: includeSize ? Object.keys(d.phoneNumbers).length + Object.keys(d.emailAddresses).length : undefined,
    dncSourceType: d.dncSourceType,
    contactMethod: d.contactMethod,
    division: divisionRef(c, d.divisionId),
    selfUri: `${OB}/dnclists/${d.id}`,
  });
}
