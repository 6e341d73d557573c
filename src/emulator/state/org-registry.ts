/**
 * @module
 * Every org's state, loaded from the state file on first use, seeded when new, and written back
 * store by store when marked dirty. Snapshot, restore and reset work on all declared stores.
 *
 * Durability: a change is written within `flushDelayMs` of its `touch` (one write per burst of
 * changes, each dirty store serialized once), on {@link OrgRegistry.persist} and on close; reset
 * and restore are written at once. The emulator is a test double: a crash may lose the last
 * `flushDelayMs` of changes, never leave a half-written store. With `':memory:'` nothing is ever
 * read back, so nothing is serialized (snapshots read the live state).
 */
import { SwitchboardError, isPlainObject } from '../../core/index.ts';
import { OrgState } from '../provider-contract.ts';
import type { PersistedOrgs, SqliteState } from './sqlite-state.ts';

/** Fills a fresh org with its initial data. */
export type OrgSeeder = (org: OrgState) => void;

/** How dirty state is written. */
export interface PersistOptions {
  /** Coalescing window: a change is written at most this long after it (default 500 ms; 0 = next turn of the event loop). */
  readonly flushDelayMs?: number;
  /** Told when a scheduled write fails (the stores stay dirty and are retried with the next change or on close). */
  readonly onError?: (error: unknown) => void;
  /**
   * Told just before orgs' state is replaced wholesale by a reset or a valid restore, with their
   * ids (so what runs on the old state, such as simulator timers, can be stopped first).
   */
  readonly onReplace?: (orgIds: readonly string[]) => void;
}

/**
 * The default coalescing window of state writes, ms. A write serializes each dirty store whole
 * (5,000 simulated conversations are ~5 MB, ~35 ms), so under load it runs at most twice a second.
 */
const DEFAULT_FLUSH_DELAY_MS = 500;

/** The JSON document of {@link OrgRegistry.snapshot}. */
export interface StateSnapshot {
  readonly format: 'switchboard-emulator-state';
  readonly version: 1;
  readonly orgs: Record<string, Record<string, unknown>>;
}

/**
 * The orgs of one emulator and their persistence.
 * @example
 * const orgs = new OrgRegistry(SqliteState.open(':memory:'), seedDemo);
 * const org = orgs.get(orgId); // seeded on first use
 */
export class OrgRegistry {
  readonly #file: SqliteState;
  readonly #seed: OrgSeeder;
  readonly #orgs = new Map<string, OrgState>();
  readonly #persisted: PersistedOrgs;
  readonly #durable: boolean;
  readonly #delayMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #onReplace: (orgIds: readonly string[]) => void;
  readonly #changed: () => void;
  #timer: ReturnType<typeof setTimeout> | ReturnType<typeof setImmediate> | undefined;
  #closed = false;

  constructor(file: SqliteState, seed: OrgSeeder, options: PersistOptions = {}) {
    this.#file = file;
    this.#seed = seed;
    this.#durable = file.path !== ':memory:';
    this.#delayMs = Math.max(0, options.flushDelayMs ?? DEFAULT_FLUSH_DELAY_MS);
    this.#onError = options.onError ?? (() => undefined);
    this.#onReplace = options.onReplace ?? (() => undefined);
    this.#changed = this.#durable ? () => this.#schedule() : () => undefined;
    this.#persisted = file.load();
  }

