/**
 * @module
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever commit
 * crosses the threshold, and with `synchronous = NORMAL` it syncs the WAL and the database file:
 * a few milliseconds of blocked event loop every ~1,000 pages written. A worker thread with its
 * own connection runs `PRAGMA wal_checkpoint(PASSIVE)` instead, which never blocks the writer.
 * The main connection keeps a large automatic threshold as a backstop, so the WAL stays bounded
 * even if the thread dies; closing the store (the last connection) checkpoints what is left.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The main connection's automatic checkpoint threshold while a background checkpointer runs (pages). */
export const BACKSTOP_AUTOCHECKPOINT_PAGES = 20_000;

/** A running background checkpointer. */
export interface Checkpointer {
  /** Stop the thread (after its current checkpoint) and close its connection. */
  stop(): Promise<void>;
}

// Plain CommonJS, evaluated in the worker: no transpiler needed in the thread.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // A busy or locked database: the next tick tries again.
  }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Start checkpointing the WAL of `path` every `intervalMs` in a worker thread. `onExit` is told
 * when the thread ends without being stopped (the caller then lowers its automatic threshold).
 * @example
 * const cp = startCheckpointer('.switchboard/switchboard.sqlite', 100, () => db.pragma('wal_autocheckpoint = 1000'));
 * await cp.stop();
 */
export function startCheckpointer(path: string, intervalMs: number, onExit: (error?: unknown) => void): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(SOURCE, { eval: true, workerData: { path, intervalMs, driver } });
  worker.unref();
  let stopping = false;
  let reported = false;
  const died = (error?: unknown): void => {
    if (stopping || reported) return;
    reported = true;
    onExit(error);
  };
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      died();
      resolve();
    });
  });
  worker.on('error', died);
  return {
    async stop() {
      stopping = true;
      // Held while stopping, so the caller's await keeps the process alive until the thread is done.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
