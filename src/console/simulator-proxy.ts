/**
 * @module
 * `/api/simulator/*` → the emulator's `/_switchboard/simulator/*`, server side, and
 * `GET /api/simulator/agentless` → `/_switchboard/agentless` (the SMS and emails the org sent
 * without an agent). Only these pass (not state reset, faults or client creation); answers come
 * back as they are — the simulator validates bodies and answers Genesys error bodies, the same shape as
 * every other console error.
 */
import { Hono } from 'hono';
import { SwitchboardError } from '../core/index.ts';
import type { EmulatorLink } from './emulator-link.ts';
import { ConsoleErrors } from './errors.ts';

/** The simulator routes the console forwards (first path segment after `/simulator/`). */
const FORWARDED = new Set([
  'test-numbers',
  'timing',
  'conversations',
  'calls',
  'inbound-calls',
  'callbacks',
  'workitems',
  'worktypes',
]);

/**
 * The proxy sub-app (mount at the root; it answers `/api/simulator/*`).
 * @example
 * app.route('/', simulatorProxy(embeddedEmulatorLink(emulator)));
 */
export function simulatorProxy(link: EmulatorLink | undefined): Hono {
  const app = new Hono();
  app.get('/api/simulator/agentless', () => forward(link, 'GET', '/_switchboard/agentless', undefined));
  app.on(['GET', 'POST', 'PATCH'], '/api/simulator/*', async (c) => {
    const url = new URL(c.req.url);
    const rest = url.pathname.slice('/api/simulator/'.length);
    if (link && !FORWARDED.has(rest.split('/')[0] ?? '')) {
      throw new SwitchboardError(
        ConsoleErrors.SB_CONSOLE_NOT_FOUND,
        `a simulator route must be one of ${[...FORWARDED, 'agentless'].join(', ')}; /api/simulator/${rest} is not`,
        { details: { field: 'path' } },
      );
    }
    const body = c.req.method === 'GET' ? undefined : await c.req.text();
    return forward(link, c.req.method, `/_switchboard/simulator/${rest}${url.search}`, body);
  });
  return app;
}

/** Send one request to the emulator and answer with what it answered. */
async function forward(
  link: EmulatorLink | undefined,
  method: string,
  path: string,
  body: string | undefined,
): Promise<Response> {
  if (!link) {
    throw new SwitchboardError(
      ConsoleErrors.SB_CONSOLE_NO_SIMULATOR,
      'the call simulator needs an emulator behind the runtime; this runtime runs against a real org',
      { details: { field: 'path' } },
    );
  }
  let res: Response;
  try {
    res = await link.fetch(path, {
      method,
      headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body }),
    });
  } catch (e) {
    throw new SwitchboardError(
      ConsoleErrors.SB_CONSOLE_UPSTREAM,
      `the simulator must be reachable; ${method} ${path.split('?')[0]} failed: ${(e as Error).message}`,
      { details: { field: 'path' } },
    );
  }
  return new Response(await res.arrayBuffer(), {
    status: res.status,
    headers: { 'Content-Type': res.headers.get('Content-Type') ?? 'application/json' },
  });
}
