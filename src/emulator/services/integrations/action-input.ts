/**
 * @module
 * The bodies of the action routes (platform spec §3.2): the `Action` model, `PostActionInput` → a stored action,
 * `UpdateActionInput` / `UpdateDraftInput` applied to one, the `version` check of optimistic
 * concurrency, and the schema / template files an action exposes.
 */
import {
  DEFAULT_REQUEST_TEMPLATE,
  DEFAULT_SUCCESS_TEMPLATE,
  loadAction,
  validateAction,
} from '../../../actions/index.ts';
import { isPlainObject, isSwitchboardError } from '../../../core/index.ts';
import { ApiError, badRequest } from '../../errors.ts';
import type { ActionRecord, IntegrationsState } from './store.ts';

const DATA_ACTION_TYPES = new Set(['purecloud-data-actions', 'custom-rest-actions']);

/** The actions collection. */
export const ACTIONS = '/api/v2/integrations/actions';

/** The `Action` model; config only with `includeConfig`, contract only with `expand=contract`. */
export function toAction(
  a: ActionRecord,
  opts: { config?: boolean; contract?: boolean; draft?: boolean } = {},
): Record<string, unknown> {
  return {
    id: a.id,
    name: a.name,
    integrationId: a.integrationId,
    category: a.category,
    ...(opts.contract ? { contract: a.contract } : {}),
    version: a.version,
    secure: a.secure,
    ...(opts.config ? { config: a.config } : {}),
    selfUri: `${ACTIONS}/${a.id}${opts.draft ? '/draft' : ''}`,
  };
}

/** Check a full action document with the data-action engine; a 400 names each bad field. */
function check(doc: Record<string, unknown>): ReturnType<typeof loadAction> {
  let def;
  try {
    def = loadAction(doc, 'PostActionInput');
  } catch (e) {
    if (!isSwitchboardError(e)) throw e;
    const issues = (e.details.issues as { pointer: string; message: string }[] | undefined) ?? [];
    throw badRequest(
      e.message,
      issues.map((i) => ({ errorCode: 'invalid.value', fieldName: i.pointer })),
    );
  }
  const issues = validateAction(def);
  if (issues.length > 0)
    throw badRequest(
      issues.map((i) => i.message).join('; '),
      issues.map((i) => ({ errorCode: 'invalid.value', fieldName: i.pointer })),
    );
  return def;
}

/**
 * A `PostActionInput` as a stored action (version 1), for `POST /actions` and `POST /actions/drafts`.
 * @example
 * const record = actionFromInput(await readJsonObject(c), state, ids.uuid());
 */
export function actionFromInput(body: Record<string, unknown>, s: IntegrationsState, id: string): ActionRecord {
  for (const field of ['category', 'integrationId'] as const) {
    if (typeof body[field] !== 'string' || body[field] === '')
      throw badRequest(`${field} is required`, [{ errorCode: 'missing.value', fieldName: field }]);
  }
  const integration = s.integrations[body.integrationId as string];
  if (!integration)
    throw badRequest(`integrationId ${String(body.integrationId)} is not an integration of this org`, [
      { errorCode: 'invalid.value', fieldName: 'integrationId' },
    ]);
  if (!DATA_ACTION_TYPES.has(integration.integrationType))
    throw badRequest(`integration ${integration.id} of type ${integration.integrationType} has no data actions`, [
      { errorCode: 'invalid.value', fieldName: 'integrationId' },
    ]);
  const def = check(body);
  return {
    id,
    name: def.name,
    category: body.category as string,
    integrationId: integration.id,
    secure: def.secure,
    version: 1,
    config: body.config as Record<string, unknown>,
    contract: { input: { inputSchema: def.contract.input }, output: { successSchema: def.contract.output } },
  };
}

/**
 * Optimistic concurrency: the body's `version` is required and must be the current one. A stale
 * version answers 409, which Terraform re-reads and retries on (TF util_retries.go).
 */