  /** An org's state: loaded from the file, or seeded (and written) if the file has none. */
  get(orgId: string): OrgState {
    let org = this.#orgs.get(orgId);
    if (org) return org;
    org = new OrgState(orgId, this.#changed);
    this.#orgs.set(orgId, org);
    const saved = this.#persisted.get(orgId);
    if (saved) {
      this.#persisted.delete(orgId);
      org.restore(saved);
      org.takeDirty();
    } else {
      this.#seed(org);
      this.persist(orgId);
    }
    return org;
  }

  /** Write the dirty stores of one org (or of every loaded org) now. */
  persist(orgId?: string): void {
    if (orgId === undefined) this.#cancel();
    const orgs = orgId === undefined ? this.#orgs.values() : [this.#orgs.get(orgId)].filter((o) => o !== undefined);
    for (const org of orgs) {
      const dirty = org.takeDirty();
      if (dirty.length === 0 || !this.#durable) continue;
      const write: Record<string, unknown> = {};
      const removed: string[] = [];
      for (const name of dirty) {
        const value = org.peek(name);
        if (value === undefined) removed.push(name);
        else write[name] = value;
      }
      try {
        this.#file.write(org.orgId, write, removed);
      } catch (e) {
        org.markDirty(dirty);
        throw e;
      }
    }
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#closed) return;
    const flush = (): void => {
      this.#timer = undefined;
      try {
        this.persist();
      } catch (e) {
        this.#onError(e);
      }
    };
    if (this.#delayMs === 0) this.#timer = setImmediate(flush);
    else this.#timer = setTimeout(flush, this.#delayMs);
    // A pending write never keeps the process alive: close() writes what is left.
    this.#timer.unref();
  }

  #cancel(): void {
    if (this.#timer === undefined) return;
    if (this.#delayMs === 0) clearImmediate(this.#timer as ReturnType<typeof setImmediate>);
    else clearTimeout(this.#timer as ReturnType<typeof setTimeout>);
    this.#timer = undefined;
  }

  /** Put an org back to its seed (every store, including other providers', starts over). */
  reset(orgId: string): void {
    const org = this.get(orgId);
    this.#onReplace([orgId]);
    org.reset();
    this.#seed(org);
    this.persist(orgId);
  }

  /** Every loaded org's stores as one JSON document. */
  snapshot(): StateSnapshot {
    const orgs: Record<string, Record<string, unknown>> = {};
    for (const [id, org] of this.#orgs) orgs[id] = org.snapshot();
    return { format: 'switchboard-emulator-state', version: 1, orgs };
  }

  /**
   * Replace the state with a snapshot (validated first, so a bad one changes nothing); loaded orgs
   * missing from it become empty. Throws `SB_EMULATOR_STATE` naming the problem.
   */
  restore(snapshot: unknown): void {
    const snap = validateSnapshot(snapshot);
    this.#onReplace([...new Set([...Object.keys(snap.orgs), ...this.#orgs.keys()])]);
    for (const [id, stores] of Object.entries(snap.orgs)) {
      const org = this.get(id);
      // reset() first marks the stores the snapshot lacks as dirty, so their rows are deleted.
      org.reset();
      org.restore(stores);
    }
    for (const [id, org] of this.#orgs) if (!(id in snap.orgs)) org.reset();
    this.persist();
  }

  /** Persist and close the file (idempotent). */
  close(): void {
    if (this.#closed) return;
    try {
      this.persist();
    } finally {
      this.#closed = true;
      this.#file.close();
    }
  }
}

function validateSnapshot(s: unknown): StateSnapshot {
  const fail = (problem: string): never => {
    throw new SwitchboardError(
      'SB_EMULATOR_STATE',
      `a state snapshot must be {format: "switchboard-emulator-state", version: 1, orgs: {<orgId>: {<store>: value}}}; ${problem}`,
    );
  };
  if (!isPlainObject(s)) return fail(`snapshot is ${Array.isArray(s) ? 'an array' : typeof s}`);
  if (s.format !== 'switchboard-emulator-state') fail(`format is ${JSON.stringify(s.format)}`);
  if (s.version !== 1) fail(`version is ${JSON.stringify(s.version)}`);
  if (!isPlainObject(s.orgs)) return fail('orgs is not an object');
  for (const [id, stores] of Object.entries(s.orgs)) if (!isPlainObject(stores)) fail(`orgs.${id} is not an object`);
  return s as unknown as StateSnapshot;
}
