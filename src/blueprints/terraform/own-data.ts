/**
 * @module
 * A `data "genesyscloud_*"` source that names an object the project itself creates resolves to
 * that resource: Terraform reads such a data source after the resource it depends on is created,
 * when the org has it. The match is by resource type and by the name the resource will have,
 * evaluated (a flow's comes from its Archy file, an integration's from its `config`, a user's is
 * the email); only what no resource of the project matches is looked up in the target org.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { importFlowFile, substitute } from '../../architect/index.ts';
import { isPlainObject, stripBom } from '../../core/index.ts';
import { TfEvalError } from './errors.ts';
import { ModuleInstance, syntheticId } from './module.ts';
import type { DataRequest, ResourceDecl } from './module.ts';
import { LazyObject, Unknown, materialize, numberText } from './values.ts';
import type { TfValue } from './values.ts';

/** How a data source type finds its resource: the resource type and the name a resource instance will have. */
interface OwnMatch {
  readonly resource: string;
  /** The data source argument compared (`name`, or `email` for users). */
  readonly by: 'name' | 'email';
  /** The name (or email) of an instance, evaluated; undefined when it is not known. */
  readonly nameOf: (inst: LazyObject, root: string) => string | undefined;
  /** Further conditions on the instance (a webhook is an integration of type `webhook`). */
  readonly also?: (inst: LazyObject, req: DataRequest, root: string) => boolean;
}

const attr = (inst: LazyObject, name: string): unknown => {
  const v = inst.get(name);
  return v === undefined ? undefined : materialize(v);
};
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const configName = (inst: LazyObject): string | undefined => {
  const config = attr(inst, 'config');
  const b = Array.isArray(config) ? (config[0] as unknown) : config;
  return isPlainObject(b) ? str(b.name) : undefined;
};

const byName: OwnMatch = { resource: '', by: 'name', nameOf: (inst) => str(attr(inst, 'name')) };

const SPECIAL: Record<string, OwnMatch> = {
  genesyscloud_flow: {
    resource: 'genesyscloud_flow',
    by: 'name',
    nameOf: (inst, root) => flowIdentity(inst, root)?.name,
    also: (inst, req, root) =>
      typeof req.attributes.type !== 'string' ||
      flowIdentity(inst, root)?.type.toLowerCase() === req.attributes.type.toLowerCase(),
  },
  genesyscloud_integration: { resource: 'genesyscloud_integration', by: 'name', nameOf: configName },
  genesyscloud_integration_webhook: {
    resource: 'genesyscloud_integration',
    by: 'name',
    nameOf: configName,
    also: (inst) => attr(inst, 'integration_type') === 'webhook',
  },
  genesyscloud_user: { resource: 'genesyscloud_user', by: 'email', nameOf: (inst) => str(attr(inst, 'email')) },
};

/** The name and type (`workflow`, `inboundCall`, …) the Archy file of a `genesyscloud_flow` gives the flow. */
function flowIdentity(inst: LazyObject, root: string): { name: string; type: string } | undefined {
  const filepath = str(attr(inst, 'filepath'));
  if (filepath === undefined) return undefined;
  const file = resolve(root, filepath);
  if (!existsSync(file)) return undefined;
  const subs = attr(inst, 'substitutions');
  const params: Record<string, string> = {};
  if (isPlainObject(subs))
    for (const [k, v] of Object.entries(subs))
      if (typeof v === 'string' || typeof v === 'boolean') params[k] = String(v);
      else if (typeof v === 'number') params[k] = numberText(v);
  const text = stripBom(readFileSync(file, 'utf8'));
  try {
    if (/\.i3workflow$/i.test(file)) {
      const flow = importFlowFile(basename(file), text, { validate: false });
      return { name: flow.name, type: 'workflow' };
    }
    const doc: unknown = parseYaml(substitute(text, params, file));
    const [type, body] = isPlainObject(doc) ? (Object.entries(doc)[0] ?? []) : [];
    return type !== undefined && isPlainObject(body) && typeof body.name === 'string'
      ? { name: body.name, type }
      : undefined;
  } catch {
    // A flow file that does not read gives no name; the flow's own load reports why.
    return undefined;
  }
}

