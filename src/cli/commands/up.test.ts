// `switchboard up <dir>` as a user runs it: a bundle folder written here (a switchboard.json and the
// published "terminate calls with no queue" files copied beside it), a child process running it
// against an emulator this test serves on a real port (`--target`), a simulated call, the run
// read back from the runtime API, the emulator's state and, after SIGTERM, the SQLite store.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { blueprintPath } from '../../../test/support/shared.ts';
import { DEMO, createEmulator } from '../../emulator/index.ts';
import type { Emulator } from '../../emulator/index.ts';

const BIN = resolve(import.meta.dirname, '../../../bin/switchboard.mjs');
const EXPORTS = ['terminate-voice-calls-with-no-queue', 'main', 'exports'];
const FLOW = 'Terminate Outbound Call Missing Queue';

interface Child {
  readonly child: ChildProcessWithoutNullStreams;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function start(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Child {
  const env: NodeJS.ProcessEnv = { ...process.env, SWITCHBOARD_LOG_LEVEL: 'warn', ...extraEnv };
  const child = spawn(process.execPath, [BIN, ...args], { env });
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let all = '';
  child.stdout.on('data', (d: Buffer) => (all += d.toString()));
  child.stderr.on('data', (d: Buffer) => (all += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => all, exited };
}

function collect(args: string[]): Promise<{ code: number | null; stdout: string }> {
  const { child, exited } = start(args);
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  return exited.then((code) => ({ code, stdout }));
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A bundle of the published Terminate flow, its two data actions and the Terraform trigger's values. */
function writeBundle(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-up-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  for (const f of ['Disconnect-Voice-Call.custom.json', 'Put-Conversation-Tag.custom.json', `${FLOW}.i3WorkFlow`])
    copyFileSync(blueprintPath(...EXPORTS, f), join(dir, f));
  const manifest = {
    name: 'no-queue-calls',
    title: 'Terminate calls placed without a queue',
    integrations: [
      {
        name: 'Terminate Outbound Conversations With No Queue ID',
        permissions: ['Conversation > Communication > Disconnect', 'Conversation > ExternalTag > Edit'],
        actions: ['Disconnect-Voice-Call.custom.json', 'Put-Conversation-Tag.custom.json'],
      },
    ],
    workflows: [{ file: `${FLOW}.i3WorkFlow` }],
    triggers: [
      {
        inline: {
          name: FLOW,
          topicName: 'v2.detail.events.conversation.{id}.user.start',
          enabled: true,
          target: { id: FLOW, type: 'Workflow' },
          matchCriteria: [{ jsonPath: 'queueId', operator: 'Exists', value: false }],
        },
        workflow: FLOW,
      },
    ],
  };
  writeFileSync(join(dir, 'switchboard.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

async function served(): Promise<{ emu: Emulator; url: string }> {
  const emu = createEmulator({ rateLimitPerMinute: 0 });
  cleanups.push(() => emu.close());
  const { url } = await emu.listen(0, '127.0.0.1');
  return { emu, url };
}

interface RunSummary {
  id: string;
  flow: string;
  status: string;
}

describe('switchboard up', () => {
  it('runs a bundle against an emulator URL: a no-queue call fires the trigger and is terminated; SIGTERM stops it cleanly', async () => {
    const { emu, url } = await served();
    const dir = writeBundle();
    const db = join(dir, 'runs.sqlite');
    const up = start(['up', dir, '--target', url, '--api-port', '0', '--db', db]);
    const [, api] = await until(
      'the runtime API URL',
      () => up.output().match(/runtime API\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/health/) ?? undefined,
    );
    expect(up.output()).toContain(`Switchboard is running bundle "no-queue-calls" (${dir}).`);
    expect(up.output()).toContain(`triggers      ${FLOW} → ${FLOW}`);
    expect(up.output()).toContain(`target        emulator ${url}`);

    const withQueue = emu.simulator.placeCall({
      fromUserId: DEMO.users.alice,
      to: { phoneNumber: '+13175550100' },
      queueId: DEMO.queues.support,
    });
    const noQueue = emu.simulator.placeCall({ fromUserId: DEMO.users.bob, to: { phoneNumber: '+13175550100' } });
    const runs = await until('a completed run', async () => {
      const list = ((await (await fetch(`${api}/api/runs`)).json()) as { entities: RunSummary[] }).entities;
      return list.some((r) => r.status === 'completed') ? list : undefined;
    });
    expect(runs.map((r) => [r.flow, r.status])).toEqual([[FLOW, 'completed']]);
    const detail = (await (await fetch(`${api}/api/runs/${runs[0]!.id}`)).json()) as {
      steps: { name: string; path?: string }[];
    };
    expect(detail.steps.map((s) => [s.name, s.path])).toEqual([
      ['Disconnect Voice Call', 'success'],
      ['Put Conversation Tag', 'success'],
    ]);

    const auth = { headers: { Authorization: `Bearer ${emu.adminToken()}` } };
    const state = async (id: string) =>
      (await (await emu.fetch(`/api/v2/analytics/conversations/${id}/details`, auth)).json()) as {
        externalTag?: string;
        conversationEnd?: string;
      };
    expect(await state(noQueue.id)).toMatchObject({ externalTag: 'No Queue', conversationEnd: expect.any(String) });
    const queued = await state(withQueue.id);
    expect([queued.externalTag, queued.conversationEnd]).toEqual([undefined, undefined]);

    up.child.kill('SIGTERM');
    expect(await up.exited).toBe(0);
    expect(up.output()).toContain('switchboard stopped (SIGTERM)');

    // The run outlives the process: it is in the SQLite store given with --db.
    const history = await collect(['runs', '--db', db, '--json']);
    expect(history.code).toBe(0);
    expect(
      (JSON.parse(history.stdout) as { entities: RunSummary[] }).entities.map((r) => [r.id, r.flow, r.status]),
    ).toEqual([[runs[0]!.id, FLOW, 'completed']]);
  });

  it('--org: the OAuth client secret never reaches a console answer, even inside a pushed event', async () => {
    const secret = 'org-client-secret-of-the-up-test-0123456789';
    const emu = createEmulator({ rateLimitPerMinute: 0, adminClient: { id: 'up-org-client', secret } });
    cleanups.push(() => emu.close());
    const { url } = await emu.listen(0, '127.0.0.1');
    const up = start(['up', writeBundle(), '--org', '--api-port', '0'], {
      GENESYSCLOUD_API_URL: url,
      GENESYSCLOUD_OAUTHCLIENT_ID: 'up-org-client',
      GENESYSCLOUD_OAUTHCLIENT_SECRET: secret,
    });
    const [, api] = await until(
      'the runtime API URL',
      () => up.output().match(/runtime API\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/health/) ?? undefined,
    );
    // A relay that copies the secret into an event (carelessly) must not make the console show it.
    const conversationId = '5ec2e700-0000-4000-8000-0000000000aa';
    const pushed = await fetch(`${api}/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        topicName: `v2.detail.events.conversation.${conversationId}.user.start`,
        eventBody: { conversationId, note: secret, queueId: DEMO.queues.sales },
      }),
    });
    expect(pushed.status).toBe(202);
    const recent = await (await fetch(`${api}/api/events/recent?conversationId=${conversationId}`)).text();
    expect(recent).toContain(conversationId);
    expect(recent).not.toContain(secret);
    up.child.kill('SIGTERM');
    expect(await up.exited).toBe(0);
  });

  it('a port in use is a coded error naming the option, not a stack trace (--port and --api-port)', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => busy.close(() => r())));
    const port = String((busy.address() as AddressInfo).port);
    for (const [option, args] of [
      ['--port', ['--port', port, '--api-port', '0']],
      ['--api-port', ['--port', '0', '--api-port', port]],
    ] as const) {
      const up = start(['up', writeBundle(), ...args]);
      expect(await up.exited, option).toBe(2);
      expect(up.output()).toContain(`error SB_INPUT_INVALID: ${option} ${port} on 127.0.0.1 cannot be served: `);
      expect(up.output()).toContain('EADDRINUSE');
      expect(up.output()).not.toMatch(/^\s+at /m);
      expect(up.output()).not.toContain('Switchboard is running');
    }
  });

  it('refuses a folder without a bundle manifest (exit 2) before starting anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-up-empty-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const up = start(['up', dir, '--api-port', '0']);
    expect(await up.exited).toBe(2);
    expect(up.output()).toMatch(/error SB_BLUEPRINTS_/);
    expect(up.output()).not.toContain('Switchboard is running');
  });
});
