// A secure data action run by the runtime: the real values reach the org (the call is tagged with
// the secret), while the SQLite run history, the runtime API and the live updates never hold them.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../core/index.ts';
import { compileAction } from '../actions/index.ts';
import { loadSolution } from '../blueprints/index.ts';
import type { LoadedBundle } from '../blueprints/index.ts';
import { DEMO, createEmulator } from '../emulator/index.ts';
import { runtimeApi } from './http-api.ts';
import { createRuntime } from './create-runtime.ts';
import type { RuntimeUpdate } from './types.ts';

const SECRET = 'VIP-7731-CONFIDENTIAL';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

// Terminate-no-queue with its tagging action made secure and the tag text (a literal input of
// that action in the flow) set to the secret.
function secureBundle(): LoadedBundle {
  const base = loadSolution('terminate-no-queue', 'main', { config: { tagText: SECRET } });
  return {
    ...base,
    actions: base.actions.map((a) =>
      a.name === 'Set Conversation External Tag'
        ? { ...a, action: compileAction({ ...a.action.definition, secure: true }) }
        : a,
    ),
  };
}

describe('secure data actions in the runtime', () => {
  it('the call is tagged with the secret; the stored history, /api/runs and live updates show only [secure]', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-secure-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const clock = new VirtualClock();
    const emulator = createEmulator({ clock, rateLimitPerMinute: 0 });
    cleanup.push(() => emulator.close());
    const runtime = await createRuntime({
      target: { kind: 'emulator', emulator },
      bundles: [secureBundle()],
      clock,
      dbPath: join(dir, 'runs.sqlite'),
    });
    cleanup.push(() => runtime.stop());
    const updates: RuntimeUpdate[] = [];
    runtime.subscribe((u) => updates.push(u));
    await runtime.start();

    const res = await emulator.fetch('/_switchboard/simulator/calls', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ fromUserId: DEMO.users.bob, to: { phoneNumber: '+13175550100' } }),
    });
    const call = (await res.json()) as { id: string };
    await runtime.idle();

    // The flow's real input reached the org.
    const details = await emulator.fetch(`/api/v2/analytics/conversations/${call.id}/details`, {
      headers: { Authorization: `Bearer ${emulator.adminToken()}` },
    });
    expect(((await details.json()) as { externalTag?: string }).externalTag).toBe(SECRET);

    const [run] = await runtime.runs();
    expect(run?.status).toBe('completed');
    const api = runtimeApi(runtime);
    const detail = (await (await api.fetch(new Request(`http://runtime.local/api/runs/${run?.id}`))).json()) as {
      steps: {
        name: string;
        path: string;
        input: unknown;
        trace: {
          secure?: boolean;
          request: { method: string; url: string; body?: string };
          response: { status: number };
        };
      }[];
    };
    expect(JSON.stringify(detail)).not.toContain(SECRET);
    const tag = detail.steps.find((s) => s.name === 'Set Conversation External Tag');
    expect(tag).toMatchObject({
      path: 'success',
      input: { conversationId: '[secure]', externalTag: '[secure]' },
      trace: {
        secure: true,
        request: { method: 'PUT', url: '/api/v2/conversations/${input.conversationId}/tags', body: '[secure]' },
        response: { status: 202 },
      },
    });
    // The action that is not secure keeps its values: the redaction is per action.
    expect(detail.steps.find((s) => s.name === 'Disconnect Conversation')?.input).toEqual({ conversationId: call.id });

    const steps = updates.filter((u) => u.type === 'step');
    expect(steps).toHaveLength(2);
    expect(JSON.stringify(updates)).not.toContain(SECRET);

    await runtime.stop();
    const stored = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f)).toString('latin1'))
      .join('');
    expect(stored).toContain(call.id);
    expect(stored).not.toContain(SECRET);
  });
});
