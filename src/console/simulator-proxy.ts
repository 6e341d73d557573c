/**
 * @module
 * `/api/simulator/*` → the emulator's `/_switchboard/simulator/*`, server side. Only the
 * simulator's routes pass (not state reset, faults or client creation); answers come back as
 * they are — the simulator validates bodies and answers Genesys error bodies, the same shape as
 * every other console error.
 */
import { Hono } from 'hono';
import { SwitchboardError } from '../core/index.ts';
import type { EmulatorLink } from './emulator-link.ts';
import { ConsoleErrors } from './errors.ts';

/** The simulator routes the console forwards (first path segment after `/simulator/`). */
const FORWARDED = new Set(['test-numbers', 'timing', 'conversations', 'calls', 'inbound-calls', 'callbacks']);

/**
 * The proxy sub-app (mount at the root; it answers `/api/simulator/*`).
 * @example
 * app.route('/', simulatorProxy(embeddedEmulatorLink(emulator)));
 */
export function simulatorProxy(link: EmulatorLink | undefined): Hono {
  const app = new Hono();
  app.on(['GET', 'POST', 'PATCH'], '/api/simulator/*', async (c) => {
    if (!link) {
      throw new SwitchboardError(
        ConsoleErrors.SB_CONSOLE_NO_SIMULATOR,
        'the call simulator needs an emulator behind the runtime; this runtime runs against a real org',
        { details: { field: 'path' } },
      );
    }
    const url = new URL(c.req.url);
    const rest = url.pathname.slice('/api/simulator/'.length);
    if (!FORWARDED.has(rest.split('/')[0] ?? '')) {
      throw new SwitchboardError(
        ConsoleErrors.SB_CONSOLE_NOT_FOUND,
        `a simulator route must be one of ${[...FORWARDED].join(', ')}; /api/simulator/${rest} is not`,
        { details: { field: 'path' } },
      );
    }
    const body = c.req.method === 'GET' ? undefined : await c.req.text();
    let res: Response;
    try {
      res = await link.fetch(`/_switchboard/simulator/${rest}${url.search}`, {
        method: c.req.method,
        headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body }),
      });
    } catch (e) {
      throw new SwitchboardError(
        ConsoleErrors.SB_CONSOLE_UPSTREAM,
        `the simulator must be reachable; ${c.req.method} /_switchboard/simulator/${rest} failed: ${(e as Error).message}`,
        { details: { field: 'path' } },
      );
    }
    return new Response(await res.arrayBuffer(), {
      status: res.status,
      headers: { 'Content-Type': res.headers.get('Content-Type') ?? 'application/json' },
    });
  });
  return app;
}
