// A throwaway Postgres cluster for tests: initdb into a temporary folder, pg_ctl start on a free
// port (Unix socket in the same folder), stop and delete on `stop()`. initdb refuses to run as
// root, so under root the cluster runs as the `postgres` user when one exists.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.ts';

/** A running throwaway cluster. */
export interface PostgresCluster {
  /** A connection URL for the superuser's `postgres` database. */
  readonly url: string;
  /** Create a fresh database and return its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stop the cluster and delete its folder. */
  stop(): void;
}

/** Where initdb and pg_ctl live: the newest /usr/lib/postgresql/<v>/bin, else PATH. Throws naming what is missing. */
function postgresBinaries(): { initdb: string; pgCtl: string } {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const v of versions) {
    const bin = join(root, v, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl')))
      return { initdb: join(bin, 'initdb'), pgCtl: join(bin, 'pg_ctl') };
  }
  const which = (name: string): string | undefined => {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      return undefined;
    }
  };
  const initdb = which('initdb');
  const pgCtl = which('pg_ctl');
  if (!initdb || !pgCtl) {
    const missing = [!initdb && 'initdb', !pgCtl && 'pg_ctl'].filter(Boolean).join(', ');
    throw new Error(
      `Postgres tests need the PostgreSQL server binaries; missing: ${missing} (not in /usr/lib/postgresql/*/bin nor on PATH). Install them (Debian: apt-get install postgresql).`,
    );
  }
  return { initdb, pgCtl };
}

/** The uid/gid to run the cluster as: ourselves, or `postgres` when we are root. */
function clusterUser(): { name: string; uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { name: 'postgres', uid, gid };
  } catch {
    throw new Error(
      'Postgres tests run as root need a `postgres` user to own the throwaway cluster (initdb refuses root); create one or run the tests as another user.',
    );
  }
}

/** Start a throwaway cluster. Call `stop()` when done (e.g. in afterAll). */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bins = postgresBinaries();
  const user = clusterUser();
  const dir = mkdtempSync(join(tmpdir(), 'sb-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const run = (cmd: string, args: string[]): string => {
    const [file, argv] = user ? ['runuser', ['-u', user.name, '--', cmd, ...args]] : [cmd, args];
    return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  };
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chmodSync(dir, 0o700);
  }
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, 'switchboard\n');
  if (user) chownSync(pwfile, user.uid, user.gid);
  let started = false;
  try {
    run(bins.initdb, [
      '-D',
      data,
      '-U',
      'switchboard',
      '--pwfile',
      pwfile,
      '-A',
      'scram-sha-256',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale',
      'C',
    ]);
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    run(bins.pgCtl, ['-D', data, '-l', join(dir, 'log'), '-o', opts, '-w', '-t', '60', 'start']);
    started = true;
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const err = e as { stderr?: string; message: string };
    throw new Error(`could not start a throwaway Postgres cluster: ${err.stderr || err.message}`);
  }
  const base = `postgres://switchboard:switchboard@127.0.0.1:${port}`;
  return {
    url: `${base}/postgres`,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: `${base}/postgres` });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      } finally {
        await client.end();
      }
      return `${base}/${name}`;
    },
    stop() {
      if (started) {
        try {
          run(bins.pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
        } catch {
          // Already stopped.
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
