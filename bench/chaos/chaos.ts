/**
 * `npm run chaos`: the emulator and the runtime as separate processes, a counting proxy between
 * them, a stream of no-queue PSTN calls (the terminate-no-queue solution disconnects and tags each),
 * the runtime SIGKILLed and restarted again and again, optional injected 5xx on the data-action
 * routes, and a verdict read from what the emulator applied, what the runtime recorded and how each
 * call ended. Prints a table (`--json` for JSON); exits 1 when anything was lost, repeated, missing
 * or stuck.
 *
 * Options: --kills N (20), --duration S (60), --rate calls/s (2), --faults share (0: the share of
 * POST/PUT requests to conversation routes answered 503, half of them after being applied),
 * --bursts429 (every 5 s the next two of those requests answer 429 with Retry-After 1), --hangs
 * (every 20 s those requests hang for 2 s until the caller gives up), --restart-emulator (restart the emulator on its state file
 * once, mid-run), --short (3 kills, 30 s), --json.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROOT, freePort, sleep, start, until } from '../processes.ts';
import { held, tally } from './tally.ts';
import type { SeenCall, SeenRequest, SeenRun } from './tally.ts';

const BOB = 'b0b00000-0000-4000-8000-000000000002';
const PSTN = '+13175550100';
const TAG = 'No Queue';

interface Options {
  kills: number;
  durationS: number;
  rate: number;
  faults: number;
  bursts: boolean;
  hangs: boolean;
  restartEmulator: boolean;
  json: boolean;
}

const ROUTES = [
  ['POST', '/api/v2/conversations/*/disconnect'],
  ['PUT', '/api/v2/conversations/*/tags'],
] as const;

