/**
 * @module
 * Outbound calls on behalf of an agent: number normalization, pre-checks, idempotent creation,
 * progress following, and the HTTP sub-app. The only door of the `outbound` context.
 */
export { OutboundErrors } from './errors.ts';
export { parseNumber, normalizeNumber, isKnownRegion } from './numbers.ts';
export type { NormalizedNumber, NumberOptions, NumberProblem, ParsedNumber } from './numbers.ts';
export { classifyCall, transitions, isFinal } from './call-state.ts';
export type {
  CallState,
  CallSnapshot,
  UnansweredOutcome,
  CallConversationLike,
  CallParticipantLike,
} from './call-state.ts';
export { followCall, collectProgress, concernsConversation } from './progress.ts';
export type { CallProgress, CallEventSource, FollowOptions } from './progress.ts';
export { placeCall, readCall, followPlacedCall } from './place-call.ts';
export type { OutboundDeps, PlaceCallRequest, PlacedCall } from './place-call.ts';
export {
  resolveUser,
  resolveMe,
  checkPresence,
  checkStation,
  precheckCaller,
  presenceKey,
  DEFAULT_REFUSED_PRESENCES,
} from './prechecks.ts';
export type { Caller } from './prechecks.ts';
export { memoryIdempotencyStore, createOnce } from './idempotency.ts';
export type { IdempotencyEntry, IdempotencyStore, MemoryIdempotencyOptions } from './idempotency.ts';
export type { GenesysTarget } from './http-api.ts';
export { findPlacedCall } from './reconcile.ts';
export type { ReconcileOptions, Reconciliation, PlacedCallQuery, ReconcileTarget } from './reconcile.ts';
export { createOutboundApi, PlaceCallBody, placedCallJson, errorBody } from './http.ts';
export type { OutboundApiDeps } from './http.ts';
export { outcomeFromDetails } from './call-state.ts';
