/**
 * @module
 * Outbound calls on behalf of an agent: number normalization, pre-checks, idempotent creation,
 * progress following, and the HTTP sub-app. The only door of the `outbound` context.
 */
export { OutboundErrors } from './errors.ts';
export { isKnownRegion } from './numbers.ts';
export type { CallProgress, CallEventSource } from './progress.ts';
export { placeCall } from './place-call.ts';
export type { OutboundDeps, PlaceCallRequest, PlacedCall } from './place-call.ts';
export { memoryIdempotencyStore } from './idempotency.ts';
export { createOutboundApi, placedCallJson, errorBody } from './http.ts';
