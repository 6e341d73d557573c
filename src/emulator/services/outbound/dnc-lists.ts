/**
 * @module
 * DNC (do-not-contact) lists: create, list, read, update and delete. Documented by the SDK:
 * `name` and `dncSourceType` are required, `contactMethod` (`Phone`, `Email` or `Any`) is required
 * for an `rds` list, and an update (PUT) must carry the list's current `version` (400 without
 * one, 409 when stale). `GET /dnclists` filters by `name` (`filterType`), `dncSourceType` and
 * `divisionId`, sorts and pages like `GET /contactlists`.
 *
 * [INFERRED] Only `rds` lists (Genesys's internal lists, the ones numbers and addresses are added
 * to through the API) are modeled: another `dncSourceType` (`rds_custom`, `dnc.com`, `gryphon`)
 * is a 400 naming it, and so are the fields of those kinds (`loginId`, `campaignId`, `dncCodes`,
 * `licenseId`, `customExclusionColumn`). A PUT cannot change `dncSourceType`, nor change
 * `contactMethod` so that the list's entries no longer fit it. Names are unique in the org (409).
 * A list lives in the org's home division; deleting one deletes its entries.
 * `includeImportStatus` is accepted and no `importStatus` answered.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { conflict } from '../../errors.ts';
import { readJsonBody } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import {
  OB,
  REF,
  boolQuery,
  checkVersion,
  divisionOf,
  dncListOf,
  fieldError,
  listing,
  nameTaken,
  newListBase,
  now,
  ob,
  touch,
} from './common.ts';
import { CONTACT_METHODS, DNC_SOURCE_TYPES } from './store.ts';
import type { DncListRecord } from './store.ts';
import { toDncList } from './views.ts';

type C = Context<EmulatorEnv>;

/** The SDK's `dncSourceType` values. */
const SDK_SOURCE_TYPES = ['rds', 'rds_custom', 'dnc.com', 'gryphon'];
const OTHER_KIND_FIELDS = ['loginId', 'campaignId', 'dncCodes', 'licenseId', 'customExclusionColumn'];

const DncListBody = z
  .object({
    name: z.string().trim().min(1, 'a name is required').max(256),
    version: z.number().int().nullish(),
    dncSourceType: z.string(),
    contactMethod: z.enum(CONTACT_METHODS).nullish(),
    division: REF.nullish(),
  })
  .loose();
type Body = z.infer<typeof DncListBody>;

/** A body's DNC kind and contact method, by the documented and inferred rules. */
async function readBody(c: C): Promise<Body & Pick<DncListRecord, 'dncSourceType' | 'contactMethod'>> {
  const body = await readJsonBody(c, DncListBody, 'DNC list');
  if (!SDK_SOURCE_TYPES.includes(body.dncSourceType))
    throw fieldError(
      'dncSourceType',
      `dncSourceType must be one of ${SDK_SOURCE_TYPES.join(', ')}; got "${body.dncSourceType}"`,
    );
  if (!(DNC_SOURCE_TYPES as readonly string[]).includes(body.dncSourceType))
    throw fieldError(
      'dncSourceType',
      `dncSourceType ${body.dncSourceType} is not modeled by the emulator (only rds, Genesys's internal lists); run against a real org`,
    );
  const raw = body as Record<string, unknown>;
  const other = OTHER_KIND_FIELDS.find((k) => raw[k] != null && !(Array.isArray(raw[k]) && raw[k].length === 0));
  if (other !== undefined) throw fieldError(other, `${other} does not apply to an rds DNC list`);
  if (body.contactMethod == null)
    throw fieldError('contactMethod', 'contactMethod (Phone, Email or Any) is required for an rds DNC list');
  return { ...body, dncSourceType: 'rds', contactMethod: body.contactMethod };
}

/** Register the DNC list routes. */
export function registerDncLists(app: EmulatorApp): void {
  app.post(`${OB}/dnclists`, requirePermission('outbound:dncList:add'), async (c) => {
    const body = await readBody(c);
    const store = ob(c);
    const record: DncListRecord = {
      ...newListBase(c, Object.values(store.dncLists), body, 'DNC list'),
      dncSourceType: body.dncSourceType,
      contactMethod: body.contactMethod,
      phoneNumbers: {},
      emailAddresses: {},
    };
    store.dncLists[record.id] = record;
    touch(c);
    return c.json(toDncList(c, record));
  });

  app.get(`${OB}/dnclists`, requirePermission('outbound:dncList:view'), (c) => {
    const type = c.req.query('dncSourceType');
    if (type !== undefined && type !== '' && !SDK_SOURCE_TYPES.includes(type))
      throw fieldError('dncSourceType', `dncSourceType must be one of ${SDK_SOURCE_TYPES.join(', ')}; got "${type}"`);
    boolQuery(c, 'includeImportStatus');
    boolQuery(c, 'allowEmptyResult');
    const size = boolQuery(c, 'includeSize');
    const all = Object.values(ob(c).dncLists);
    return c.json(
      listing(
        c,
        all,
        (d) => toDncList(c, d, size),
        `${OB}/dnclists`,
        (d) => !type || d.dncSourceType === type,
      ),
    );
  });

  app.get(`${OB}/dnclists/:dncListId`, requirePermission('outbound:dncList:view'), (c) => {
    boolQuery(c, 'includeImportStatus');
    return c.json(toDncList(c, dncListOf(c, c.req.param('dncListId')), boolQuery(c, 'includeSize')));
  });

  app.put(`${OB}/dnclists/:dncListId`, requirePermission('outbound:dncList:edit'), async (c) => {
    const current = dncListOf(c, c.req.param('dncListId'));
    const body = await readBody(c);
    checkVersion('DNC list', current, body.version ?? undefined);
    const store = ob(c);
    if (nameTaken(Object.values(store.dncLists), body.name, current.id))
      throw conflict(`A DNC list named "${body.name}" already exists`);
    if (body.contactMethod === 'Phone' && Object.keys(current.emailAddresses).length > 0)
      throw fieldError('contactMethod', 'contactMethod cannot become Phone: the list holds email addresses');
    if (body.contactMethod === 'Email' && Object.keys(current.phoneNumbers).length > 0)
      throw fieldError('contactMethod', 'contactMethod cannot become Email: the list holds phone numbers');
    const next: DncListRecord = {
      ...current,
      name: body.name,
      divisionId: divisionOf(c, body.division ?? undefined),
      contactMethod: body.contactMethod,
      version: current.version + 1,
      dateModified: now(c),
    };
    store.dncLists[current.id] = next;
    touch(c);
    return c.json(toDncList(c, next));
  });

  app.delete(`${OB}/dnclists/:dncListId`, requirePermission('outbound:dncList:delete'), (c) => {
    const list = dncListOf(c, c.req.param('dncListId'));
    delete ob(c).dncLists[list.id];
    touch(c);
    return c.body(null, 204);
  });
}
