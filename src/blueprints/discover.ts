/**
 * @module
 * Read a plain folder of Genesys artifacts, found by extension: data actions (`*.custom.json`, or
 * any `*.json` shaped as one), flows (`*.i3WorkFlow`, Archy `*.yaml`, Archy templates `*.tftpl`
 * and whatever file a `genesyscloud_flow` deploys; see discover-flows.ts), triggers (API or
 * Terraform-attribute `*.json`, `genesyscloud_processautomation_trigger` in `*.tf`, trigger POSTs
 * in Postman collections), and the Terraform setup (data actions with their definitions,
 * integrations, `# Permissions:` comments in `*.tfvars`). Every other file is skipped, with why.
 * Flows are paired with triggers through Terraform references, else by the trigger's target
 * id naming a flow; Archy placeholders are filled from the `genesyscloud_flow` substitutions.
 */
import { basename, dirname, relative, resolve } from 'node:path';
import { errorCodeSpec, isPlainObject, tryParseJson } from '../core/index.ts';
import { readAction, readAuthAction, readText, readTrigger } from './artifacts.ts';
import type { CompiledAction } from '../actions/index.ts';
import type {
  ActionArtifact,
  ActionRoute,
  FlowArtifact,
  IntegrationArtifact,
  ReadResult,
  SkippedFile,
  TriggerArtifact,
} from './artifacts.ts';
import type { Finding } from './check/finding.ts';
import type { OtherFlowArtifact } from './other-flows.ts';
import { permissionId } from './check/permissions.ts';
import { mayHoldFlow, readFlowFile } from './discover-flows.ts';
import { withUnknownTarget } from './artifacts.ts';
import { TfProject } from './terraform/project.ts';
import { taskManagementOf, worktypeStatusNames } from './task-management.ts';
import { DEFAULT_WALK_LIMITS, walkFolder } from './walk.ts';
import type { WalkLimits } from './walk.ts';

/** The JSON documents of a folder that are not actions, flows or Postman collections, and look like triggers. */
function looksLikeTrigger(v: unknown): v is Record<string, unknown> {
  return isPlainObject(v) && ('topicName' in v || 'topic_name' in v);
}

/** A data action in any of its shapes, whatever its file is named: an export or API body (config.request and contract) or Terraform attributes. */
function looksLikeAction(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  return (
    (isPlainObject(v.config) && isPlainObject(v.config.request) && isPlainObject(v.contract)) ||
    ('config_request' in v && 'contract_input' in v)
  );
}

/** Why a text is not JSON, without quoting it (the file may be anything, and anyone's). */
function notJson(error: string, text: string): string {
  const position = /at position (\d+)/.exec(error);
  const offset = position ? Number(position[1]) : undefined;
  if (/end of JSON input/i.test(error) || (offset !== undefined && offset >= text.trimEnd().length))
    return 'not valid JSON: it ends early (truncated?)';
  if (offset === undefined) return 'not valid JSON';
  const before = text.slice(0, offset).split('\n');
  return `not valid JSON (line ${before.length} column ${before[before.length - 1]!.length + 1})`;
}

const READ_KINDS =
  '*.custom.json, *.json, *.i3WorkFlow, *.yaml/*.yml, Archy *.tftpl, *.tf, *.tfvars, *.postman_collection.json';

/** The reasons that say a file holds no artifact at all (not those naming a flow of another type). */
const NOT_AN_ARTIFACT = /^(JSON that is neither|not a kind of file|YAML without|a Terraform template that is not)/;

/**
 * Read every artifact of a plain folder (recursively); every other file is listed as skipped with
 * why. A `.json` file is a trigger or a data action by its shape, whatever its name.
 * @example
 * const { set, findings } = discoverFolder('exports/');
 */
