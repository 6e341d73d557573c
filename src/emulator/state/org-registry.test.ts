import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { declareStore } from '../provider-contract.ts';
import type { OrgState } from '../provider-contract.ts';
import { OrgRegistry } from './org-registry.ts';
import { SqliteState } from './sqlite-state.ts';

const counters = declareStore<{ n: number }>('counters', () => ({ n: 0 }));
const notes = declareStore<{ text: string[] }>('notes', () => ({ text: [] }));
const seed = (org: OrgState): void => {
  org.get(counters).n = 1;
  org.touch(counters);
};

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-emu-registry-'));
  dirs.push(dir);
  return join(dir, 'state.sqlite');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A real state file whose writes are recorded. */
function recorded(path: string): {
  file: SqliteState;
  writes: { orgId: string; stores: string[]; removed: readonly string[] }[];
} {
  const file = SqliteState.open(path);
  const writes: { orgId: string; stores: string[]; removed: readonly string[] }[] = [];
  const write = file.write.bind(file);
  file.write = (orgId, stores, removed) => {
    writes.push({ orgId, stores: Object.keys(stores), removed });
    write(orgId, stores, removed);
  };
  return { file, writes };
}

/** What another connection reads from the file right now. */
function onDisk(path: string, store: string): unknown {
  const db = new Database(path, { readonly: true });
  try {
    const row = db.prepare('SELECT json FROM org_store WHERE store_name = ?').get(store) as
      { json: string } | undefined;
    return row && (JSON.parse(row.json) as unknown);
  } finally {
    db.close();
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('OrgRegistry persistence', () => {
  it('coalesces a burst of changes into one write of the dirty stores, within the delay', async () => {
    const path = tempFile();
    const { file, writes } = recorded(path);
    const orgs = new OrgRegistry(file, seed, { flushDelayMs: 20 });
    const org = orgs.get('org-1');
    writes.length = 0;
    for (let i = 0; i < 50; i++) {
      org.get(counters).n = i + 2;
      org.touch(counters);
    }
    expect(writes).toEqual([]);
    expect(onDisk(path, 'counters')).toEqual({ n: 1 });
    await sleep(80);
    expect(writes).toEqual([{ orgId: 'org-1', stores: ['counters'], removed: [] }]);
    expect(onDisk(path, 'counters')).toEqual({ n: 51 });
    orgs.close();
  });

  it('writes only the stores that changed', async () => {
    const { file, writes } = recorded(tempFile());
    const orgs = new OrgRegistry(file, seed, { flushDelayMs: 0 });
    const org = orgs.get('org-1');
    org.get(notes).text.push('a');
    org.touch(notes);
    writes.length = 0;
    org.get(notes).text.push('b');
    org.touch(notes);
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual([{ orgId: 'org-1', stores: ['notes'], removed: [] }]);
    orgs.close();
  });

  it('persist() and close() write pending changes at once', () => {
    const path = tempFile();
    const { file } = recorded(path);
    const orgs = new OrgRegistry(file, seed, { flushDelayMs: 60_000 });
    const org = orgs.get('org-1');
    org.get(counters).n = 7;
    org.touch(counters);
    orgs.persist();
    expect(onDisk(path, 'counters')).toEqual({ n: 7 });
    org.get(counters).n = 8;
    org.touch(counters);
    orgs.close();
    expect(onDisk(path, 'counters')).toEqual({ n: 8 });
    const again = new OrgRegistry(SqliteState.open(path), seed);
    expect(again.get('org-1').get(counters).n).toBe(8);
    again.close();
  });

  it('a reset deletes the rows of stores that no longer exist', () => {
    const path = tempFile();
    const orgs = new OrgRegistry(SqliteState.open(path), seed, { flushDelayMs: 60_000 });
    const org = orgs.get('org-1');
    org.get(notes).text.push('gone after reset');
    org.touch(notes);
    orgs.persist();
    expect(onDisk(path, 'notes')).toEqual({ text: ['gone after reset'] });
    orgs.reset('org-1');
    expect(onDisk(path, 'notes')).toBeUndefined();
    expect(onDisk(path, 'counters')).toEqual({ n: 1 });
    orgs.close();
  });

  it('keeps the stores dirty when a write fails, reports it, and writes them with the next flush', async () => {
    const path = tempFile();
    const { file } = recorded(path);
    const errors: unknown[] = [];
    const orgs = new OrgRegistry(file, seed, { flushDelayMs: 0, onError: (e) => errors.push(e) });
    const org = orgs.get('org-1');
    const write = file.write;
    let fail = true;
    file.write = (...args) => {
      if (fail) throw new Error('disk full');
      write(...args);
    };
    org.get(counters).n = 5;
    org.touch(counters);
    await new Promise((r) => setImmediate(r));
    expect(errors.map((e) => (e as Error).message)).toEqual(['disk full']);
    fail = false;
    await new Promise((r) => setImmediate(r));
    expect(onDisk(path, 'counters')).toEqual({ n: 5 });
    orgs.close();
  });

  it('serializes nothing for an in-memory state, while snapshots still read the live stores', async () => {
    const { file, writes } = recorded(':memory:');
    const orgs = new OrgRegistry(file, seed, { flushDelayMs: 0 });
    const org = orgs.get('org-1');
    for (let i = 0; i < 10; i++) {
      org.get(counters).n++;
      org.touch(counters);
    }
    await new Promise((r) => setImmediate(r));
    orgs.persist();
    expect(writes).toEqual([]);
    expect(orgs.snapshot().orgs['org-1']).toEqual({ counters: { n: 11 } });
    orgs.close();
  });
});
