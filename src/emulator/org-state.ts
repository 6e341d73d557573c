/**
 * @module
 * Per-org state: each provider declares its stores (`declareStore`), and an {@link OrgState} holds
 * one JSON-serializable value per store for one org (snapshot, restore and reset work on all).
 */
/**
 * A provider's declared state: a JSON-serializable value per org, created by `init` and
 * persisted by the emulator (snapshot / restore / reset work on every declared store).
 */
export interface StoreDecl<S> {
  readonly name: string;
  init(): S;
}

/** Declare a provider store. */
export function declareStore<S>(name: string, init: () => S): StoreDecl<S> {
  return { name, init };
}

/** The state of one org: one value per declared store. */
export class OrgState {
  readonly orgId: string;
  #stores = new Map<string, unknown>();
  #dirty = new Set<string>();
  readonly #changed: ((org: OrgState) => void) | undefined;

  /** `changed` is told every time a store is marked dirty (the emulator schedules a write). */
  constructor(orgId: string, changed?: (org: OrgState) => void) {
    this.orgId = orgId;
    this.#changed = changed;
  }

  /** The store's value for this org (created on first use). Call {@link touch} after mutating. */
  get<S>(decl: StoreDecl<S>): S {
    let value = this.#stores.get(decl.name);
    if (value === undefined && !this.#stores.has(decl.name)) this.#stores.set(decl.name, (value = decl.init()));
    return value as S;
  }

  /** Mark a store as changed, so it is persisted. */
  touch(decl: StoreDecl<unknown>): void {
    this.#dirty.add(decl.name);
    this.#changed?.(this);
  }

  /** Names of the stores changed since the last call (and clear the set). */
  takeDirty(): string[] {
    if (this.#dirty.size === 0) return [];
    const d = [...this.#dirty];
    this.#dirty.clear();
    return d;
  }

  /** Mark stores as changed again by name (a write that failed is retried with the next one). */
  markDirty(names: readonly string[]): void {
    for (const n of names) this.#dirty.add(n);
    if (names.length > 0) this.#changed?.(this);
  }

  /** The live value of a store by name, `undefined` when it does not exist (never created, or reset). */
  peek(name: string): unknown {
    return this.#stores.get(name);
  }

  /** A deep copy of every store. */
  snapshot(): Record<string, unknown> {
    return Object.fromEntries([...this.#stores].map(([k, v]) => [k, structuredClone(v)]));
  }

  /** Replace every store with the snapshot's values. */
  restore(snapshot: Record<string, unknown>): void {
    this.#stores = new Map(Object.entries(snapshot).map(([k, v]) => [k, structuredClone(v)]));
    this.markDirty([...this.#stores.keys()]);
  }

  /** Forget everything (stores re-initialize on next use). */
  reset(): void {
    this.markDirty([...this.#stores.keys()]);
    this.#stores.clear();
  }
}
