import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock, seededIds } from '../../core/index.ts';
import { openSqliteStore } from '../../store/index.ts';
import { createWorker, defineWorkflow, runUntilIdle } from '../../workflows/index.ts';
import type { ActionInvoker, RunDetail, RunSummary } from '../../workflows/index.ts';
import { DEFAULT_DB_PATH, formatDuration, listRunsCommand, showRunCommand } from './runs.ts';

/** `runs --json`: the store read and its runs. */
interface RunList {
  store: { path: string; default: boolean };
  entities: RunSummary[];
}

const BIN = resolve(import.meta.dirname, '../../../bin/switchboard.mjs');
const dir = mkdtempSync(join(tmpdir(), 'sb-runs-'));
const db = join(dir, 'history.sqlite');
const ids: Record<string, string> = {};

beforeAll(async () => {
  const store = openSqliteStore({ path: db });
  const clock = new VirtualClock(Date.UTC(2026, 0, 5, 9));
  const invoker: ActionInvoker = async (name, input) => ({
    status: 'success',
    outputs: { priority: 5 },
    trace: { request: { method: 'GET', url: `/api/v2/${name}` }, input },
  });
  const callback = defineWorkflow({ name: 'callback' }, async ({ input, step }) => {
    const r = await step.action('Get Priority', input as Record<string, unknown>);
    await step.sleep('wait', '5m');
    return { priority: r.outputs.priority };
  });
  const broken = defineWorkflow({ name: 'broken' }, async ({ step }) =>
    step.run('parse', () => JSON.parse('{oops') as unknown),
  );
  const parked = defineWorkflow({ name: 'parked' }, async ({ step }) => step.sleep('long', '2h'));
  const worker = createWorker({ store, workflows: [callback, broken, parked], invoker, clock, ids: seededIds(7) });
  ids.ok = (await worker.enqueue('callback', { conversationId: 'c-1' })).id;
  ids.bad = (await worker.enqueue('broken', {})).id;
  await runUntilIdle(clock, worker);
  ids.waiting = (await worker.enqueue('parked', {})).id;
  await worker.idle();
  await worker.stop();
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('switchboard runs', () => {
  it('lists runs newest first as JSON, filtered by flow and status', async () => {
    const listed = JSON.parse((await listRunsCommand({ db, json: true })).stdout) as RunList;
    expect(listed.store).toEqual({ path: db, default: false });
    const all = listed.entities;
    // parked started 5 minutes after the other two, which share a creation time.
    expect(all[0]?.flow).toBe('parked');
    expect(all.map((r) => r.flow).sort()).toEqual(['broken', 'callback', 'parked']);
    const failed = await listRunsCommand({ db, json: true, status: 'failed' });
    expect((JSON.parse(failed.stdout) as RunList).entities.map((r) => [r.id, r.error?.code])).toEqual([
      [ids.bad, 'SB_WORKFLOW_STEP_FAILED'],
    ]);
    const byFlow = (JSON.parse((await listRunsCommand({ db, json: true, flow: 'callback' })).stdout) as RunList)
      .entities;
    expect(byFlow).toMatchObject([
      { id: ids.ok, status: 'completed', durationMs: 300_000, attempts: 2, exitReason: 'completed' },
    ]);
  });

  it('prints a table with status, duration and why each run ended or when it wakes', async () => {
    const { exitCode, stdout } = await listRunsCommand({ db });
    expect(exitCode).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(`runs in ${db}`);
    expect(lines[1]).toMatch(/^ID\s+FLOW\s+STATUS\s+STARTED\s+DURATION\s+EXIT$/);
    expect(lines.find((l) => l.startsWith(ids.ok!))).toMatch(
      /callback\s+completed\s+2026-01-05T09:00:00.000Z\s+5m 0s\s+completed/,
    );
    expect(lines.find((l) => l.startsWith(ids.bad!))).toMatch(/broken\s+failed.*failed SB_WORKFLOW_STEP_FAILED/);
    expect(lines.find((l) => l.startsWith(ids.waiting!))).toMatch(/parked\s+waiting.*wakes 2026-01-05T11:05:00.000Z/);
  });

  it('shows one run with every step: input, output, duration, path and data-action trace', async () => {
    const json = JSON.parse((await showRunCommand(ids.ok!, { db, json: true })).stdout) as RunDetail;
    expect(json).toMatchObject({ status: 'completed', input: { conversationId: 'c-1' }, output: { priority: 5 } });
    expect(json.steps).toMatchObject([
      {
        stepId: 'Get Priority',
        kind: 'action',
        path: 'success',
        input: { conversationId: 'c-1' },
        output: { status: 'success', outputs: { priority: 5 } },
        trace: { request: { url: '/api/v2/Get Priority' } },
        durationMs: 0,
      },
      { stepId: 'wait', kind: 'sleep', input: { ms: 300_000 }, durationMs: 300_000 },
    ]);
    const text = (await showRunCommand(ids.ok!, { db })).stdout;
    expect(text).toContain('status    completed (exit reason: completed)');
    expect(text).toContain('#1  action  Get Priority  success  0 ms');
    expect(text).toContain('#2  sleep   wait  ok  5m 0s');
    expect(text).toContain('trace   {"request":{"method":"GET"');
  });

  it('says why a run failed and where a waiting run waits', async () => {
    const bad = (await showRunCommand(ids.bad!, { db })).stdout;
    expect(bad).toMatch(/error {5}SB_WORKFLOW_STEP_FAILED: step "parse" threw: .*JSON.* \(step "parse"\)/);
    const waiting = (await showRunCommand(ids.waiting!, { db })).stdout;
    expect(waiting).toContain('waiting   in step "long" until 2026-01-05T11:05:00.000Z');
  });

  it('exits 1 for an unknown run and 2 for a bad status, through the real CLI', async () => {
    const run = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
      try {
        const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args]);
        return { code: 0, stdout, stderr };
      } catch (e) {
        return e as { code: number; stdout: string; stderr: string };
      }
    };
    const missing = await run(['runs', 'show', 'nope', '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no run "nope"');
    const badStatus = await run(['runs', '--status', 'done', '--db', db]);
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toContain(
      '--status must be one of pending, running, waiting, completed, failed, cancelled; got "done"',
    );
    const listed = await run(['runs', '--db', db, '--flow', 'broken', '--json']);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as RunList).entities.map((r) => r.id)).toEqual([ids.bad]);
    // The options follow `show`, as its help says: they must reach it, not only the parent `runs`.
    const shown = await run(['runs', 'show', ids.ok!, '--db', db, '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    expect((JSON.parse(shown.stdout) as RunDetail).id).toBe(ids.ok);
    const before = await run(['runs', '--db', db, 'show', ids.ok!]);
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).toContain(`run ${ids.ok}`);
  });

  it('a --db that does not exist is an error naming the path and how runs are kept (exit 2), not an empty history', async () => {
    const typo = join(dir, 'typo.sqlite');
    for (const outcome of [await listRunsCommand({ db: typo }), await showRunCommand('x', { db: typo })]) {
      expect(outcome.exitCode).toBe(2);
      expect(outcome.stdout).toBe('');
      expect(outcome.stderr).toContain(
        `error SB_STORE_NOT_FOUND: the run store to read must exist; ${typo} (--db) does not`,
      );
      expect(outcome.stderr).toMatch(/hint: .*--db <file>/);
    }
    const json = await listRunsCommand({ db: typo, json: true });
    expect(JSON.parse(json.stdout)).toMatchObject({
      error: { code: 'SB_STORE_NOT_FOUND', details: { path: typo, option: '--db' } },
    });
    expect(existsSync(typo)).toBe(false);
  });

  it('without --db, says which default store it read (or that there is none) and how to keep runs', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'sb-runs-cwd-'));
    try {
      const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
      const none = run(['runs']);
      expect(none.status).toBe(2);
      expect(none.stderr).toContain(
        `error SB_STORE_NOT_FOUND: the run store to read must exist; no --db was given and the default ${DEFAULT_DB_PATH} does not exist`,
      );
      expect(none.stderr).toContain('switchboard start --db <file>');
      mkdirSync(join(cwd, '.switchboard'));
      copyFileSync(db, join(cwd, DEFAULT_DB_PATH));
      const found = run(['runs']);
      expect(found.status, found.stderr).toBe(0);
      expect(found.stdout.split('\n')[0]).toBe(
        `runs in ${DEFAULT_DB_PATH} (the default; start and up keep runs only when given --db <file>)`,
      );
      const json = JSON.parse(run(['runs', '--json']).stdout) as RunList;
      expect(json.store).toEqual({ path: DEFAULT_DB_PATH, default: true });
      expect(json.entities).toHaveLength(3);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('formats durations for people', () => {
    expect([850, 1500, 65_000, 3_723_000].map(formatDuration)).toEqual(['850 ms', '1.50 s', '1m 5s', '1h 2m 3s']);
  });
});

