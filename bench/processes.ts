/**
 * @module
 * Switchboard commands as separate processes, for the benches and the chaos harness that measure
 * the deployed shape: spawn the compiled CLI, wait for a line of its output, free ports, and the
 * resident memory of a process.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as netServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/switchboard.mjs');

/** A port free on the loopback interface at the time of asking. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = netServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => res(port));
    });
  });
}

/** Wait `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A started `switchboard` process and the tail of what it printed. */
export interface Proc {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<void>;
}

/** Start `switchboard <args>` (the compiled CLI: run `npm run build` first). */
export function start(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, SWITCHBOARD_LOG_LEVEL: 'warn', ...env },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  return { child, output: () => out, exited };
}

/** Wait until the process printed `text`; throw with its output when it exits or `ms` pass first. */
export async function until(what: string, proc: Proc, text: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!proc.output().includes(text)) {
    if (Date.now() > deadline || proc.child.exitCode !== null)
      throw new Error(`${what} did not start: ${proc.output().slice(-2000)}`);
    await sleep(50);
  }
}

/** A process's resident set size in bytes (Linux `/proc`), or undefined where there is none. */
export function rssOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