/** Every module instance of the project, the root first (children made as Terraform would). */
function moduleInstances(m: ModuleInstance, out: ModuleInstance[] = [], depth = 0): ModuleInstance[] {
  out.push(m);
  if (depth > 16) return out;
  for (const name of m.calls.keys()) {
    let child: ReturnType<ModuleInstance['child']>;
    try {
      child = m.child(name);
    } catch (e) {
      if (!(e instanceof TfEvalError)) throw e;
      continue;
    }
    const list = child instanceof ModuleInstance ? [child] : child instanceof Map ? [...child.values()] : [];
    for (const c of list) moduleInstances(c, out, depth + 1);
  }
  return out;
}

/** The data source's value from the resource: its id, its arguments, ids computed from the resource's. */
function valueFrom(req: DataRequest, address: string, inst: LazyObject): LazyObject {
  const declared = new Set(inst.keys());
  const args = req.attributes as Readonly<Record<string, TfValue>>;
  return new LazyObject(
    () => [...new Set(['id', ...Object.keys(args), ...declared])],
    (k) => {
      if (k === 'id') return inst.get('id');
      if (Object.hasOwn(args, k)) return args[k];
      if (declared.has(k)) return inst.get(k);
      if (k.endsWith('_id')) return syntheticId(address, k);
      return new Unknown(`${req.address}.${k} (known once ${address} is created)`);
    },
  );
}

/**
 * A resolver of data sources against the project's own resources: the value of the resource
 * instance a `data "genesyscloud_*"` source names, or undefined when none does.
 * @example
 * loader.ownData = ownDataResolver(rootModule);
 */
export function ownDataResolver(root: ModuleInstance): (req: DataRequest) => TfValue | undefined {
  const resolving = new Set<string>();
  return (req) => {
    const match = SPECIAL[req.type] ?? { ...byName, resource: req.type };
    const wanted = req.attributes[match.by];
    if (typeof wanted !== 'string' || wanted.trim() === '') return undefined;
    if (resolving.has(req.address))
      // Naming a resource needs this data source: Terraform reads it before that resource.
      throw new TfEvalError('SB_TERRAFORM_CYCLE', `Cycle: ${req.address} → ${req.address}`, '.', 1, req.address);
    resolving.add(req.address);
    try {
      for (const m of moduleInstances(root)) {
        for (const decl of m.resources.values()) {
          if (decl.type !== match.resource) continue;
          const found = matching(m, decl, req, match, wanted);
          if (found) return found;
        }
      }
      return undefined;
    } finally {
      resolving.delete(req.address);
    }
  };
}

function matching(
  m: ModuleInstance,
  decl: ResourceDecl,
  req: DataRequest,
  match: OwnMatch,
  wanted: string,
): LazyObject | undefined {
  try {
    const keys = m.instanceKeys(decl.block.body, decl.file, m.address(decl, undefined));
    if (keys instanceof Unknown) return undefined;
    for (const key of keys.keys ?? [undefined]) {
      const inst = m.instance(decl, key, keys.each.get(String(key)));
      if (!(inst instanceof LazyObject)) continue;
      const name = match.nameOf(inst, m.host.root);
      if (name === undefined || name.toLowerCase() !== wanted.toLowerCase()) continue;
      if (match.also && !match.also(inst, req, m.host.root)) continue;
      return valueFrom(req, m.address(decl, key), inst);
    }
  } catch (e) {
    // A resource whose name cannot be evaluated (here) is not the one; its own evaluation reports why.
    if (!(e instanceof TfEvalError)) throw e;
  }
  return undefined;
}
