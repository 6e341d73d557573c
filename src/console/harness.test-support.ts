/**
 * @module
 * Test harness of the console: an in-memory emulator and a started runtime with the published
 * terminate-no-queue bundle (a test fixture), with every OAuth client secret and access token the
 * runtime obtains recorded, so tests can prove none of them reaches a response.
 */
import type { Logger } from '../core/index.ts';
import { createEmulator } from '../emulator/index.ts';
import type { Emulator } from '../emulator/index.ts';
import { createRuntime } from '../runtime/index.ts';
import type { Runtime } from '../runtime/index.ts';
import { loadPublishedBundle } from '../../test/support/published-bundles.ts';

/** A started emulator + runtime pair and the secrets it handed out. */
export interface Harness {
  readonly emulator: Emulator;
  readonly runtime: Runtime;
  /** Client secrets and access tokens issued since start (the admin secret included). */
  readonly secrets: string[];
  close(): Promise<void>;
}

/**
 * Start the harness.
 * @example
 * const h = await startHarness();
 * await h.close();
 */
export async function startHarness(): Promise<Harness> {
  const emulator = createEmulator({ seed: 'demo', statePath: ':memory:' });
  const secrets: string[] = [emulator.admin.clientSecret];
  const spied: Emulator = {
    ...emulator,
    createClient(opts) {
      const c = emulator.createClient(opts);
      secrets.push(c.clientSecret);
      return c;
    },
    adminToken() {
      const token = emulator.adminToken();
      secrets.push(token);
      return token;
    },
    async fetch(input, init) {
      const res = await emulator.fetch(input, init);
      const url = input instanceof Request ? input.url : String(input);
      if (url.endsWith('/oauth/token') && res.ok) {
        const body = (await res.clone().json()) as { access_token?: string };
        if (body.access_token) secrets.push(body.access_token);
      }
      return res;
    },
  };
  const runtime = await createRuntime({
    target: { kind: 'emulator', emulator: spied },
    bundles: [loadPublishedBundle('terminate-no-queue')],
  });
  await runtime.start();
  return {
    emulator: spied,
    runtime,
    secrets,
    async close() {
      await runtime.stop();
      await emulator.close();
    },
  };
}

/** A logger that keeps every entry as JSON text. */
export function recordingLogger(lines: string[] = []): Logger & { lines: string[] } {
  const write =
    (level: string) =>
    (obj: Record<string, unknown>, msg?: string): void => {
      lines.push(JSON.stringify({ level, ...obj, msg }));
    };
  const logger: Logger & { lines: string[] } = {
    lines,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: () => logger,
  };
  return logger;
}