export function checkVersion(body: Record<string, unknown>, current: ActionRecord, what: string): void {
  const version = body.version;
  if (typeof version !== 'number' || !Number.isInteger(version))
    throw badRequest('version is required and must be an integer', [
      { errorCode: 'missing.value', fieldName: 'version' },
    ]);
  if (version !== current.version) {
    throw new ApiError(
      409,
      'conflict',
      `The version ${version} does not match the current version ${current.version} of ${what} ${current.id}`,
      {
        entityId: current.id,
        entityName: current.name,
      },
    );
  }
}

/**
 * The record after an update: `name`, `category` and `config` (`UpdateActionInput`), plus
 * `contract` and `secure` for a draft (`UpdateDraftInput`). The result is checked like a new
 * action and its version is the next one; the caller checks the version first.
 */
export function applyUpdate(
  current: ActionRecord,
  body: Record<string, unknown>,
  opts: { draft: boolean },
): ActionRecord {
  const text = (field: 'name' | 'category'): string => {
    const v = body[field];
    if (v === undefined) return current[field];
    if (typeof v !== 'string' || v === '' || v.length > 256)
      throw badRequest(`${field} must be a string of 1 to 256 characters`, [
        { errorCode: 'invalid.value', fieldName: field },
      ]);
    return v;
  };
  const object = (field: 'config' | 'contract'): Record<string, unknown> | undefined => {
    const v = body[field];
    if (v === undefined) return undefined;
    if (!isPlainObject(v))
      throw badRequest(`${field} must be an object`, [{ errorCode: 'invalid.value', fieldName: field }]);
    return v;
  };
  if (!opts.draft && (body.contract !== undefined || body.secure !== undefined)) {
    throw badRequest('contract and secure cannot be changed on a published action; edit a draft of it and publish', [
      { errorCode: 'invalid.value', fieldName: body.contract !== undefined ? 'contract' : 'secure' },
    ]);
  }
  if (body.secure !== undefined && typeof body.secure !== 'boolean')
    throw badRequest('secure must be a boolean', [{ errorCode: 'invalid.value', fieldName: 'secure' }]);
  const config = object('config') ?? current.config;
  const contract = (object('contract') as ActionRecord['contract'] | undefined) ?? current.contract;
  const name = text('name');
  const secure = typeof body.secure === 'boolean' ? body.secure : current.secure;
  const def = check({
    name,
    category: current.category,
    integrationId: current.integrationId,
    secure,
    config,
    contract,
  });
  return {
    ...current,
    name,
    category: text('category'),
    secure,
    config,
    contract: { input: { inputSchema: def.contract.input }, output: { successSchema: def.contract.output } },
    version: current.version + 1,
  };
}

/**
 * A schema file of an action: `inputschema.json` / `successschema.json` as Terraform names them,
 * or `<anything>.input.json` / `<anything>.success.json` ([INFERRED] Genesys's own `…SchemaUri` names).
 * Undefined for any other name.
 */
export function schemaFile(a: ActionRecord, fileName: string): Record<string, unknown> | undefined {
  const base = fileName.toLowerCase().replace(/\.json$/, '');
  if (base === fileName.toLowerCase()) return undefined;
  if (base === 'inputschema' || base === 'input' || base.endsWith('.input')) return a.contract.input.inputSchema;
  if (base === 'successschema' || base === 'success' || base === 'output' || base.endsWith('.success'))
    return a.contract.output.successSchema;
  return undefined;
}

/**
 * A template file of an action: `requesttemplate.vm` or `successtemplate.vm` (the names Terraform
 * reads), with the engine's defaults when the config leaves them out. Undefined for any other name.
 */
export function templateFile(a: ActionRecord, fileName: string): string | undefined {
  const name = fileName.toLowerCase();
  const part = (key: 'request' | 'response'): Record<string, unknown> => {
    const v = a.config[key];
    return isPlainObject(v) ? v : {};
  };
  if (name === 'requesttemplate.vm') {
    const t = part('request').requestTemplate;
    return typeof t === 'string' ? t : DEFAULT_REQUEST_TEMPLATE;
  }
  if (name === 'successtemplate.vm') {
    const t = part('response').successTemplate;
    return typeof t === 'string' ? t : DEFAULT_SUCCESS_TEMPLATE;
  }
  return undefined;
}
