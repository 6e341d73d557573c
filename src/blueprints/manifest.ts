/**
 * @module
 * The on-disk bundle format: a folder holding a `switchboard.json` (or `bundle.json`) manifest
 * and the artifact files it names. Paths are relative to the manifest's folder, or start with
 * `@blueprints/` to name a published artifact under the blueprints root (see `paths.ts`), so a
 * bundle can load exported files unchanged without copying them.
 */
import { z } from 'zod';
import { SwitchboardError, jsonPointer, tryParseJson } from '../core/index.ts';
import { BundleRetrySchema } from '../workflows/index.ts';
import { BlueprintErrors } from './errors.ts';

/** The manifest file names a bundle folder may use, in order of preference. */
export const MANIFEST_FILES: readonly string[] = ['switchboard.json', 'bundle.json'];

const ConfigValue = z.union([z.string(), z.number().int()]);

const ConfigPoint = z.strictObject({
  description: z.string().min(1),
  type: z.enum(['string', 'integer']),
  default: ConfigValue,
});

/**
 * A substitution value: a literal, or the value of a configuration point (a string point is
 * escaped for a double-quoted YAML scalar, so write its placeholder inside double quotes).
 */
const Substitution = z.union([z.string(), z.strictObject({ config: z.string().min(1) })]);

/** A credential field: a literal, or the name of an environment variable holding it (keeps secrets out of the file). */
const CredentialField = z.union([
  z.string(),
  z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name') }),
]);

/** A web services integration's credential (HELP-CRED): its type and its fields. */
const IntegrationCredential = z.strictObject({
  type: z.enum(['basicAuth', 'userDefined', 'userDefinedOAuth']),
  fields: z.record(z.string().min(1), CredentialField).default({}),
});

const Integration = z.strictObject({
  name: z.string().min(1),
  /** `purecloud-data-actions` (Genesys Cloud, the default) or `custom-rest-actions` (web services). */
  type: z.string().min(1).optional(),
  /** A web services integration's credential; its fields are the `credentials` Velocity context. */
  credentials: IntegrationCredential.optional(),
  /** The custom auth action of a `userDefinedOAuth` credential (a data-action file); its output is `authResponse`. */
  authAction: z.string().min(1).optional(),
  /** The role (or OAuth client) the integration's credentials carry, for humans. */
  role: z.string().optional(),
  /**
   * The permissions of that role: `domain:entity:action` or the admin UI's label
   * (`Conversation > Communication > View`). Omitted means the setup does not say.
   */
  permissions: z.array(z.string().min(1)).optional(),
  actions: z.array(z.string().min(1)),
});

const Workflow = z.strictObject({
  file: z.string().min(1),
  /** The name the bundle publishes the flow under (Terraform's `workflow_name`); default: the flow's own. */
  name: z.string().min(1).optional(),
  /** Values for Archy YAML `{{placeholders}}`. */
  substitutions: z.record(z.string(), Substitution).optional(),
  /** Data-action names to re-bind on import, `{ "name in the flow": "name of the action" }`. */
  rebind: z.record(z.string(), z.string()).optional(),
});

const Trigger = z
  .strictObject({
    /** A trigger file: API JSON, Terraform attributes as JSON, or a `.tf` file. */
    file: z.string().min(1).optional(),
    /** The resource name inside a `.tf` file (`genesyscloud_processautomation_trigger.<name>`). */
    resource: z.string().min(1).optional(),
    /** The trigger itself, as an API body or Terraform attributes. */
    inline: z.record(z.string(), z.unknown()).optional(),
    /** The name of the workflow (in this bundle) the trigger starts. */
    workflow: z.string().min(1),
  })
  .refine((t) => (t.file === undefined) !== (t.inline === undefined), {
    message: 'a trigger needs exactly one of "file" and "inline"',
  });

/** The zod schema of a bundle manifest. */
const BundleManifestSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1),
  title: z.string().optional(),
  description: z.string().optional(),
  /** `published`: the exported artifacts unchanged; `corrected`: an export with fixes. Absent for Switchboard's own solutions and a user's bundle. */
  variant: z.enum(['published', 'corrected']).optional(),
  config: z.record(z.string(), ConfigPoint).optional(),
  integrations: z.array(Integration).default([]),
  workflows: z.array(Workflow).default([]),
  triggers: z.array(Trigger).default([]),
  /**
   * Opt-in retries of the bundle's data actions after a 429, a 5xx or a timeout (what would
   * otherwise take the flow's Failure or Timeout path): `attempts`, `backoff`, `honourRetryAfter`,
   * `maxRetryAfterMs`, `on`, and `actions: { "<action name>": { …fields to change } | false }`.
   */
  retry: BundleRetrySchema.optional(),
  /** Free-form remarks (what a variant leaves for the runtime to wire, setup steps…). */
  notes: z.array(z.string()).optional(),
});

