import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmulator } from '../emulator/index.ts';
import { createGenesysClient } from '../genesys/index.ts';
import { loadCommandFolder, loadCommandFolderFor, parsePairs } from './folder-input.ts';

const EXAMPLE = resolve(import.meta.dirname, '../../examples/terraform');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The Terraform example, its tag taken from a queue a data source names. */
function projectNamingQueue(queue: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-folder-data-'));
  dirs.push(dir);
  cpSync(EXAMPLE, dir, { recursive: true });
  const main = readFileSync(join(dir, 'main.tf'), 'utf8').replace(
    'external_tag         = "No queue"',
    'external_tag         = data.genesyscloud_routing_queue.callbacks.id',
  );
  writeFileSync(
    join(dir, 'main.tf'),
    `${main}\ndata "genesyscloud_routing_queue" "callbacks" {\n  name = ${JSON.stringify(queue)}\n}\n`,
  );
  return dir;
}

describe('loadCommandFolderFor: data sources looked up in the target', () => {
  it('on an emulator, creates the queue a data source names and it lacks, and the flow gets its id', async () => {
    const emu = createEmulator({ seed: 'demo', statePath: ':memory:', rateLimitPerMinute: 0 });
    try {
      const gc = createGenesysClient({ baseUrl: 'http://emulator.local', ...emu.admin, fetch: emu.fetch });
      const printed: string[] = [];
      const bundle = await loadCommandFolderFor(
        projectNamingQueue('Callbacks Queue'),
        { var: ['oauth_credential_id=cred-1'] },
        { fetch: gc.fetch, emulator: true },
        (t) => printed.push(t),
      );
      const listing = await gc.get<{ entities: { id: string; name: string }[] }>(
        '/api/v2/routing/queues?name=Callbacks%20Queue',
      );
      const queue = listing.entities.find((q) => q.name === 'Callbacks Queue');
      expect(queue).toBeDefined();
      expect(printed.join('')).toContain(
        'created in the emulator: routing_queue "Callbacks Queue" (data.genesyscloud_routing_queue.callbacks names it)',
      );
      expect(JSON.stringify(bundle.workflows[0]!.flow)).toContain(queue!.id);
      expect(bundle.triggers.map((t) => t.workflow)).toEqual(['Tag Calls Without Queue']);
    } finally {
      await emu.close();
    }
  });

  it('an existing queue is found by name and nothing is created; on a real org a missing one is reported, not created', async () => {
    const emu = createEmulator({ seed: 'demo', statePath: ':memory:', rateLimitPerMinute: 0 });
    try {
      const gc = createGenesysClient({ baseUrl: 'http://emulator.local', ...emu.admin, fetch: emu.fetch });
      const printed: string[] = [];
      const before = (await gc.get<{ total: number }>('/api/v2/routing/queues')).total;
      await loadCommandFolderFor(
        projectNamingQueue('Support'),
        { var: ['oauth_credential_id=cred-1'] },
        { fetch: gc.fetch, emulator: true },
        (t) => printed.push(t),
      );
      expect(printed.join('')).not.toContain('created in the emulator');
      // As a real org: not created; the flow that needs it is left out, with the reason.
      const err = await loadCommandFolderFor(
        projectNamingQueue('No Such Queue'),
        { var: ['oauth_credential_id=cred-1'] },
        { fetch: gc.fetch, emulator: false },
        (t) => printed.push(t),
      ).catch((e: unknown) => e);
      expect(String((err as Error).message)).toContain('data.genesyscloud_routing_queue.callbacks found nothing');
      expect((await gc.get<{ total: number }>('/api/v2/routing/queues')).total).toBe(before);
    } finally {
      await emu.close();
    }
  });
});

describe('--write-manifest', () => {
  it('saves the inferred bundle and says where; on a folder with a manifest it writes nothing and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-folder-write-'));
    dirs.push(dir);
    const bundleDir = resolve(EXAMPLE, '../bundle');
    for (const f of ['set-external-tag.custom.json', 'tag-calls-without-queue.yaml', 'trigger.json'])
      copyFileSync(join(bundleDir, f), join(dir, f));
    const printed: string[] = [];
    loadCommandFolder(dir, { writeManifest: true }, (t) => printed.push(t));
    expect(printed.join('')).toContain(`wrote ${join(dir, 'switchboard.json')}`);
    expect(existsSync(join(dir, 'switchboard.json'))).toBe(true);
    const again: string[] = [];
    loadCommandFolder(dir, { writeManifest: true }, (t) => again.push(t));
    expect(again.join('')).toContain('has a switchboard.json already; --write-manifest wrote nothing');
  });
});

describe('--pair', () => {
  it('reads <trigger>=<workflow> (names with spaces and "=" in the workflow kept), and refuses a value without both', () => {
    expect(parsePairs(undefined)).toBeUndefined();
    expect(parsePairs(['Agent joins conversation = Set Zoom: on a call', 'A=b=c'])).toEqual({
      'Agent joins conversation': 'Set Zoom: on a call',
      A: 'b=c',
    });
    expect(() => parsePairs(['no-equals'])).toThrow(
      expect.objectContaining({
        code: 'SB_INPUT_INVALID',
        message: expect.stringContaining('--pair must be <trigger name>=<workflow name>; got "no-equals"'),
      }),
    );
    expect(() => parsePairs(['=wf'])).toThrow(/--pair must be/);
    expect(() => parsePairs(['trigger='])).toThrow(/--pair must be/);
  });
});
