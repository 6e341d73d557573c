/**
 * `switchboard/testing`: test a project's workflows and triggers against the embedded Genesys
 * Cloud emulator on a virtual clock, and assert on their runs.
 * @module switchboard/testing
 * @example
 * import { createTestHarness } from 'switchboard/testing';
 * const h = await createTestHarness({ workflows: [raise], triggers: [callbackQueued] });
 * await h.org.sim('/callbacks', { queueId, callbackNumbers: ['+13175550100'] });
 * await h.advance('30m');
 * await h.expectRun('raise-callback-priority', { status: 'completed' });
 * await h.stop();
 */
export { createTestHarness, assertRun, RunAssertionError } from './runtime/index.ts';
export type { TestHarness, TestHarnessOptions, RunExpectation, OrgControl, Answer } from './runtime/index.ts';
export { runUntilIdle } from './workflows/index.ts';
export { VirtualClock } from './core/index.ts';
export { DEMO } from './emulator/index.ts';
