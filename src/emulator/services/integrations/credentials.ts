/**
 * @module
 * Integration credentials (the SDK's IntegrationsApi):
 *
 * | Method | Path | Permission (ANY) |
 * |---|---|---|
 * | POST | `/api/v2/integrations/credentials` | `integrations:credential:add`, `integrations:integration:add` |
 * | GET | `/api/v2/integrations/credentials` | `integrations:credential:view`, `integrations:integration:view` |
 * | GET | `/api/v2/integrations/credentials/types` | same |
 * | GET | `/api/v2/integrations/credentials/{credentialId}` | same |
 * | PUT | `/api/v2/integrations/credentials/{credentialId}` | `integrations:credential:edit`, `integrations:integration:edit` |
 * | DELETE | `/api/v2/integrations/credentials/{credentialId}` | `integrations:credential:delete`, `integrations:integration:delete` |
 *
 * The types are those of the Genesys Cloud Data Actions integration (`pureCloudOAuthClient`) and
 * of the Web Services Data Actions integration (`basicAuth`, `userDefined`, `userDefinedOAuth`;
 * Genesys help: "Credential types for the web services data actions integration").
 * [INFERRED] A credential read back shows its fields except those named like a secret or a
 * password; a credential an integration still uses cannot be deleted (409).
 */
import type { Context } from 'hono';
import { isPlainObject } from '../../../core/index.ts';
import { ApiError, badRequest, notFound } from '../../errors.ts';
import { pageParams, paged, readJsonObject } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { integrationsStore } from './store.ts';
import type { CredentialRecord } from './store.ts';

const CREDENTIALS = '/api/v2/integrations/credentials';

/** Each credential type this org takes, with the fields it must have. */
const CREDENTIAL_TYPES: Readonly<Record<string, readonly string[]>> = {
  pureCloudOAuthClient: ['clientId', 'clientSecret'],
  basicAuth: ['userName', 'password'],
  userDefined: [],
  userDefinedOAuth: [],
};

const HIDDEN_FIELD = /secret|password/i;

function credentialInfo(cr: CredentialRecord): Record<string, unknown> {
  return { id: cr.id, name: cr.name, type: { name: cr.type }, selfUri: `${CREDENTIALS}/${cr.id}` };
}

/** The type and fields of a `Credential` body, checked against {@link CREDENTIAL_TYPES}. */
function credentialOf(
  body: Record<string, unknown>,
  current?: CredentialRecord,
): { type: string; fields: Record<string, string> } {
  const type = isPlainObject(body.type) ? String(body.type.name ?? '') : String(body.type ?? current?.type ?? '');
  const required = CREDENTIAL_TYPES[type];
  if (!required) {
    throw badRequest(
      `A credential's type.name must be one of ${Object.keys(CREDENTIAL_TYPES).join(', ')}; "${type}" is not`,
      [{ errorCode: 'invalid.value', fieldName: 'type.name' }],
    );
  }
  const given = isPlainObject(body.credentialFields) ? body.credentialFields : {};
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    if (typeof value !== 'string') {
      throw badRequest(`credentialFields.${name} must be a string`, [
        { errorCode: 'invalid.value', fieldName: `credentialFields.${name}` },
      ]);
    }
    fields[name] = value;
  }
  const missing = required.filter((f) => fields[f] === undefined || fields[f] === '');
  if (missing.length > 0) {
    throw badRequest(
      `A ${type} credential needs credentialFields ${required.join(' and ')}; ${missing.join(', ')} missing`,
      [...missing.map((f) => ({ errorCode: 'missing.value', fieldName: `credentialFields.${f}` }))],
    );
  }
  return { type, fields };
}

/**
 * Register the credential routes. Call before `/api/v2/integrations/{integrationId}`, so
 * `credentials` is not taken for an integration id.
 * @example
 * registerCredentials(app);
 */
export function registerCredentials(app: EmulatorApp): void {
  const state = (c: Context<EmulatorEnv>) => c.get('org').get(integrationsStore);
  const touch = (c: Context<EmulatorEnv>): void => c.get('org').touch(integrationsStore);
  const credential = (c: Context<EmulatorEnv>): CredentialRecord => {
    const id = c.req.param('credentialId') ?? '';
    const cr = state(c).credentials[id];
    if (!cr) throw notFound('Credential', id);
    return cr;
  };
  const VIEW = ['integrations:credential:view', 'integrations:integration:view'];

  app.post(CREDENTIALS, requirePermission('integrations:credential:add', 'integrations:integration:add'), async (c) => {
    const body = await readJsonObject(c);
    const { type, fields } = credentialOf(body);
    const id = c.get('services').ids.uuid();
    const record: CredentialRecord = {
      id,
      name: typeof body.name === 'string' && body.name ? body.name : type,
      type,
      fields,
    };
    state(c).credentials[id] = record;
    touch(c);
    return c.json(credentialInfo(record));
  });

  app.get(CREDENTIALS, requirePermission(...VIEW), (c) =>
    c.json(
      paged(
        Object.values(state(c).credentials)
          .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
          .map(credentialInfo),
        pageParams(c),
        CREDENTIALS,
      ),
    ),
  );

  app.get(`${CREDENTIALS}/types`, requirePermission(...VIEW), (c) =>
    c.json(
      Object.entries(CREDENTIAL_TYPES).map(([name, required]) => ({
        id: name,
        name,
        displayOrder: [...required],
        required: [...required],
        properties: Object.fromEntries(required.map((f) => [f, { type: 'string' }])),
      })),
    ),
  );

  app.get(`${CREDENTIALS}/:credentialId`, requirePermission(...VIEW), (c) => {
    const cr = credential(c);
    const shown = Object.fromEntries(Object.entries(cr.fields).filter(([k]) => !HIDDEN_FIELD.test(k)));
    return c.json({
      id: cr.id,
      name: cr.name,
      type: { name: cr.type },
      credentialFields: shown,
      selfUri: `${CREDENTIALS}/${cr.id}`,
    });
  });

  app.put(
    `${CREDENTIALS}/:credentialId`,
    requirePermission('integrations:credential:edit', 'integrations:integration:edit'),
    async (c) => {
      const cr = credential(c);
      const body = await readJsonObject(c);
      const { type, fields } = credentialOf(body, cr);
      const next: CredentialRecord = {
        id: cr.id,
        name: typeof body.name === 'string' && body.name !== '' ? body.name : cr.name,
        type,
        fields,
      };
      state(c).credentials[cr.id] = next;
      touch(c);
      return c.json(credentialInfo(next));
    },
  );

  app.delete(
    `${CREDENTIALS}/:credentialId`,
    requirePermission('integrations:credential:delete', 'integrations:integration:delete'),
    (c) => {
      const cr = credential(c);
      const user = Object.values(state(c).integrations).find((i) => i.credentialId === cr.id);
      if (user)
        throw new ApiError(
          409,
          'conflict',
          `Credential ${cr.id} is used by integration ${user.id} (${user.name}); change its configuration first`,
          { entityId: cr.id, entityName: cr.name },
        );
      delete state(c).credentials[cr.id];
      touch(c);
      return c.body(null, 204);
    },
  );
}
