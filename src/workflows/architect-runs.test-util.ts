// One Architect workflow run to its end on the durable engine (memory store, virtual clock), its
// platform actions sent through the given Genesys fetch; data actions all succeed with no output.
import { importArchyYaml } from '../architect/index.ts';
import type { Fetch } from '../core/index.ts';
import { VirtualClock } from '../core/index.ts';
import type { RunRecord, StepRecord } from '../store/index.ts';
import { createMemoryStore } from '../store/index.ts';
import { architectWorkflow } from './architect-workflow.ts';
import { runUntilIdle } from './testing.ts';
import { createWorker } from './worker.ts';

/** Run the Archy YAML workflow once with `input`, its clock starting at `at` (epoch ms). */
export async function runArchitectOnce(
  yaml: string,
  input: Record<string, unknown>,
  genesys: Fetch,
  at?: number,
): Promise<{ done: RunRecord | undefined; journal: StepRecord[] }> {
  const store = createMemoryStore();
  const clock = new VirtualClock(at);
  const flow = importArchyYaml(yaml);
  const worker = createWorker({
    store,
    workflows: [architectWorkflow(flow, { genesys })],
    invoker: async () => ({ status: 'success', outputs: {} }),
    clock,
  });
  const run = await worker.enqueue(flow.name, input);
  await runUntilIdle(clock, worker);
  const done = await store.getRun(run.id);
  const journal = await store.loadJournal(run.id);
  await worker.stop();
  return { done, journal };
}
