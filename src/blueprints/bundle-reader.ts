/**
 * @module
 * Read a bundle folder through its manifest, leniently: the artifacts that load, and a finding
 * for each that does not. Configuration values fill the `{{placeholders}}` the manifest wires to
 * configuration points.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SwitchboardError, tryParseJson } from '../core/index.ts';
import { rebindDataActions } from '../architect/index.ts';
import { loadFinding, readAction, readAuthAction, readFlow, readText, readTrigger } from './artifacts.ts';
import type { ActionArtifact, FlowArtifact, IntegrationArtifact, ReadResult, TriggerArtifact } from './artifacts.ts';
import type { Finding } from './check/finding.ts';
import { permissionId } from './check/permissions.ts';
import { BlueprintErrors } from './errors.ts';
import { MANIFEST_FILES, parseManifest } from './manifest.ts';
import type { BundleManifest, ConfigValue } from './manifest.ts';
import { BLUEPRINTS_PREFIX, BLUEPRINTS_ROOT_HOW, defaultBlueprintsDir, resolveArtifactPath } from './paths.ts';
import { TfProject } from './terraform/project.ts';

/** Options for reading or loading a bundle. */
export interface BundleOptions {
  /** The root of `@blueprints/` paths (default: {@link defaultBlueprintsDir}; without one, such a path is an error). */
  readonly blueprintsDir?: string;
  /** Values for the bundle's configuration points, overriding their defaults. */
  readonly config?: Readonly<Record<string, ConfigValue>>;
  /** Where credential fields written `{ "env": "NAME" }` are read (default: the process environment). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A bundle read leniently, with its manifest and effective configuration. */
export interface BundleReadResult extends ReadResult {
  readonly manifest: BundleManifest;
  readonly manifestFile: string;
  readonly config: Readonly<Record<string, ConfigValue>>;
}

/**
 * The manifest file of a folder, if it has one.
 * @example
 * findManifest('solutions/callback-prioritization') // '…/switchboard.json'
 */
export function findManifest(dir: string): string | undefined {
  return MANIFEST_FILES.map((f) => join(dir, f)).find((p) => existsSync(p));
}

/**
 * The configuration of a bundle: defaults overridden by `overrides`. Throws
 * `SB_BLUEPRINTS_CONFIG_INVALID` for an unknown point, a value of the wrong type, or a point no
 * substitution uses (the published artifact hard-codes it).
 * @example
 * effectiveConfig(manifest, { tagText: 'Blocked' }) // { tagText: 'Blocked', … }
 */
function effectiveConfig(
  manifest: BundleManifest,
  overrides: Readonly<Record<string, ConfigValue>> = {},
): Record<string, ConfigValue> {
  const points = manifest.config ?? {};
  const used = new Set(
    manifest.workflows.flatMap((w) =>
      Object.values(w.substitutions ?? {}).flatMap((v) => (typeof v === 'string' ? [] : [v.config])),
    ),
  );
  const out: Record<string, ConfigValue> = Object.fromEntries(Object.entries(points).map(([k, p]) => [k, p.default]));
  for (const [name, value] of Object.entries(overrides)) {
    const point = points[name];
    const fail = (why: string) =>
      new SwitchboardError(
        BlueprintErrors.SB_BLUEPRINTS_CONFIG_INVALID,
        `a configuration value must fit a declared configuration point; bundle "${manifest.name}", "${name}": ${why}`,
        {
          details: { bundle: manifest.name, point: name },
        },
      );
    if (!point) throw fail(`no such point (the bundle declares ${Object.keys(points).join(', ') || 'none'})`);
    if (!used.has(name))
      throw fail(
        `the ${manifest.variant === 'published' ? 'published ' : ''}artifacts hard-code it, so it cannot be changed here`,
      );
    if (point.type === 'integer' ? !Number.isInteger(value) : typeof value !== 'string')
      throw fail(`must be ${point.type === 'integer' ? 'an integer' : 'a string'}; got ${JSON.stringify(value)}`);
    out[name] = value;
  }
  return out;
}

/**
 * The text a configuration value substitutes: an integer as digits; a string escaped for a
 * double-quoted YAML scalar (JSON string escapes are valid there), so a placeholder holding a
 * string configuration point is written inside double quotes (`lit: "{{external_tag}}"`).
 * @example
 * configText('Blocked "x"') // 'Blocked \\"x\\"'
 */
export function configText(value: ConfigValue | undefined): string {
  return typeof value === 'string' ? JSON.stringify(value).slice(1, -1) : String(value);
}

/** Every `@blueprints/` path of a manifest, with the JSON pointer of its field. */
function blueprintsPaths(manifest: BundleManifest): Array<{ field: string; ref: string }> {
  const refs = [
    ...manifest.integrations.flatMap((i, n) =>
      i.actions.map((ref, k) => ({ field: `/integrations/${n}/actions/${k}`, ref })),
    ),
    ...manifest.workflows.map((w, n) => ({ field: `/workflows/${n}/file`, ref: w.file })),
    ...manifest.triggers.flatMap((t, n) =>
      t.file === undefined ? [] : [{ field: `/triggers/${n}/file`, ref: t.file }],
    ),
  ];
  return refs.filter((r) => r.ref.startsWith(BLUEPRINTS_PREFIX));
}

/** Throws `SB_BLUEPRINTS_ROOT_UNSET` naming every manifest field that needs the blueprints root. */
function requireNoBlueprintsPaths(manifest: BundleManifest, manifestFile: string): void {
  const refs = blueprintsPaths(manifest);
  if (refs.length === 0) return;
  const shown =
    refs
      .slice(0, 3)
      .map((r) => `${r.field} ("${r.ref}")`)
      .join(', ') + (refs.length > 3 ? ` and ${refs.length - 3} more` : '');
  throw new SwitchboardError(
    BlueprintErrors.SB_BLUEPRINTS_ROOT_UNSET,
    `an @blueprints/ path needs the blueprints root, and none is set; bundle "${manifest.name}" (${manifestFile}) names one at ${shown}. Set the root with ${BLUEPRINTS_ROOT_HOW}`,
    { details: { file: manifestFile, fields: refs.map((r) => r.field) } },
  );
}

/**
 * Read a bundle: parse its manifest (throws `SB_BLUEPRINTS_MANIFEST_INVALID` /
 * `SB_BLUEPRINTS_CONFIG_INVALID`, and `SB_BLUEPRINTS_ROOT_UNSET` for an `@blueprints/` path
 * without a blueprints root), then every artifact it names; problems with artifacts are
 * findings, not exceptions.
 * @example
 * const { set, findings } = readBundle('my-bundle/');
 */
export function readBundle(dir: string, options: BundleOptions = {}): BundleReadResult {
  const manifestFile = findManifest(dir);
  if (!manifestFile) {
    throw new SwitchboardError(
      BlueprintErrors.SB_BLUEPRINTS_MANIFEST_INVALID,
      `a bundle folder must hold ${MANIFEST_FILES.join(' or ')}; ${dir} has neither`,
      { details: { dir } },
    );
  }
  const manifestName = basename(manifestFile);
  const findings: Finding[] = [];
  const mtext = readText(manifestFile, manifestName, findings);
  if (mtext === undefined)
    throw new SwitchboardError(
      BlueprintErrors.SB_BLUEPRINTS_DIR_UNREADABLE,
      `a bundle manifest must be readable; ${manifestFile}`,
      { details: { file: manifestFile } },
    );
  const manifest = parseManifest(mtext, manifestFile);
  const config = effectiveConfig(manifest, options.config);
  const blueprintsDir = options.blueprintsDir ?? defaultBlueprintsDir();
  if (blueprintsDir === undefined) requireNoBlueprintsPaths(manifest, manifestFile);
  const path = (ref: string) => resolveArtifactPath(ref, dir, blueprintsDir ?? dir);

  const actions: ActionArtifact[] = [];
  const integrations: IntegrationArtifact[] = manifest.integrations.map((integration, i) => {
    const routes = integration.actions.flatMap((ref) => {
      const t = readText(path(ref), ref, findings);
      const a = t === undefined ? undefined : readAction(t, ref, integration.name, findings);
      if (!a) return [];
      actions.push(a);
      return [
        {
          name: a.name,
          file: ref,
          method: a.definition.request.requestType,
          url: a.definition.request.requestUrlTemplate,
        },
      ];
    });
    const authText =
      integration.authAction === undefined
        ? undefined
        : readText(path(integration.authAction), integration.authAction, findings);
    const authAction = authText === undefined ? undefined : readAuthAction(authText, integration.authAction!, findings);
    return {
      name: integration.name,
      file: manifestName,
      location: `/integrations/${i}`,
      role: integration.role,
      permissions: integration.permissions?.map(permissionId),
      implicit: false,
      actions: routes,
      ...(integration.type === undefined ? {} : { type: integration.type }),
      ...(integration.credentials === undefined ? {} : { credentials: integration.credentials }),
      ...(authAction === undefined ? {} : { authAction }),
    };
  });

  const flows: FlowArtifact[] = manifest.workflows.flatMap((w) => {
    const t = readText(path(w.file), w.file, findings);
    if (t === undefined) return [];
    const params = Object.fromEntries(
      Object.entries(w.substitutions ?? {}).map(([k, v]) => [
        k,
        typeof v === 'string' ? v : configText(config[v.config]),
      ]),
    );
    const imported = readFlow(t, basename(w.file), w.file, params, findings);
    if (!imported) return [];
    const flow = w.rebind ? rebindDataActions(imported, w.rebind) : imported;
    const name = w.name ?? flow.name;
    return [
      {
        name,
        file: w.file,
        format: /\.i3workflow$/i.test(w.file) ? ('i3WorkFlow' as const) : ('yaml' as const),
        flow: { ...flow, name },
      },
    ];
  });

  const triggers: TriggerArtifact[] = manifest.triggers.flatMap((entry, i) => {
    const location = `/triggers/${i}`;
    const known = flows.some((f) => f.name === entry.workflow);
    if (!known)
      findings.push(
        loadFinding(
          'bundle/unknown-workflow',
          manifestName,
          `${location}/workflow`,
          `a trigger must start a workflow of the bundle; "${entry.workflow}" is none of ${flows.map((f) => `"${f.name}"`).join(', ') || '(no workflows)'}`,
          'Name the workflow as the bundle publishes it (its "name", or the flow\'s own name).',
        ),
      );
    const pairing = { workflow: known ? entry.workflow : undefined };
    if (entry.inline) {
      const t = readTrigger(entry.inline, manifestName, `${location}/inline`, pairing, findings);
      return t ? [t] : [];
    }
    const ref = entry.file!;
    const text = readText(path(ref), ref, findings);
    if (text === undefined) return [];
    if (ref.endsWith('.tf')) {
      const all = TfProject.fromTexts([{ file: path(ref), text }], []).triggers();
      const tf = entry.resource
        ? all.find((t) => t.resource === entry.resource)
        : all.length === 1
          ? all[0]
          : undefined;
      if (!tf) {
        findings.push(
          loadFinding(
            'trigger/invalid',
            manifestName,
            `${location}/resource`,
            `a .tf trigger file must hold the named genesyscloud_processautomation_trigger; ${ref} has ${all.map((t) => t.resource).join(', ') || 'none'}`,
            'Name the resource with "resource".',
          ),
        );
        return [];
      }
      const t = readTrigger(
        tf.attributes,
        ref,
        `resource genesyscloud_processautomation_trigger.${tf.resource} (line ${tf.line})`,
        pairing,
        findings,
      );
      return t ? [t] : [];
    }
    const doc = tryParseJson(text);
    if (!doc.ok) {
      findings.push(
        loadFinding(
          'trigger/invalid',
          ref,
          '',
          `a trigger file must be JSON; ${doc.error}`,
          'Write the trigger as an API body or Terraform attributes in JSON.',
        ),
      );
      return [];
    }
    const t = readTrigger(doc.value, ref, '', pairing, findings);
    return t ? [t] : [];
  });

  return {
    set: { root: dir, kind: 'bundle', manifest, actions, terraformActions: [], flows, triggers, integrations },
    findings,
    manifest,
    manifestFile,
    config,
  };
}
