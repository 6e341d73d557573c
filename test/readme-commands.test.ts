// The README's Usage block is a promise: every `npx switchboard …` line runs as written from the
// repository's root and does what its comment says (`# "text", exit N`, or `# until Ctrl+C: "text"`
// for a command that serves). Each line runs here as its own process, through a shell as a reader
// would type it, with `npx switchboard` replaced by this checkout's bin; the commands that serve are
// given free ports (`--port 0`), waited for, and stopped with SIGTERM. They run side by side in a
// scratch folder that links examples/, except that a command reading a store (`--db x`) waits for
// the command that serves on that store to have recorded a run and stopped.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'switchboard.mjs');

/** One command of the Usage block and what its comment promises. */
interface ReadmeCommand {
  readonly line: string;
  readonly command: string;
  readonly prints: string;
  /** The exit code; undefined for a command that serves until Ctrl+C (then SIGTERM → 0). */
  readonly exit: number | undefined;
  readonly serves: boolean;
  readonly db: string | undefined;
}

const ANNOTATED = /^(npx switchboard\b.*?)\s+#\s+(until Ctrl\+C:\s+)?"([^"]+)"(?:,\s+exit\s+(\d))?\s*$/;

/** The `npx switchboard` lines of the first code block of the README's Usage section. */
function usageCommands(readme: string): { commands: ReadmeCommand[]; unannotated: string[] } {
  const usage = /^## Usage\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(usage)?.[1] ?? '';
  const commands: ReadmeCommand[] = [];
  const unannotated: string[] = [];
  for (const raw of block.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('npx switchboard')) continue;
    const m = ANNOTATED.exec(line);
    if (!m || (m[2] === undefined) === (m[4] === undefined)) {
      unannotated.push(line);
      continue;
    }
    commands.push({
      line,
      command: m[1]!,
      prints: m[3]!,
      exit: m[4] === undefined ? undefined : Number(m[4]),
      serves: m[2] !== undefined,
      db: /--db\s+(\S+)/.exec(m[1]!)?.[1],
    });
  }
  return { commands, unannotated };
}

/** Free ports for a serving command: every port option becomes 0, and missing ones are added. */
function withFreePorts(command: string): string {
  let c = command.replace(/--port\s+\d+/, '--port 0').replace(/--api-port\s+\d+/, '--api-port 0');
  if (!/--port\s/.test(c)) c += ' --port 0';
  if (/^npx switchboard (start|up)\b/.test(c) && !/--api-port\s/.test(c)) c += ' --api-port 0';
  return c;
}

interface Ran {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
  readonly problem?: string;
}

const scratch = mkdtempSync(join(tmpdir(), 'sb-readme-'));
symlinkSync(join(ROOT, 'examples'), join(scratch, 'examples'), 'dir');

function run(c: ReadmeCommand): { done: Promise<Ran>; output: () => string; stop: () => void } {
  const command = (c.serves ? withFreePorts(c.command) : c.command).replace(
    /^npx switchboard\b/,
    `'${process.execPath}' '${BIN}'`,
  );
  // `exec`: the shell becomes the command, so SIGTERM reaches switchboard itself.
  const child = spawn('/bin/sh', ['-c', `exec ${command}`], {
    cwd: scratch,
    env: { ...process.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const done = new Promise<Ran>((r) => child.on('exit', (code, signal) => r({ code, signal, output })));
  return { done, output: () => output, stop: () => void child.kill('SIGTERM') };
}

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, ms: number): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Completed runs so far, from the runtime API a serving command printed. */
async function runsCompleted(output: string): Promise<number> {
  const health = /runtime API\s+(http:\/\/\S+)\/api\/health/.exec(output)?.[1];
  if (!health) return 0;
  const res = await fetch(`${health}/api/stats`).catch(() => undefined);
  return res?.ok ? ((await res.json()) as { runsCompleted: number }).runsCompleted : 0;
}

async function serve(c: ReadmeCommand): Promise<Ran> {
  const p = run(c);
  const exited = p.done.then((r) => ({ ...r, problem: 'it exited before it served' }));
  const served = until(() => (p.output().includes(c.prints) ? true : undefined), 60_000);
  const first = await Promise.race([served, exited]);
  if (first !== true) {
    p.stop();
    return first === undefined ? { ...(await p.done), problem: `"${c.prints}" did not appear within 60 s` } : first;
  }
  // A store a later command reads must hold a run by the time this one stops.
  if (c.db && !(await until(async () => ((await runsCompleted(p.output())) > 0 ? true : undefined), 45_000))) {
    p.stop();
    return { ...(await p.done), problem: 'no run completed within 45 s' };
  }
  p.stop();
  return p.done;
}

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const { commands, unannotated } = usageCommands(readme);
const results = new Map<string, Ran>();

/** Run `task` when one of `slots` is free: the machine's cores, not a pile of processes thrashing. */
function limiter(slots: number): <T>(task: () => Promise<T>) => Promise<T> {
  let free = slots;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (free === 0) await new Promise<void>((r) => waiting.push(r));
    else free--;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}

beforeAll(async () => {
  const slot = limiter(Math.max(2, availableParallelism()));
  const serving = new Map<string, Promise<Ran>>();
  const pending: Array<Promise<void>> = [];
  for (const c of commands.filter((x) => x.serves)) {
    const p = serve(c);
    if (c.db) serving.set(c.db, p);
    pending.push(p.then((r) => void results.set(c.line, r)));
  }
  // A command that waits on a call first, so its idle seconds overlap the others' work.
  const quick = commands
    .filter((x) => !x.serves)
    .sort((a, b) => Number(/--wait\b/.test(b.command)) - Number(/--wait\b/.test(a.command)));
  for (const c of quick) {
    const before = c.db ? serving.get(c.db) : undefined;
    pending.push(
      (async () => {
        await before;
        results.set(c.line, await slot(() => run(c).done));
      })(),
    );
  }
  await Promise.all(pending);
}, 180_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('README Usage commands', () => {
  it('every command line says what it prints and how it exits, and there are commands of each kind', () => {
    expect(unannotated).toEqual([]);
    expect(commands.length).toBeGreaterThanOrEqual(12);
    for (const name of ['start', 'emulator', 'up'])
      expect(commands.some((c) => c.serves && c.command.startsWith(`npx switchboard ${name} `))).toBe(true);
    for (const name of ['demo', 'trigger test', 'action test', 'flow run', 'check', 'runs', 'call'])
      expect(commands.some((c) => c.command.startsWith(`npx switchboard ${name} `))).toBe(true);
  });

  it.each(commands.map((c) => [c.line, c] as const))('%s', (_line, c) => {
    const r = results.get(c.line)!;
    const shown = `\n--- output of: ${c.command}\n${r.output}`;
    expect(r.problem, shown).toBeUndefined();
    expect(r.output, shown).toContain(c.prints);
    if (c.serves) {
      expect(r.code, shown).toBe(0);
      expect(r.output, shown).toMatch(/stopped \(SIGTERM\)/);
    } else expect(r.code, shown).toBe(c.exit);
    // A person reads these: no JSON log record on a command's output unless it asked for JSON.
    if (!/--json\b|--log-format json/.test(c.command)) expect(r.output, shown).not.toMatch(/^\{"level":/m);
  });
});