describe('switchboard runs: failed steps', () => {
  it('tells a run that completed after a failed data action apart, in text and JSON, and filters on it', async () => {
    const own = join(dir, 'failed-steps.sqlite');
    const store = openSqliteStore({ path: own });
    const clock = new VirtualClock(Date.UTC(2026, 0, 5, 9));
    const invoker: ActionInvoker = async (name) =>
      name === 'Set Tag' ? { status: 'failure', outputs: { status: 503 } } : { status: 'success', outputs: {} };
    const tagging = defineWorkflow({ name: 'tagging' }, async ({ step }) => {
      await step.action('Get State');
      const tag = await step.action('Set Tag');
      return { tagged: tag.status === 'success' };
    });
    const clean = defineWorkflow({ name: 'clean' }, async ({ step }) => step.action('Get State'));
    const worker = createWorker({ store, workflows: [tagging, clean], invoker, clock, ids: seededIds(11) });
    const degraded = (await worker.enqueue('tagging', { conversationId: 'conv-tagged' })).id;
    const fine = (await worker.enqueue('clean', {})).id;
    await runUntilIdle(clock, worker);
    await worker.stop();
    await store.close();

    const listed = (JSON.parse((await listRunsCommand({ db: own, json: true })).stdout) as RunList).entities;
    expect(listed.map((r) => [r.id, r.status, r.failedSteps])).toEqual(
      expect.arrayContaining([
        [degraded, 'completed', 1],
        [fine, 'completed', 0],
      ]),
    );
    const text = (await listRunsCommand({ db: own })).stdout;
    expect(text.split('\n').find((l) => l.startsWith(degraded))).toMatch(/tagging\s+completed, 1 failed step\s/);
    expect(text.split('\n').find((l) => l.startsWith(fine))).toMatch(/clean\s+completed\s/);
    const only = (JSON.parse((await listRunsCommand({ db: own, json: true, failedSteps: true })).stdout) as RunList)
      .entities;
    expect(only.map((r) => r.id)).toEqual([degraded]);
    // --search: the runs a run id or a conversation id names.
    for (const q of ['conv-tagged', fine]) {
      const found = (JSON.parse((await listRunsCommand({ db: own, json: true, search: q })).stdout) as RunList)
        .entities;
      expect(found.map((r) => r.id)).toEqual([q === fine ? fine : degraded]);
    }
    expect((await showRunCommand(degraded, { db: own })).stdout).toContain('status    completed, 1 failed step');
  });
});

