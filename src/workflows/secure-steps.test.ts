// Secure data actions on the durable engine: the journal keeps the input redacted and the outputs
// only for replay, so a run resumed after a sleep still gets the real outputs while history shows
// neither.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VirtualClock, seededIds } from '../core/index.ts';
import { openSqliteStore } from '../store/index.ts';
import { defineWorkflow } from './define.ts';
import { createHistory } from './history.ts';
import { runUntilIdle } from './testing.ts';
import type { ActionInvoker } from './types.ts';
import { createWorker } from './worker.ts';

const dir = mkdtempSync(join(tmpdir(), 'sb-wf-secure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CARD = '4111-1111-1111-1111';
const TOKEN = 'tok-5522';

// The vault tokenizes a card; an invoker that did not redact its own trace is covered too.
const invoker: ActionInvoker = async (name, input) => {
  if (name === 'Tokenize')
    return {
      status: 'success',
      outputs: { token: TOKEN },
      secure: true,
      trace: { request: { body: JSON.stringify(input) } },
    };
  return { status: 'success', outputs: { charged: input } };
};

// The workflow sleeps between the secure call and the use of its output: the second execution
// replays the secure step from the journal.
const pay = defineWorkflow({ name: 'pay' }, async ({ step }) => {
  const t = await step.action('Tokenize', { card: CARD });
  await step.sleep('1m');
  const charge = await step.action('Charge', { token: t.outputs.token === TOKEN ? 'real-token' : 'redacted-token' });
  return { charged: charge.outputs.charged, secureStatus: t.status };
});

describe('secure action steps', () => {
  it('a resumed run receives the real outputs; the journal holds no input value and history no output value', async () => {
    const store = openSqliteStore({ path: join(dir, 'pay.sqlite') });
    const clock = new VirtualClock();
    const worker = createWorker({ store, workflows: [pay], invoker, clock, ids: seededIds(7) });
    const run = await worker.enqueue('pay', {});
    await runUntilIdle(clock, worker);

    const done = await store.getRun(run.id);
    expect(done).toMatchObject({
      status: 'completed',
      output: { charged: { token: 'real-token' }, secureStatus: 'success' },
    });
    expect(done!.attempts).toBeGreaterThan(1);

    const journal = await store.loadJournal(run.id);
    const secureStep = journal.find((s) => s.name === 'Tokenize');
    expect(secureStep?.input).toEqual({ card: '[secure]' });
    expect(secureStep?.output).toEqual({ status: 'success', outputs: { token: TOKEN }, secure: true });
    expect(secureStep?.trace).toEqual({ request: { body: '[secure]' } });
    expect(JSON.stringify(journal)).not.toContain(CARD);

    const detail = await createHistory(store).getRun(run.id);
    expect(detail?.steps.find((s) => s.name === 'Tokenize')?.output).toEqual({
      status: 'success',
      outputs: { token: '[secure]' },
      secure: true,
    });
    expect(detail?.steps.find((s) => s.name === 'Charge')?.input).toEqual({ token: 'real-token' });
    expect(JSON.stringify(detail)).not.toMatch(new RegExp(`${CARD}|${TOKEN}`));
    await worker.stop();
    await store.close();
  });
});