/** A parsed bundle manifest. */
export type BundleManifest = z.infer<typeof BundleManifestSchema>;
/** One integration credential of a manifest. */
export type IntegrationCredentialSpec = z.infer<typeof IntegrationCredential>;
/** A configuration value. */
export type ConfigValue = z.infer<typeof ConfigValue>;

/**
 * The values of a credential's fields: a literal as it is, an `{ "env": "NAME" }` field from
 * `env`; each field whose variable is not set is left out and listed in `unset`.
 * @example
 * credentialValues({ type: 'userDefined', fields: { key: { env: 'CRM_KEY' } } }, process.env).unset // [{ field: 'key', variable: 'CRM_KEY' }] when unset
 */
export function credentialValues(
  spec: IntegrationCredentialSpec,
  env: Readonly<Record<string, string | undefined>>,
): {
  type: IntegrationCredentialSpec['type'];
  fields: Record<string, string>;
  unset: { field: string; variable: string }[];
} {
  const fields: Record<string, string> = {};
  const unset: { field: string; variable: string }[] = [];
  for (const [field, v] of Object.entries(spec.fields)) {
    const value = typeof v === 'string' ? v : env[v.env];
    if (value !== undefined) fields[field] = value;
    else if (typeof v !== 'string') unset.push({ field, variable: v.env });
  }
  return { type: spec.type, fields, unset };
}

/**
 * Parse and validate manifest text. Throws `SB_BLUEPRINTS_MANIFEST_INVALID` naming the file and
 * every broken field by JSON pointer.
 * @example
 * const manifest = parseManifest(readFileSync('bundle/switchboard.json', 'utf8'), 'bundle/switchboard.json');
 */
export function parseManifest(text: string, file: string): BundleManifest {
  const parsed = tryParseJson(text);
  if (!parsed.ok) {
    throw new SwitchboardError(
      BlueprintErrors.SB_BLUEPRINTS_MANIFEST_INVALID,
      `a bundle manifest must be JSON; ${file}: ${parsed.error}`,
      { details: { file } },
    );
  }
  const result = BundleManifestSchema.safeParse(parsed.value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ pointer: jsonPointer(i.path), message: i.message }));
    const list = issues.map((i) => `${i.pointer}: ${i.message}`).join('; ');
    throw new SwitchboardError(
      BlueprintErrors.SB_BLUEPRINTS_MANIFEST_INVALID,
      `a bundle manifest must follow the manifest schema; ${file}: ${list}`,
      {
        details: { file, issues },
      },
    );
  }
  const m = result.data;
  const problems: string[] = [];
  const configNames = new Set(Object.keys(m.config ?? {}));
  for (const [name, point] of Object.entries(m.config ?? {})) {
    if ((point.type === 'integer') !== (typeof point.default === 'number'))
      problems.push(`/config/${name}/default: must be of type ${point.type}`);
  }
  m.workflows.forEach((w, i) => {
    for (const [key, v] of Object.entries(w.substitutions ?? {})) {
      if (typeof v !== 'string' && !configNames.has(v.config))
        problems.push(
          `/workflows/${i}/substitutions/${key}: configuration point "${v.config}" is not declared under /config`,
        );
    }
  });
  m.integrations.forEach((integration, i) => {
    const type = integration.credentials?.type;
    if (type === 'userDefinedOAuth' && integration.authAction === undefined)
      problems.push(
        `/integrations/${i}/authAction: a userDefinedOAuth credential needs the integration's custom auth action`,
      );
    if (integration.authAction !== undefined && type !== 'userDefinedOAuth')
      problems.push(`/integrations/${i}/authAction: only a userDefinedOAuth credential has a custom auth action`);
    if (type === 'basicAuth' && integration.credentials?.fields.userName === undefined)
      problems.push(`/integrations/${i}/credentials/fields/userName: a basicAuth credential needs a userName`);
  });
  m.triggers.forEach((t, i) => {
    if (t.resource !== undefined && !(t.file ?? '').endsWith('.tf'))
      problems.push(`/triggers/${i}/resource: only a .tf trigger file has resources`);
  });
  if (problems.length > 0) {
    throw new SwitchboardError(
      BlueprintErrors.SB_BLUEPRINTS_MANIFEST_INVALID,
      `a bundle manifest must be consistent; ${file}: ${problems.join('; ')}`,
      {
        details: { file, issues: problems },
      },
    );
  }
  return m;
}