describe('switchboard runs: retried steps and the failed-steps filter', () => {
  it('filters runs with failed steps before --limit, in text and JSON, and shows each retried try', async () => {
    const own = join(dir, 'retried.sqlite');
    const store = openSqliteStore({ path: own });
    const clock = new VirtualClock(Date.UTC(2026, 0, 6, 9));
    const unavailable = {
      status: 'failure' as const,
      outputs: {},
      error: { code: 'SB_ACTION_REMOTE_ERROR', message: 'HTTP 503' },
      transient: { kind: '5xx' as const, status: 503 },
    };
    let calls = 0;
    // The first run's tag fails three times (exhausted), the second's once then passes.
    const invoker: ActionInvoker = async () =>
      ++calls <= 3 || calls === 4 ? unavailable : { status: 'success', outputs: {} };
    const tagging = defineWorkflow(
      { name: 'tagging' },
      async ({ step }) =>
        (await step.action('Set Tag', {}, { retry: { attempts: 3, backoff: { initialMs: 1000 } } })).status,
    );
    const worker = createWorker({ store, workflows: [tagging], invoker, clock, ids: seededIds(12) });
    const exhausted = (await worker.enqueue('tagging', {})).id;
    await runUntilIdle(clock, worker);
    const recovered = (await worker.enqueue('tagging', {})).id;
    await runUntilIdle(clock, worker);
    await worker.stop();
    await store.close();

    // The newest run is clean: with --limit 1 the filter still finds the older, degraded one.
    const only = (
      JSON.parse((await listRunsCommand({ db: own, json: true, failedSteps: true, limit: '1' })).stdout) as RunList
    ).entities;
    expect(only.map((r) => [r.id, r.status, r.failedSteps, r.failedStepIds])).toEqual([
      [exhausted, 'completed', 1, ['Set Tag']],
    ]);
    const cli = await promisify(execFile)(process.execPath, [
      BIN,
      'runs',
      '--db',
      own,
      '--failed-steps',
      '--limit',
      '1',
    ]);
    expect(cli.stdout).toMatch(new RegExp(`${exhausted}\\s+tagging\\s+completed, 1 failed step\\s`));
    expect(cli.stdout).not.toContain(recovered);

    const shown = (await showRunCommand(exhausted, { db: own })).stdout;
    expect(shown).toContain('status    completed, 1 failed step');
    expect(shown).toMatch(/#1 {2}attempt {2}Set Tag@1 {2}failure .* retried on HTTP 503 after 1\.00 s/);
    expect(shown).toMatch(/#1 {2}attempt {2}Set Tag@2 {2}failure .* retried on HTTP 503 after 2\.00 s/);
    expect(shown).toMatch(/#1 {2}action {2}Set Tag {2}failure .* after 3 attempts/);
    const clean = (await showRunCommand(recovered, { db: own })).stdout;
    expect(clean).toContain('status    completed (exit reason: completed)\n');
    expect(clean).toMatch(/#1 {2}action {2}Set Tag {2}success .* after 2 attempts/);
  });
});
