/**
 * @module
 * How the console reaches the emulator behind the runtime, server side: the simulator's control
 * API and a read-only directory (users, queues) for the forms. Credentials stay here; the
 * browser only ever sees the console's own routes.
 */
import { SwitchboardError } from '../core/index.ts';
import type { Fetch } from '../core/index.ts';
import type { Emulator } from '../emulator/index.ts';
import { ConsoleErrors } from './errors.ts';
import type { DirectoryEntry } from './wire.ts';

/** A way to the emulator: its fetch (paths such as `/_switchboard/…`) and a bearer token for `/api/v2`. */
export interface EmulatorLink {
  readonly fetch: Fetch;
  token(): Promise<string>;
}

/**
 * The link to an embedded emulator: in-process fetch and its admin client.
 * @example
 * createConsoleApp({ runtime, emulator: embeddedEmulatorLink(emulator) });
 */
export function embeddedEmulatorLink(emulator: Emulator): EmulatorLink {
  return { fetch: emulator.fetch, token: async () => emulator.adminToken() };
}

/**
 * The link to an emulator on a URL (`switchboard emulator`): a read-only OAuth client made once
 * through the control API, its token renewed a minute before it expires.
 * @example
 * urlEmulatorLink('http://127.0.0.1:8080')
 */
export function urlEmulatorLink(
  url: string,
  send: Fetch = (u, i) => globalThis.fetch(u, i),
  now: () => number = () => performance.timeOrigin + performance.now(),
): EmulatorLink {
  const base = url.replace(/\/+$/, '');
  const fetch: Fetch = (input, init) =>
    send(typeof input === 'string' && input.startsWith('/') ? `${base}${input}` : input, init);
  let client: Promise<{ clientId: string; clientSecret: string }> | undefined;
  let cached: { token: string; until: number } | undefined;
  return {
    fetch,
    async token() {
      if (cached && cached.until > now()) return cached.token;
      client ??= fetch('/_switchboard/clients', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          name: 'Switchboard console (read-only directory)',
          permissions: ['directory:user:view', 'routing:queue:view'],
        }),
      }).then(async (r) => {
        if (r.status !== 201)
          throw new SwitchboardError(
            ConsoleErrors.SB_CONSOLE_UPSTREAM,
            `the emulator must accept the console's client; it answered HTTP ${r.status}`,
            { details: { status: r.status } },
          );
        return (await r.json()) as { clientId: string; clientSecret: string };
      });
      const c = await client.catch((e: unknown) => {
        client = undefined;
        throw e;
      });
      const res = await fetch('/oauth/token', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`,
        },
        body: 'grant_type=client_credentials',
      });
      if (!res.ok)
        throw new SwitchboardError(
          ConsoleErrors.SB_CONSOLE_UPSTREAM,
          `the emulator must grant the console a token; it answered HTTP ${res.status}`,
          { details: { status: res.status } },
        );
      const body = (await res.json()) as { access_token: string; expires_in: number };
      cached = { token: body.access_token, until: now() + Math.max(0, body.expires_in - 60) * 1000 };
      return body.access_token;
    },
  };
}

async function listing(link: EmulatorLink, path: string, token: string): Promise<DirectoryEntry[]> {
  const res = await link.fetch(path, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  if (!res.ok) return [];
  const body = (await res.json()) as { entities?: { id?: unknown; name?: unknown }[] };
  return (body.entities ?? [])
    .filter((e): e is { id: string; name: string } => typeof e.id === 'string' && typeof e.name === 'string')
    .map((e) => ({ id: e.id, name: e.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The users and queues of the emulator's org, for the simulator and outbound forms (empty lists
 * when the emulator cannot be read: the forms still take ids typed in).
 */
export async function readDirectory(
  link: EmulatorLink,
): Promise<{ users: DirectoryEntry[]; queues: DirectoryEntry[] }> {
  try {
    const token = await link.token();
    const [users, queues] = await Promise.all([
      listing(link, '/api/v2/users?pageSize=100', token),
      listing(link, '/api/v2/routing/queues?pageSize=100', token),
    ]);
    return { users, queues };
  } catch {
    return { users: [], queues: [] };
  }
}
