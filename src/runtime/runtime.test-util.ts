/**
 * @module
 * A runtime on the embedded emulator and VirtualClock for the runtime's tests, with the events they
 * send and the cleanup after each.
 */
import { expect } from 'vitest';
import { VirtualClock } from '../core/index.ts';
import type { NotificationEvent } from '../core/index.ts';
import type { LoadedBundle } from '../blueprints/index.ts';
import { DEMO, createEmulator } from '../emulator/index.ts';
import type { Emulator } from '../emulator/index.ts';
import { createRuntime } from './create-runtime.ts';
import type { Runtime, RuntimeOptions } from './types.ts';
import { loadPublishedBundle } from '../../test/support/published-bundles.ts';

/** A JSON response body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = any;

/** What to stop after the test, in the order started. */
export const cleanup: (() => Promise<void> | void)[] = [];

/** Stop what the tests started, newest first (call from `afterEach`). */
export async function runCleanup(): Promise<void> {
  for (const f of cleanup.splice(0).reverse()) await f();
}

/** What `setup` started. */
export interface Setup {
  clock: VirtualClock;
  emulator: Emulator;
  runtime: Runtime;
}

/** Start a runtime on the embedded emulator (a new one, or `shared`), stopped after the test. */
export async function setup(
  bundles: readonly LoadedBundle[],
  extra: Partial<RuntimeOptions> = {},
  shared?: { clock: VirtualClock; emulator: Emulator },
): Promise<Setup> {
  const clock = shared?.clock ?? new VirtualClock();
  const emulator = shared?.emulator ?? createEmulator({ clock, rateLimitPerMinute: 0 });
  if (!shared) cleanup.push(() => emulator.close());
  const runtime = await createRuntime({ target: { kind: 'emulator', emulator }, bundles, clock, ...extra });
  cleanup.push(() => runtime.stop());
  await runtime.start();
  return { clock, emulator, runtime };
}

/** Call the emulator's call simulator. */
export async function sim(emulator: Emulator, path: string, body: unknown = {}): Promise<Body> {
  const res = await emulator.fetch(`/_switchboard/simulator${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBeLessThan(300);
  return res.json();
}

/** The external tag of a conversation, as the analytics details give it. */
export async function tagOf(emulator: Emulator, id: string): Promise<string | undefined> {
  const res = await emulator.fetch(`/api/v2/analytics/conversations/${id}/details`, {
    headers: { Authorization: `Bearer ${emulator.adminToken()}` },
  });
  return ((await res.json()) as { externalTag?: string }).externalTag;
}

// The published terminate-no-queue exports (a test fixture): any no-queue user.start matches.
export const terminate = (): LoadedBundle => loadPublishedBundle('terminate-no-queue');

/** A `user.start` event of a conversation. */
export function userStart(
  conversationId: string,
  correlationId: string,
  extra: Record<string, unknown> = {},
): NotificationEvent {
  return {
    topicName: `v2.detail.events.conversation.${conversationId}.user.start`,
    version: '2',
    eventBody: {
      conversationId,
      userId: DEMO.users.bob,
      mediaType: 'VOICE',
      direction: 'OUTBOUND',
      eventTime: Date.UTC(2026, 0, 5, 9),
      ...extra,
    },
    metadata: { CorrelationId: correlationId },
  };
}
