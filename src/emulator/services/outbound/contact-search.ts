/**
 * @module
 * `POST /api/v2/outbound/contactlists/{contactListId}/contacts/search` (`ContactListingRequest` →
 * `ContactListingResponse`): the contacts of a list that match `criteria`, sorted by
 * `contactSorts`, one page of them. The SDK's enums: clauses and predicates join with `AND` or
 * `OR`; a predicate's `operator` is `EQUALS`, `LESS_THAN`, `LESS_THAN_EQUALS`, `GREATER_THAN`,
 * `GREATER_THAN_EQUALS`, `CONTAINS`, `BEGINS_WITH`, `ENDS_WITH`, `BETWEEN`, `IN`, `BEFORE` or
 * `AFTER`; `BETWEEN` and `IN` take `range` (documented as required for them); `inverted` negates;
 * a sort's `direction` is `ASC` or `DESC`. `pageSize` is capped at 100 ("the max that will be
 * returned is 100").
 *
 * [INFERRED] A predicate's or sort's column must be a column of the list (400 naming it).
 * `columnType` `alphabetic` (the default) compares case-insensitively, `numeric` as numbers (a
 * value that is no number never matches); a `range` bound is inclusive unless `minInclusive` /
 * `maxInclusive` is false. `filterType` defaults to `AND`. Without sorts the contacts come in the
 * order they were added. `contactsCount` is the list's number of contacts, `total` the matches.
 * Not modeled (400 naming the field): `contactListFilterId` (contact list filters) and the
 * relative-time operators `BEFORE` / `AFTER`.
 */
import { z } from 'zod';
import { readJsonBody, paged } from '../../http.ts';
import type { EmulatorApp } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { OB, contactListOf, fieldError, ob } from './common.ts';
import type { ContactListRecord, ContactRecord } from './store.ts';
import { toContact } from './views.ts';

const OPERATORS = [
  'EQUALS',
  'LESS_THAN',
  'LESS_THAN_EQUALS',
  'GREATER_THAN',
  'GREATER_THAN_EQUALS',
  'CONTAINS',
  'BEGINS_WITH',
  'ENDS_WITH',
  'BEFORE',
  'AFTER',
  'BETWEEN',
  'IN',
] as const;
const JOIN = z.enum(['AND', 'OR']).nullish();

const Predicate = z
  .object({
    column: z.string().min(1),
    columnType: z.enum(['numeric', 'alphabetic']).nullish(),
    operator: z.enum(OPERATORS),
    value: z.string().nullish(),
    range: z
      .object({
        min: z.string().nullish(),
        max: z.string().nullish(),
        minInclusive: z.boolean().nullish(),
        maxInclusive: z.boolean().nullish(),
        inSet: z.array(z.string()).nullish(),
      })
      .loose()
      .nullish(),
    inverted: z.boolean().nullish(),
  })
  .loose();
type PredicateT = z.infer<typeof Predicate>;

const SearchBody = z
  .object({
    contactListFilterId: z.string().nullish(),
    criteria: z
      .object({
        filterType: JOIN,
        clauses: z.array(z.object({ filterType: JOIN, predicates: z.array(Predicate).nullish() }).loose()).nullish(),
      })
      .loose()
      .nullish(),
    pageNumber: z.number().int().min(1),
    pageSize: z.number().int().min(1),
    contactSorts: z
      .array(
        z
          .object({
            fieldName: z.string().min(1),
            direction: z.enum(['ASC', 'DESC']).nullish(),
            numeric: z.boolean().nullish(),
          })
          .loose(),
      )
      .nullish(),
  })
  .loose();

const notNumber = (v: string): boolean => v.trim() === '' || Number.isNaN(Number(v));

/** A compare of a cell with a predicate's operand, as the column type says. */
function comparer(numeric: boolean): (a: string, b: string) => number | undefined {
  if (!numeric) return (a, b) => a.toLowerCase().localeCompare(b.toLowerCase());
  return (a, b) => {
    return notNumber(a) || notNumber(b) ? undefined : Number(a) - Number(b);
  };
}