export function discoverFolder(root: string, limits: WalkLimits = DEFAULT_WALK_LIMITS): ReadResult {
  const findings: Finding[] = [];
  const walked = walkFolder(root, limits);
  const files = walked.files;
  const rel = (p: string): string => relative(root, p) || basename(p);
  const skipped: SkippedFile[] = walked.skipped.map((s) => ({ file: rel(s.path), reason: s.reason }));
  const text = (p: string): string | undefined => readText(p, rel(p), findings);
  // A file the project's Terraform reads (a contract through file(), a template) is part of a
  // resource, not an artifact of its own: said so rather than "not a kind of file".
  let readByTerraform: ReadonlySet<string> = new Set();
  const skip = (p: string, reason: string): void =>
    void skipped.push({
      file: rel(p),
      reason:
        readByTerraform.has(resolve(p)) && NOT_AN_ARTIFACT.test(reason)
          ? 'read by the Terraform project (file(), templatefile()): part of the resource that reads it, not an artifact of its own'
          : reason,
    });
  const texts = (ext: string) =>
    files
      .filter((f) => f.endsWith(ext))
      .flatMap((file) => {
        const t = text(file);
        return t === undefined ? [] : [{ file, text: t }];
      });
  const tf = TfProject.fromTexts(texts('.tf'), texts('.tfvars'));
  readByTerraform = new Set(tf.roots.flatMap((p) => p.filesRead));
  // The files genesyscloud_flow resources deploy, with their substitutions.
  const deployed = new Map(tf.flows().flatMap((f) => (f.flowFile ? [[f.flowFile, f.substitutions] as const] : [])));
  // The flow files the project writes itself (local_file + templatefile()): their rendered text is what deploys.
  const rendered = new Map(
    tf.flows().flatMap((f) => (f.flowFile && f.content !== undefined ? [[f.flowFile, f.content] as const] : [])),
  );
  // By absolute path: a folder given as `.` walks relative paths.
  const onDisk = new Set(files.map((f) => resolve(f)));
  for (const file of rendered.keys()) if (!onDisk.has(resolve(file))) files.push(file);
  const diagnostics = tf.diagnostics();
  /** The arguments of a resource whose values Terraform could not know. */
  const unknownArguments = (address: string): string[] =>
    diagnostics
      .filter((d) => d.code === 'SB_TERRAFORM_UNKNOWN_VALUE' && d.construct.startsWith(`${address}.`))
      .map((d) => d.construct.slice(address.length + 1));

  const actions: ActionArtifact[] = [];
  const authActions: Array<{ file: string; compiled: CompiledAction }> = [];
  const flows: FlowArtifact[] = [];
  const flowByFile = new Map<string, FlowArtifact>();
  const otherFlows: OtherFlowArtifact[] = [];
  const triggers: TriggerArtifact[] = [];
  const pendingTriggers: Array<{
    body: unknown;
    file: string;
    location: string;
    flowFile?: string;
    unresolved?: string[];
  }> = [];

  for (const file of files) {
    const name = basename(file);
    if (/\.customAuth\.json$/i.test(name)) {
      // Genesys exports a web services integration's custom auth action as <name>.customAuth.json:
      // it is the integration's, not an action a flow calls.
      const t = text(file);
      const compiled = t === undefined ? undefined : readAuthAction(t, rel(file), findings);
      if (compiled) authActions.push({ file: rel(file), compiled });
    } else if (/\.custom\.json$/i.test(name)) {
      const t = text(file);
      const a = t === undefined ? undefined : readAction(t, rel(file), undefined, findings);
      if (a) actions.push(a);
    } else if (deployed.has(resolve(file)) || mayHoldFlow(name)) {
      const t = rendered.get(resolve(file)) ?? text(file);
      if (t === undefined) continue;
      const r = readFlowFile(file, rel(file), t, deployed.get(resolve(file)), findings);
      if (r && 'skipped' in r) skip(file, r.skipped);
      else if (r && 'other' in r) otherFlows.push(r.other);
      else if (r) {
        flows.push(r.flow);
        flowByFile.set(resolve(file), r.flow);
      }
    } else if (/\.postman_collection\.json$/i.test(name)) {
      const t = text(file);
      const doc = t === undefined ? undefined : tryParseJson(t);
      if (doc === undefined) continue;
      if (!doc.ok) {
        skip(file, notJson(doc.error, t!));
        continue;
      }
      if (!isPlainObject(doc.value) || !Array.isArray(doc.value.item)) {
        skip(file, 'a Postman collection without requests (no item list)');
        continue;
      }
      const before = pendingTriggers.length;
      doc.value.item.forEach((item: unknown, i: number) => {
        const req = isPlainObject(item) && isPlainObject(item.request) ? item.request : undefined;
        const raw = req && isPlainObject(req.body) && typeof req.body.raw === 'string' ? req.body.raw : undefined;
        const url = req && (isPlainObject(req.url) ? req.url.raw : req.url);
        if (req?.method !== 'POST' || raw === undefined || !/processautomation\/triggers\/?$/i.test(String(url ?? '')))
          return;
        const body = tryParseJson(raw);
        if (body.ok && looksLikeTrigger(body.value))
          pendingTriggers.push({ body: body.value, file: rel(file), location: `/item/${i}/request/body/raw` });
      });
      if (pendingTriggers.length === before)
        skip(file, 'a Postman collection with no POST …/processautomation/triggers request holding a trigger');
    } else if (/\.decoded\.json$/i.test(name)) {
      skip(file, 'a decoded flow export (the .i3WorkFlow beside it is what is read)');
    } else if (/\.json$/i.test(name)) {
      const t = text(file);
      const doc = t === undefined ? undefined : tryParseJson(t);
      if (doc === undefined) continue;
      if (!doc.ok) skip(file, notJson(doc.error, t!));
      else if (looksLikeTrigger(doc.value)) pendingTriggers.push({ body: doc.value, file: rel(file), location: '' });
      else if (looksLikeAction(doc.value)) {
        const a = readAction(t!, rel(file), undefined, findings);
        if (a) actions.push(a);
      } else
        skip(file, 'JSON that is neither a trigger (no topicName) nor a data action (no config.request and contract)');
    } else if (!/\.tf(vars)?$/i.test(name)) {
      skip(file, `not a kind of file check reads (${READ_KINDS})`);
    }
  }
  for (const t of tf.triggers()) {
    for (const p of t.problems)
      findings.push({
        severity: 'error',
        file: rel(t.file),
        location: `line ${t.line}`,
        rule: 'trigger/invalid',
        message: p,
        hint: "Give the trigger's arguments values Terraform knows at plan time (variables, locals, files).",
      });
    const unresolved = unknownArguments(t.address);
    pendingTriggers.push({
      body: t.attributes,
      file: rel(t.file),
      location: `resource genesyscloud_processautomation_trigger.${t.resource} (line ${t.line})`,
      ...(t.flowFile ? { flowFile: t.flowFile } : {}),
      ...(unresolved.length > 0 ? { unresolved } : {}),
    });
  }
  // Every other problem of evaluating the Terraform (a trigger's own are its trigger/invalid findings above).
  const triggerAddresses = tf.triggers().map((t) => t.address);
  for (const d of diagnostics) {
    if (triggerAddresses.some((a) => d.construct.startsWith(a))) continue;
    // check reads Terraform as `terraform validate` does: a variable without a value stops a plan, not a check.
    const severity =
      d.severity === 'error'
        ? d.code === 'SB_TERRAFORM_VARIABLE_REQUIRED' && d.construct.startsWith('var.')
          ? 'warning'
          : 'error'
        : 'info';
    findings.push({
      severity,
      file: rel(d.path),
      location: `line ${d.line}`,
      rule: 'terraform/invalid',
      message: `${d.message} (${d.code})`,
      hint: errorCodeSpec(d.code)?.hint ?? '',
    });
  }

  for (const p of pendingTriggers) {
    const byFile = p.flowFile ? flowByFile.get(p.flowFile) : undefined;
    // A target Terraform cannot know (a flow data source that found nothing) only leaves the trigger
    // unpaired: its other arguments still decide it, and `--pair` names the workflow it starts.
    const targetUnknown = p.unresolved?.includes('target.id') === true && isPlainObject(p.body);
    const body = targetUnknown ? withUnknownTarget(p.body) : p.body;
    const unresolved = p.unresolved?.filter((u) => u !== 'target.id') ?? [];
    const target = isPlainObject(body) && isPlainObject(body.target) ? String(body.target.id ?? '') : '';
    const byName = targetUnknown ? [] : flows.filter((f) => f.name.toLowerCase() === target.toLowerCase());
    const workflow = byFile?.name ?? (byName.length === 1 ? byName[0]!.name : undefined);
    const reason = workflow
      ? undefined
      : targetUnknown
        ? 'its target id is not known (above)'
        : `its target id "${target}" names no flow of this folder`;
    const pairing = {
      workflow,
      ...(byFile ? { flowFile: byFile.file } : {}),
      ...(reason ? { unpairedReason: reason } : {}),
    };
    const loaded = readTrigger(body, p.file, p.location, pairing, findings);
    if (loaded) triggers.push(unresolved.length > 0 ? { ...loaded, unresolved } : loaded);
  }

  const terraformActions = tf.roots.flatMap((p) =>
    p.actions.flatMap((a) => {
      const file = rel(resolve(p.dir, a.file));
      const location = `resource ${a.address} (line ${a.line})`;
      const integration = p.integrations.find((i) => i.address === a.integration)?.name ?? a.category;
      const attributes = a.integrationType ? { ...a.attributes, integration_type: a.integrationType } : a.attributes;
      const own: Finding[] = [];
      const action = readAction(JSON.stringify(attributes), file, integration, own);
      // An attribute Terraform could not know is left out; its terraform/invalid error says so, and
      // what the action then lacks is not a defect of its own.
      if (action || unknownArguments(a.address).length === 0)
        findings.push(...own.map((f) => ({ ...f, location: `${location}${f.location}` })));
      const name = a.name ?? action?.name;
      return name ? [{ name, file, location, ...(action ? { action } : {}) }] : [];
    }),
  );
  const integrations: IntegrationArtifact[] = tf.integrations().map((i) => {
    const dir = dirname(i.file);
    const routes: ActionRoute[] = tf
      .actions()
      .filter((a) => a.category === i.name && !relative(dir, a.file).startsWith('..') && a.method && a.url)
      .map((a) => ({ name: a.name ?? '(unnamed)', file: rel(a.file), method: a.method!, url: a.url! }));
    return {
      name: i.name,
      file: rel(i.permissionLabels && i.tfvarsFile ? i.tfvarsFile : i.file),
      location: i.permissionLabels ? '# Permissions:' : `module "${i.module}" (line ${i.line})`,
      role: undefined,
      permissions: i.permissionLabels?.map(permissionId),
      implicit: false,
      actions: routes,
    };
  });
  if (actions.length > 0) {
    integrations.push({
      name: `(the integration of ${basename(root)})`,
      file: '.',
      location: '',
      role: undefined,
      permissions: undefined,
      implicit: true,
      actions: actions.map((a) => ({
        name: a.name,
        file: a.file,
        method: a.definition.request.requestType,
        url: a.definition.request.requestUrlTemplate,
      })),
    });
  }

  const worktypes = worktypeStatusNames(taskManagementOf(tf.roots.flatMap((p) => p.resources)));
  return {
    set: {
      root,
      kind: 'folder',
      manifest: undefined,
      actions,
      terraformActions,
      flows,
      ...(otherFlows.length > 0 ? { otherFlows } : {}),
      triggers,
      integrations,
      ...(authActions.length > 0 ? { authActions } : {}),
      ...(worktypes.length > 0 ? { worktypes } : {}),
    },
    findings,
    skipped,
  };
}
