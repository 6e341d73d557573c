/**
 * @module
 * The call simulator: a pure conversation state machine (no HTTP) timed by the injected clock,
 * emitting Genesys detail events. The emulator's providers and control routes drive it.
 */
export { Simulator } from './simulator.ts';
export { ConversationCommands } from './commands.ts';
export { DEFAULT_TIMING, DEFAULT_ORG_NUMBER, SYSTEM_WRAPUP_CODE, emptySimState } from './conversation-engine.ts';
export type { SimulatorOptions } from './conversation-engine.ts';
export { SimulatorErrors } from './errors.ts';
export { testNumbers, farEndOutcome, toE164, telUri } from './test-numbers.ts';
export type { TestNumber } from './test-numbers.ts';
export { segmentDurations, isActive, activeAcd, inWrapup, openSegment } from './model.ts';
export type { DetailEvent } from './detail-events.ts';
export type {
  Purpose,
  CommState,
  CallbackState,
  MediaKind,
  SegmentType,
  SimSegment,
  SimWrapup,
  SimParticipant,
  SimConversation,
  SimState,
  FarEndOutcome,
  CallTarget,
  PlaceCallInput,
  InboundAcdCallInput,
  CreateCallbackInput,
  HangUpSide,
  SimTiming,
  Directory,
} from './types.ts';
