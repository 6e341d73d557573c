/**
 * @module
 * `serveConsole`: the console on a real port. Bound to 127.0.0.1 unless told otherwise; off
 * loopback a token is required (generated when not given) and the URL to open carries it once.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { SwitchboardError } from '../core/index.ts';
import { ConsoleErrors } from './errors.ts';
import { createConsoleApp } from './server.ts';
import type { ConsoleApp, ConsoleOptions } from './server.ts';

/** Requests the console passes to another app, by path prefix (e.g. the emulator's `/api/v2/`). */
interface Passthrough {
  readonly prefixes: readonly string[];
  readonly fetch: (request: Request) => Response | Promise<Response>;
}

/** Options of {@link serveConsole}. */
export interface ServeConsoleOptions extends ConsoleOptions {
  /** Default 0 (any free port). */
  readonly port?: number | undefined;
  /** Serve another app's paths on the same port (the embedded emulator's Platform API). */
  readonly passthrough?: Passthrough | undefined;
}

/** A console listening on a port. */
export interface ListeningConsole {
  readonly port: number;
  readonly host: string;
  /** `http://host:port/` — without the token. */
  readonly url: string;
  /** The URL to open in a browser: {@link url}, plus `?token=` when a token is required. Print it, never log it. */
  readonly openUrl: string;
  /** The access token, when one is required. */
  readonly token: string | undefined;
  /** Whether the token was generated (the operator must be shown {@link openUrl}). */
  readonly tokenGenerated: boolean;
  readonly server: Server;
  readonly console: ConsoleApp;
  close(): Promise<void>;
}

/**
 * Serve the console.
 * @example
 * const c = await serveConsole({ runtime, emulator: embeddedEmulatorLink(emulator), port: 8080 });
 * process.stdout.write(`console: ${c.openUrl}\n`);
 */
export async function serveConsole(options: ServeConsoleOptions): Promise<ListeningConsole> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SwitchboardError(
      ConsoleErrors.SB_CONSOLE_CONFIG,
      `a console port must be an integer from 0 to 65535; got ${port}`,
      { details: { option: 'port' } },
    );
  }
  const consoleApp = createConsoleApp({ ...options, host });
  const pass = options.passthrough;
  const fetch = (req: Request): Response | Promise<Response> => {
    if (pass) {
      const path = new URL(req.url).pathname;
      if (pass.prefixes.some((p) => path.startsWith(p))) return pass.fetch(req);
    }
    return consoleApp.app.fetch(req);
  };
  const server = createAdaptorServer({ fetch, hostname: host }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actual}/`;
  const token = consoleApp.policy.token;
  return {
    port: actual,
    host,
    url,
    openUrl: token === undefined ? url : `${url}?token=${encodeURIComponent(token)}`,
    token,
    tokenGenerated: consoleApp.policy.generated,
    server,
    console: consoleApp,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
