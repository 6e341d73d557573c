// The command line on a Postgres database (real processes, a throwaway cluster): `up --db
// postgres://…` and a second `up` given the same database in SWITCHBOARD_DATABASE_URL share one
// history; `runs` and `runs show` read it; the password never appears in a banner, a log line, a
// console answer, a runs header or an error.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/free-port.ts';
import { startPostgresCluster } from './support/postgres-cluster.ts';
import type { PostgresCluster } from './support/postgres-cluster.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = resolve(ROOT, 'bin/switchboard.mjs');
const PASSWORD = 'Kq7vPz3mWx9t';
const WRONG = 'Nope4Wrong8Pw';

let cluster: PostgresCluster;
const cleanups: (() => Promise<void> | void)[] = [];
beforeAll(async () => {
  cluster = await startPostgresCluster();
}, 120_000);
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  cluster?.stop();
});

/** A database owned by a role whose password is {@link PASSWORD}. */
async function database(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(
    `DO $$ BEGIN CREATE ROLE sbapp LOGIN PASSWORD '${PASSWORD}'; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
  );
  await admin.query(`CREATE DATABASE ${name} OWNER sbapp`);
  await admin.end();
  const url = new URL(cluster.url);
  url.username = 'sbapp';
  url.password = PASSWORD;
  url.pathname = `/${name}`;
  return url.toString();
}

interface Child {
  readonly child: ChildProcessWithoutNullStreams;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): Child {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, SWITCHBOARD_DATABASE_URL: '', ...env },
  });
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let all = '';
  child.stdout.on('data', (d: Buffer) => (all += d.toString()));
  child.stderr.on('data', (d: Buffer) => (all += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => all, exited };
}

async function finished(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; output: string }> {
  const c = run(args, env);
  const code = await c.exited;
  return { code, output: c.output() };
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the command line on Postgres', () => {
  it('up --db postgres:// and SWITCHBOARD_DATABASE_URL share one history, read by runs and runs show, never showing the password', async () => {
    const url = await database('cli_shared');
    const [port1, api1, port2, api2] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const first = run([
      'up',
      'examples/bundle',
      '--db',
      url,
      '--port',
      String(port1),
      '--api-port',
      String(api1),
      '--log-level',
      'debug',
      '--log-format',
      'json',
    ]);
    const second = run(
      ['up', 'examples/bundle', '--port', String(port2), '--api-port', String(api2), '--log-level', 'debug'],
      { SWITCHBOARD_DATABASE_URL: url },
    );
    await until('both processes to serve', () =>
      first.output().includes('Press Ctrl+C') && second.output().includes('Press Ctrl+C') ? true : undefined,
    );
    for (const c of [first, second]) {
      expect(c.output()).toMatch(
        /store +postgres:\/\/sbapp:\*\*\*@127\.0\.0\.1:\d+\/cli_shared \(Postgres, shared by every process on it\)/,
      );
    }

    // An event pushed to the first process starts a run; the second process's console shows it.
    const body = JSON.parse(readFileSync(resolve(ROOT, 'examples/events/user-start-no-queue.json'), 'utf8')) as {
      conversationId: string;
    };
    const event = {
      topicName: `v2.detail.events.conversation.${body.conversationId}.user.start`,
      version: '2',
      eventBody: body,
      metadata: { CorrelationId: 'cli-pg-1' },
    };
    const pushed = await fetch(`http://127.0.0.1:${api1}/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(event),
    });
    expect(pushed.status).toBe(202);
    const answers: string[] = [];
    const get = async (api: number, path: string): Promise<string> => {
      const text = await (await fetch(`http://127.0.0.1:${api}${path}`)).text();
      answers.push(text);
      return text;
    };
    const runId = await until('the run to complete in the shared history', async () => {
      const runs = JSON.parse(await get(api2, '/api/runs')) as
        { entities?: { id: string; status: string }[] } | { id: string; status: string }[];
      const list = Array.isArray(runs) ? runs : (runs.entities ?? []);
      return list.find((r) => r.status === 'completed')?.id;
    });
    for (const path of [
      '/api/health',
      '/api/stats',
      '/api/bundles',
      `/api/runs/${runId}`,
      '/api/events?order=desc',
      '/api/triggers',
      '/api/check',
    ]) {
      await get(api1, path);
      await get(api2, path);
    }
    expect(answers.join('\n')).toContain(runId);

    // runs and runs show read the same database, by --db or by the environment.
    const list = await finished(['runs', '--db', url]);
    expect(list.code).toBe(0);
    expect(list.output).toMatch(/^runs in postgres:\/\/sbapp:\*\*\*@127\.0\.0\.1:\d+\/cli_shared\n/);
    expect(list.output).toContain(runId);
    const json = await finished(['runs', '--json'], { SWITCHBOARD_DATABASE_URL: url });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.output)).toMatchObject({
      store: { path: expect.stringContaining('sbapp:***@'), default: false, postgres: true },
      entities: [{ id: runId, status: 'completed' }],
    });
    const show = await finished(['runs', 'show', runId], { SWITCHBOARD_DATABASE_URL: url });
    expect(show.code).toBe(0);
    expect(show.output).toContain(`run ${runId}`);
    const missing = await finished(['runs', 'show', 'no-such-run', '--db', url]);
    expect(missing.code).toBe(1);
    expect(missing.output).toMatch(/no run "no-such-run" in postgres:\/\/sbapp:\*\*\*@/);

    // A refused password: exit 2 with the coded, retryable error, the URL shown redacted.
    const wrong = url.replace(PASSWORD, WRONG);
    const refused = await finished(['runs', '--db', wrong]);
    expect(refused.code).toBe(2);
    expect(refused.output).toContain('SB_STORE_POSTGRES_UNAVAILABLE');
    expect(refused.output).toContain('sbapp:***@');
    const upRefused = await finished(
      ['up', 'examples/bundle', '--port', String(await freePort()), '--api-port', String(await freePort())],
      { SWITCHBOARD_DATABASE_URL: wrong },
    );
    expect(upRefused.code).not.toBe(0);
    expect(upRefused.output).toContain('SB_STORE_POSTGRES_UNAVAILABLE');
    const bad = await finished(['runs'], { SWITCHBOARD_DATABASE_URL: 'runs.sqlite' });
    expect(bad.code).toBe(2);
    expect(bad.output).toContain('SWITCHBOARD_DATABASE_URL must be a postgres://');

    first.child.kill('SIGTERM');
    second.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(await second.exited).toBe(0);
    // The first process logged at debug level in JSON: its lines are there, the password is not.
    expect(first.output()).toContain('"level":');
    const everything = [
      first.output(),
      second.output(),
      answers.join('\n'),
      list.output,
      json.output,
      show.output,
      missing.output,
      refused.output,
      upRefused.output,
    ].join('\n');
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(WRONG);
  }, 180_000);

  it('start --db postgres:// opens and migrates the database and shows it without the password', async () => {
    const url = await database('cli_start');
    const [port, api] = [await freePort(), await freePort()];
    const start = run([
      'start',
      '--no-scenario',
      '--db',
      url,
      '--port',
      String(port),
      '--api-port',
      String(api),
      '--log-level',
      'debug',
    ]);
    await until('start to serve', () => (start.output().includes('Press Ctrl+C') ? true : undefined));
    expect(start.output()).toMatch(
      /store +postgres:\/\/sbapp:\*\*\*@127\.0\.0\.1:\d+\/cli_start \(Postgres, shared by every process on it\)/,
    );
    const health = await (await fetch(`http://127.0.0.1:${api}/api/health`)).text();
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const { rows } = await db.query<{ version: number }>('SELECT MAX(version) AS version FROM schema_migrations');
    await db.end();
    expect(rows[0]!.version).toBeGreaterThanOrEqual(2);
    start.child.kill('SIGTERM');
    expect(await start.exited).toBe(0);
    expect(`${start.output()}\n${health}`).not.toContain(PASSWORD);
  }, 120_000);

  it('up --api-host off loopback: processes behind a load balancer share SWITCHBOARD_API_TOKEN, events without it are refused', async () => {
    const url = await database('cli_balanced');
    const TOKEN = 'tok-4f9c2e7a1b3d5f60';
    const apis = [await freePort(), await freePort()];
    const procs: Child[] = [];
    for (const api of apis) {
      procs.push(
        run(
          [
            'up',
            'examples/bundle',
            '--port',
            String(await freePort()),
            '--api-port',
            String(api),
            '--api-host',
            '0.0.0.0',
          ],
          { SWITCHBOARD_DATABASE_URL: url, SWITCHBOARD_API_TOKEN: TOKEN },
        ),
      );
    }
    await until('both processes to serve', () =>
      procs.every((p) => p.output().includes('Press Ctrl+C')) ? true : undefined,
    );
    for (const p of procs) {
      expect(p.output()).toContain('(token: SWITCHBOARD_API_TOKEN)');
      expect(p.output()).not.toContain(TOKEN);
    }
    const body = JSON.parse(readFileSync(resolve(ROOT, 'examples/events/user-start-no-queue.json'), 'utf8')) as {
      conversationId: string;
    };
    const event = (i: number): string =>
      JSON.stringify({
        topicName: `v2.detail.events.conversation.${body.conversationId}.user.start`,
        version: '2',
        eventBody: body,
        metadata: { CorrelationId: `balanced-${i}` },
      });
    const post = (api: number, i: number, headers: Record<string, string> = {}): Promise<Response> =>
      fetch(`http://127.0.0.1:${api}/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: event(i),
      });
    const refused = await post(apis[0]!, 0);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    for (const [i, api] of apis.entries())
      expect((await post(api, i + 1, { 'X-Switchboard-Token': TOKEN })).status).toBe(202);
    const runs = await until('a run per accepted event in the shared history', async () => {
      const list = await finished(['runs', '--json'], { SWITCHBOARD_DATABASE_URL: url });
      const entities = (JSON.parse(list.output) as { entities: { status: string }[] }).entities;
      return entities.length === 2 && entities.every((r) => r.status === 'completed') ? entities : undefined;
    });
    expect(runs).toHaveLength(2);
    for (const p of procs) p.child.kill('SIGTERM');
    for (const p of procs) expect(await p.exited).toBe(0);
  }, 120_000);
});
