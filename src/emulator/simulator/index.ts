/**
 * @module
 * The call simulator: a pure conversation state machine (no HTTP) timed by the injected clock,
 * emitting Genesys detail events. The emulator's providers and control routes drive it.
 */
export { Simulator } from './simulator.ts';
export { DEFAULT_TIMING, emptySimState } from './conversation-engine.ts';
export { SimulatorErrors } from './errors.ts';
export { testNumbers } from './test-numbers.ts';
export type { TestNumber } from './test-numbers.ts';
export type {
  SegmentType,
  SimSegment,
  SimParticipant,
  SimConversation,
  SimState,
  CallTarget,
  Directory,
} from './types.ts';
