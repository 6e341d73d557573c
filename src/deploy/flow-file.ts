/**
 * @module
 * The Archy YAML file a workflow is published from: the bundle's file with its substitutions
 * applied (as CX as Code's `genesyscloud_flow` does), renamed and re-bound as the manifest says,
 * and tagged in its description with the bundle and the hash of the file, so a later plan knows
 * whether the published flow is this file. Export strips the tag again. Pure.
 */
import { createHash } from 'node:crypto';
import { isMap, isScalar, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { SwitchboardError } from '../core/index.ts';
import { DeployErrors } from './errors.ts';
import { readTag, tagged } from './label.ts';

/** The hash deploy tags a workflow with: the first 16 hex digits of the file's SHA-256. */
function fileHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function parse(text: string, file: string): Document.Parsed {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) {
    throw new SwitchboardError(
      DeployErrors.SB_DEPLOY_WORKFLOW_FORMAT,
      `a workflow must be valid Archy YAML to be published; ${file}: ${doc.errors[0]!.message.split('\n')[0]}`,
      { details: { file } },
    );
  }
  const root = doc.contents;
  if (!isMap(root) || root.items.length !== 1) {
    throw new SwitchboardError(
      DeployErrors.SB_DEPLOY_WORKFLOW_FORMAT,
      `an Archy flow file holds one top-level key, the flow type; ${file} does not`,
      { details: { file } },
    );
  }
  return doc;
}

function flowKey(doc: Document.Parsed): string {
  const root = doc.contents;
  const item = isMap(root) ? root.items[0] : undefined;
  return isScalar(item?.key) ? String(item.key.value) : 'workflow';
}

/** Rename `callData` data-action references (`{ "name in the flow": "name of the action" }`). */
function rebind(doc: Document.Parsed, names: Readonly<Record<string, string>>): void {
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === 'dataAction' && isMap(pair.value)) {
          for (const ref of pair.value.items) {
            if (isScalar(ref.key) && typeof ref.key.value === 'string' && names[ref.key.value] !== undefined)
              ref.key.value = names[ref.key.value];
          }
        }
        visit(pair.value);
      }
    } else if (
      node &&
      typeof node === 'object' &&
      'items' in node &&
      Array.isArray((node as { items: unknown[] }).items)
    ) {
      for (const item of (node as { items: unknown[] }).items) visit(item);
    }
  };
  visit(doc.contents);
}

/** What {@link prepareFlowFile} produces. */
export interface PreparedFlowFile {
  /** The file to upload, tagged. */
  readonly content: string;
  /** The hash of the file before tagging (what the tag carries). */
  readonly hash: string;
  readonly name: string;
}

/**
 * The file to publish: `text` (substitutions already applied) with the flow named `name`,
 * data actions re-bound, and the bundle's tag in its description.
 * @example
 * prepareFlowFile(yaml, { file: 'w.yaml', bundle: 'presence-tag', name: 'Tag Call' }).content
 */
export function prepareFlowFile(
  text: string,
  options: { file: string; bundle: string; name?: string; rebind?: Readonly<Record<string, string>> },
): PreparedFlowFile {
  const doc = parse(text, options.file);
  const key = flowKey(doc);
  if (options.name !== undefined && doc.getIn([key, 'name']) !== options.name) doc.setIn([key, 'name'], options.name);
  if (options.rebind && Object.keys(options.rebind).length > 0) rebind(doc, options.rebind);
  const plain = doc.toString();
  const hash = fileHash(plain);
  const description = doc.getIn([key, 'description']);
  doc.setIn(
    [key, 'description'],
    tagged(typeof description === 'string' ? description : undefined, options.bundle, hash),
  );
  const name = doc.getIn([key, 'name']);
  return { content: doc.toString(), hash, name: typeof name === 'string' ? name : '' };
}

/**
 * A published file as the bundle had it: the tag taken out of the description (the key removed
 * when the tag was all of it). The tag is returned too.
 * @example
 * untagFlowFile(downloaded).content
 */
export function untagFlowFile(text: string, file = 'flow'): { content: string; tag: ReturnType<typeof readTag> } {
  const doc = parse(text, file);
  const key = flowKey(doc);
  const description = doc.getIn([key, 'description']);
  const tag = typeof description === 'string' ? readTag(description) : undefined;
  if (!tag) return { content: text, tag: undefined };
  if (tag.text === undefined) doc.deleteIn([key, 'description']);
  else doc.setIn([key, 'description'], tag.text);
  return { content: doc.toString(), tag };
}
