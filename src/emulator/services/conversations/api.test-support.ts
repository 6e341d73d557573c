/**
 * @module
 * Test fixtures of the conversation-area providers: an emulator on a virtual clock with seeded
 * ids, an in-process JSON caller and a recorder of the org's events.
 */
import { VirtualClock, seededIds } from '../../../core/index.ts';
import type { Fetch, NotificationEvent } from '../../../core/index.ts';
import { createEmulator } from '../../create-emulator.ts';
import type { Emulator } from '../../create-emulator.ts';

/** The virtual clock's start. */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response payloads are read loosely in tests
export type Json = any;

/** A JSON call through the emulator's in-process fetch (admin token unless one is given). */
type Caller = (
  method: string,
  path: string,
  body?: unknown,
  token?: string,
) => Promise<{ status: number; json: Json; headers: Headers }>;

/** An emulator for a test, with its clock, caller and event recorder. */
export interface ApiFixture {
  readonly emu: Emulator;
  readonly clock: VirtualClock;
  readonly call: Caller;
  readonly events: NotificationEvent[];
}

/** Start an emulator (close it with `fixture.emu.close()`). */
export function startApi(): ApiFixture {
  const clock = new VirtualClock(T0);
  const emu = createEmulator({ clock, ids: seededIds(3), rateLimitPerMinute: 0 });
  const admin = emu.adminToken();
  const events: NotificationEvent[] = [];
  emu.services.events.subscribe(emu.orgId, (e) => events.push(e));
  const call: Caller = async (method, path, body, token = admin) => {
    const res = await emu.fetch(path, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text === '' ? undefined : JSON.parse(text), headers: res.headers };
  };
  return { emu, clock, call, events };
}

/** A client-credentials token of a new client holding `permissions`. */
export async function clientToken(emu: Emulator, permissions: string[]): Promise<string> {
  const client = emu.createClient({ name: 'test client', permissions });
  const res = await emu.fetch('/oauth/token', {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** The fetch of a new client holding `permissions`, on the emulator in process. */
export async function clientFetch(fixture: ApiFixture, permissions: string[]): Promise<Fetch> {
  const token = await clientToken(fixture.emu, permissions);
  return (input, init) =>
    fixture.emu.fetch(input, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), Authorization: `Bearer ${token}` },
    });
}