function options(argv: readonly string[]): Options {
  const o: Options = {
    kills: 20,
    durationS: 60,
    rate: 2,
    faults: 0,
    bursts: false,
    hangs: false,
    restartEmulator: false,
    json: false,
  };
  const num = (i: number, name: string, min: number, max: number): number => {
    const n = Number(argv[i + 1]);
    if (!Number.isFinite(n) || n < min || n > max)
      throw new Error(`${name} must be a number from ${min} to ${max}; got ${JSON.stringify(argv[i + 1])}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--short') Object.assign(o, { kills: 3, durationS: 30 });
    else if (a === '--kills') o.kills = num(i++, a, 0, 1000);
    else if (a === '--duration') o.durationS = num(i++, a, 5, 3600);
    else if (a === '--rate') o.rate = num(i++, a, 0.1, 100);
    else if (a === '--faults') o.faults = num(i++, a, 0, 0.9);
    else if (a === '--restart-emulator') o.restartEmulator = true;
    else if (a === '--hangs') o.hangs = true;
    else if (a === '--bursts429') o.bursts = true;
    else if (a === '--json') o.json = true;
    else throw new Error(`unknown option ${a}; see the header of bench/chaos/chaos.ts`);
  }
  return o;
}

/** The counting proxy between the runtime and the emulator: forwards everything, remembers each mutating request's answer. */
function proxy(target: () => string, seen: SeenRequest[]): Promise<{ server: Server; url: string }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(
          ([k, v]) => typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k),
        ),
      ) as Record<string, string>;
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      fetch(`${target()}${req.url}`, {
        method: req.method,
        headers,
        ...(body && req.method !== 'GET' ? { body } : {}),
        signal: AbortSignal.timeout(60_000),
      }).then(
        async (answer) => {
          const text = Buffer.from(await answer.arrayBuffer());
          if (req.method !== 'GET' && req.url?.startsWith('/api/v2/'))
            seen.push({
              method: req.method!,
              path: req.url,
              status: answer.status,
              replayed: answer.headers.get('idempotent-replayed') === 'true',
            });
          const out: Record<string, string> = {};
          answer.headers.forEach((v, k) => {
            if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(k)) out[k] = v;
          });
          res.writeHead(answer.status, out).end(text);
        },
        () => res.writeHead(502).end(),
      );
    });
  });
  return new Promise((r) =>
    server.listen(0, '127.0.0.1', () =>
      r({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the emulator's answers, read field by field
async function json(url: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-chaos-'));
  const stops: (() => void)[] = [];
  try {
    // The solution, with a retry policy for the injected failures.
    const bundle = join(dir, 'bundle');
    cpSync(join(ROOT, 'solutions/terminate-no-queue'), bundle, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(bundle, 'switchboard.json'), 'utf8'));
    // Wide enough to outlast an emulator restart (about 30 s of tries).
    manifest.retry = {
      attempts: 10,
      backoff: { initialMs: 500, maxMs: 5000, factor: 2 },
      honourRetryAfter: true,
      on: [429, '5xx', 'timeout'],
    };
    writeFileSync(join(bundle, 'switchboard.json'), JSON.stringify(manifest, null, 2));

    const emuPort = await freePort();
    const emuUrl = `http://127.0.0.1:${emuPort}`;
    const emuArgs = [
      'emulator',
      '--port',
      String(emuPort),
      '--state',
      join(dir, 'emulator.sqlite'),
      '--rate-limit',
      '0',
      '--admin-client',
      'chaos-admin:chaos-secret',
    ];
    let emulator = start(emuArgs);
    stops.push(() => emulator.child.kill('SIGKILL'));
    await until('the emulator', emulator, 'GENESYSCLOUD_OAUTHCLIENT_SECRET');
    const seen: SeenRequest[] = [];
    const px = await proxy(() => emuUrl, seen);
    stops.push(() => px.server.close());
    // Fault rules live in the emulator's memory: installed again after it restarts.
    const installFaults = async (): Promise<void> => {
      if (o.faults === 0) return;
      for (const [method, path] of ROUTES) {
        for (const after of [false, true]) {
          const r = await json(`${emuUrl}/_switchboard/faults`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
              method,
              path,
              errorRate: o.faults / 2,
              errorStatus: 503,
              errorAfterProcessing: after,
            }),
          });
          if (r.status !== 201)
            throw new Error(`the emulator refused the fault rule: ${r.status} ${JSON.stringify(r.body)}`);
        }
      }
    };
    await installFaults();

    const apiPort = await freePort();
    const runtimeArgs = [
      'up',
      bundle,
      '--target',
      px.url,
      '--db',
      join(dir, 'runs.sqlite'),
      '--api-port',
      String(apiPort),
    ];
    let runtime = start(runtimeArgs);
    stops.push(() => runtime.child.kill('SIGKILL'));
    await until('the runtime', runtime, 'Switchboard is running');

    const conversations: string[] = [];
    const started = Date.now();
    const end = started + o.durationS * 1000;
    const killAt = Array.from(
      { length: o.kills },
      () => started + 2000 + Math.random() * (o.durationS * 1000 - 4000),
    ).sort((a, b) => a - b);
    const restartEmulatorAt = o.restartEmulator ? started + (o.durationS * 1000) / 2 : undefined;
    let kills = 0;
    let emulatorRestarts = 0;
    let bursts429 = 0;
    let hangs = 0;
    const addRule = async (rule: Record<string, unknown>): Promise<string | undefined> => {
      const r = await json(`${emuUrl}/_switchboard/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(rule),
      }).catch(() => undefined);
      return r?.status === 201 ? String(r.body.id) : undefined;
    };
    // 429 bursts and hang windows, while the stream runs (with --faults).
    const episodes =
      !o.bursts && !o.hangs
        ? Promise.resolve()
        : (async () => {
            for (let tick = 1; Date.now() < end; tick++) {
              await sleep(5000);
              if (o.bursts)
                for (const [method, path] of ROUTES)
                  if (await addRule({ method, path, burst429: 2, retryAfterSeconds: 1 })) bursts429++;
              if (o.hangs && tick % 4 === 0) {
                const ids = await Promise.all(ROUTES.map(([method, path]) => addRule({ method, path, hang: true })));
                hangs++;
                await sleep(2000);
                for (const id of ids)
                  if (id)
                    await fetch(`${emuUrl}/_switchboard/faults/${id}`, { method: 'DELETE' }).catch(() => undefined);
              }
            }
          })();
    const driver = (async () => {
      while (Date.now() < end) {
        const r = await json(`${emuUrl}/_switchboard/simulator/calls`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ fromUserId: BOB, to: { phoneNumber: PSTN } }),
        }).catch(() => undefined);
        if (r?.status === 201 && typeof r.body?.id === 'string') conversations.push(r.body.id);
        await sleep(1000 / o.rate);
      }
    })();
    while (Date.now() < end) {
      if (killAt.length > 0 && Date.now() >= killAt[0]!) {
        killAt.shift();
        runtime.child.kill('SIGKILL');
        await runtime.exited;
        kills++;
        await sleep(200 + Math.random() * 1500);
        runtime = start(runtimeArgs);
        await until('the runtime (restarted)', runtime, 'Switchboard is running');
      }
      if (restartEmulatorAt !== undefined && emulatorRestarts === 0 && Date.now() >= restartEmulatorAt) {
        emulator.child.kill('SIGTERM');
        await emulator.exited;
        emulator = start(emuArgs);
        await until('the emulator (restarted)', emulator, 'GENESYSCLOUD_OAUTHCLIENT_SECRET');
        await installFaults();
        emulatorRestarts++;
      }
      await sleep(50);
    }
    await driver;
    await episodes;
    const drainStart = Date.now();

    // Drain: every call has a settled run and its effect, or two minutes pass.
    const db = (): SeenRun[] => {
      const handle = new Database(join(dir, 'runs.sqlite'), { readonly: true, fileMustExist: true });
      try {
        return (
          handle.prepare('SELECT id, status, input FROM runs').all() as {
            id: string;
            status: string;
            input: string | null;
          }[]
        ).map((r) => {
          const input = r.input ? (JSON.parse(r.input) as { conversationId?: unknown }) : {};
          return {
            id: r.id,
            status: r.status,
            conversationId: typeof input.conversationId === 'string' ? input.conversationId : undefined,
          };
        });
      } finally {
        handle.close();
      }
    };
    const token = (
      await json(`${emuUrl}/oauth/token`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: `Basic ${Buffer.from('chaos-admin:chaos-secret').toString('base64')}`,
        },
        body: 'grant_type=client_credentials',
      })
    ).body.access_token as string;
    const calls = async (): Promise<SeenCall[]> =>
      Promise.all(
        conversations.map(async (id) => {
          const d = await json(`${emuUrl}/api/v2/analytics/conversations/${id}/details`, {
            headers: { Authorization: `Bearer ${token}` },
          });
          return { id, tag: d.body?.externalTag, ended: typeof d.body?.conversationEnd === 'string' };
        }),
      );
    let result = tally(conversations, db(), seen, await calls(), TAG);
    while (!held(result) && Date.now() - drainStart < 120_000) {
      await sleep(1000);
      result = tally(conversations, db(), seen, await calls(), TAG);
    }
    const drainMs = Date.now() - drainStart;
    const row = {
      kills,
      emulatorRestarts,
      faults: o.faults,
      bursts429,
      hangs,
      durationS: o.durationS,
      ...result,
      drainMs,
    };
    if (o.json) process.stdout.write(`${JSON.stringify(row, null, 2)}\n`);
    else {
      const lines: [string, string | number][] = [
        ['runtime SIGKILLs', kills],
        ['emulator restarts', emulatorRestarts],
        ['injected 503 share', o.faults],
        ['429 bursts (2 requests each)', bursts429],
        ['hang windows (2 s)', hangs],
        ['conversations', result.conversations],
        ['events lost', result.eventsLost],
        ['runs duplicated', result.runsDuplicated],
        ['effects repeated', result.effectsRepeated],
        ['effects missing', result.effectsMissing],
        ['runs stuck', result.runsStuck],
        ['answers replayed by Idempotency-Key', result.replays],
        ['time to drain', `${(drainMs / 1000).toFixed(1)} s`],
      ];
      process.stdout.write(`${lines.map(([k, v]) => `${k.padEnd(38)} ${v}`).join('\n')}\n`);
      for (const d of result.details.slice(0, 20)) process.stdout.write(`  ${d}\n`);
    }
    process.exitCode = held(result) ? 0 : 1;
  } finally {
    for (const stop of stops.reverse()) stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`chaos: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