/** Whether a predicate holds for a cell. */
function holds(p: PredicateT, cell: string, at: string): boolean {
  const cmp = comparer(p.columnType === 'numeric');
  const need = (): string => {
    if (p.value == null) throw fieldError(`${at}.value`, `operator ${p.operator} needs a value`);
    return p.value;
  };
  const c = (v: string): number | undefined => cmp(cell, v);
  const lc = cell.toLowerCase();
  let result: boolean;
  switch (p.operator) {
    case 'EQUALS':
      result = c(need()) === 0;
      break;
    case 'LESS_THAN':
      result = (c(need()) ?? 0) < 0;
      break;
    case 'LESS_THAN_EQUALS':
      result = (c(need()) ?? 1) <= 0;
      break;
    case 'GREATER_THAN':
      result = (c(need()) ?? 0) > 0;
      break;
    case 'GREATER_THAN_EQUALS':
      result = (c(need()) ?? -1) >= 0;
      break;
    case 'CONTAINS':
      result = lc.includes(need().toLowerCase());
      break;
    case 'BEGINS_WITH':
      result = lc.startsWith(need().toLowerCase());
      break;
    case 'ENDS_WITH':
      result = lc.endsWith(need().toLowerCase());
      break;
    case 'IN': {
      const set = p.range?.inSet;
      if (set == null) throw fieldError(`${at}.range.inSet`, 'operator IN needs range.inSet');
      result = set.some((v) => c(v) === 0);
      break;
    }
    case 'BETWEEN': {
      const r = p.range;
      if (r == null || (r.min == null && r.max == null))
        throw fieldError(`${at}.range`, 'operator BETWEEN needs range.min and/or range.max');
      const lo = r.min == null ? 1 : c(r.min);
      const hi = r.max == null ? -1 : c(r.max);
      result =
        lo !== undefined &&
        hi !== undefined &&
        (r.minInclusive === false ? lo > 0 : lo >= 0) &&
        (r.maxInclusive === false ? hi < 0 : hi <= 0);
      break;
    }
    case 'BEFORE':
    case 'AFTER':
      throw fieldError(
        `${at}.operator`,
        `operator ${p.operator} (relative time) is not modeled by the emulator; run against a real org`,
      );
  }
  return p.inverted === true ? !result : result;
}

/** The matcher of a search's criteria, its columns checked against the list. */
function matcher(
  list: ContactListRecord,
  criteria: z.infer<typeof SearchBody>['criteria'],
): (k: ContactRecord) => boolean {
  const clauses = criteria?.clauses ?? [];
  clauses.forEach((cl, i) =>
    (cl.predicates ?? []).forEach((p, j) => {
      if (!list.columnNames.includes(p.column))
        throw fieldError(
          `criteria.clauses.${i}.predicates.${j}.column`,
          `"${p.column}" is not a column of contact list ${list.name}`,
        );
    }),
  );
  if (clauses.length === 0) return () => true;
  const all = criteria?.filterType !== 'OR';
  return (k) => {
    const clauseHolds = (i: number): boolean => {
      const cl = clauses[i]!;
      const preds = cl.predicates ?? [];
      const test = (j: number): boolean =>
        holds(preds[j]!, k.data[preds[j]!.column] ?? '', `criteria.clauses.${i}.predicates.${j}`);
      if (preds.length === 0) return true;
      const idx = preds.map((_, j) => j);
      return cl.filterType === 'OR' ? idx.some(test) : idx.every(test);
    };
    const idx = clauses.map((_, i) => i);
    return all ? idx.every(clauseHolds) : idx.some(clauseHolds);
  };
}

/** Register the contact search route. */
export function registerContactSearch(app: EmulatorApp): void {
  app.post(
    `${OB}/contactlists/:contactListId/contacts/search`,
    requirePermission('outbound:contact:view'),
    async (c) => {
      const list = contactListOf(c, c.req.param('contactListId'));
      const body = await readJsonBody(c, SearchBody, 'contact search');
      if (body.contactListFilterId != null)
        throw fieldError(
          'contactListFilterId',
          'contact list filters are not modeled by the emulator; search with criteria instead',
        );
      const sorts = body.contactSorts ?? [];
      sorts.forEach((s, i) => {
        if (!list.columnNames.includes(s.fieldName))
          throw fieldError(
            `contactSorts.${i}.fieldName`,
            `"${s.fieldName}" is not a column of contact list ${list.name}`,
          );
      });
      const all = Object.values(ob(c).contacts[list.id] ?? {});
      const match = matcher(list, body.criteria);
      const found = all.filter(match);
      if (sorts.length > 0)
        found.sort((a, b) => {
          for (const s of sorts) {
            const x = a.data[s.fieldName] ?? '';
            const y = b.data[s.fieldName] ?? '';
            // A cell that is no number sorts after the numbers of a numeric sort.
            const d = comparer(s.numeric === true)(x, y) ?? Number(notNumber(x)) - Number(notNumber(y));
            if (d !== 0) return s.direction === 'DESC' ? -d : d;
          }
          return 0;
        });
      const page = paged(
        found.map((k) => toContact(list, k)),
        { pageSize: Math.min(body.pageSize, 100), pageNumber: body.pageNumber },
        `${OB}/contactlists/${list.id}/contacts/search`,
      );
      return c.json({ ...page, contactsCount: all.length });
    },
  );
}
