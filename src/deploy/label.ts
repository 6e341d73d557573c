/**
 * @module
 * How deploy marks what it creates, so that a later plan finds it and destroy removes exactly it:
 * a tag `[switchboard:<bundle>]` at the end of the object's description (a role, an OAuth client,
 * a trigger, a workflow — a workflow's tag also carries the hash of its file), in an integration's
 * configuration notes, and, for what has neither, a name derived from the bundle (credentials).
 * Data actions belong to their integration. Pure.
 */

const TAG = /\s*\[switchboard:(.+?)(?: sha256:([0-9a-f]{12,64}))?\]\s*$/;

/** A tag read back from a description. */
export interface Tag {
  readonly bundle: string;
  /** The hash of the deployed file (workflows). */
  readonly hash?: string;
  /** The description without the tag (`undefined` when nothing else was there). */
  readonly text: string | undefined;
}

/**
 * A description with the bundle's tag appended.
 * @example
 * tagged('Tags calls', 'presence-tag') // 'Tags calls [switchboard:presence-tag]'
 */
export function tagged(text: string | undefined, bundle: string, hash?: string): string {
  const tag = `[switchboard:${bundle}${hash ? ` sha256:${hash}` : ''}]`;
  const base = untagged(text);
  return base === undefined || base === '' ? tag : `${base} ${tag}`;
}

/** The tag of a description, if it has one. */
export function readTag(text: string | undefined): Tag | undefined {
  if (text === undefined) return undefined;
  const m = TAG.exec(text);
  if (!m) return undefined;
  const rest = text.slice(0, m.index);
  return { bundle: m[1]!, ...(m[2] ? { hash: m[2] } : {}), text: rest === '' ? undefined : rest };
}

/** A description without its tag. */
export function untagged(text: string | undefined): string | undefined {
  const t = readTag(text);
  return t ? t.text : text;
}

/** Whether a description carries the tag of this bundle. */
export function ownedBy(text: string | undefined, bundle: string): boolean {
  return readTag(text)?.bundle === bundle;
}

/**
 * The name of the role, the OAuth client and the credential deploy makes for an integration.
 * @example
 * accessName('presence-tag', 'Presence Tagging') // 'Switchboard presence-tag / Presence Tagging'
 */
export function accessName(bundle: string, integration: string): string {
  return `Switchboard ${bundle} / ${integration}`;
}
