/**
 * @module
 * The pure core: errors, ports, clocks, ids and event types. Imports nothing internal.
 */
export {
  SwitchboardError,
  isSwitchboardError,
  defineErrorCodes,
  listErrorCodes,
  errorCodeSpec,
  CoreErrors,
} from './errors.ts';
export type { RetryPolicy, ErrorCodeSpec, SwitchboardErrorOptions } from './errors.ts';
export { CORRELATION_HEADER, isErrorBody, DATA_ACTION_FAILURE_OUTPUTS } from './genesys-error.ts';
export type { ErrorBody, ErrorDetail, ErrorLimit } from './genesys-error.ts';
export { silentLogger } from './ports.ts';
export type { Fetch, Clock, TimerHandle, Ids, Logger } from './ports.ts';
export { SystemClock, VirtualClock } from './clock.ts';
export { randomIds, seededIds, seededRandom } from './ids.ts';
export { topicTemplate, detailTopic } from './events.ts';
export type {
  MediaType,
  Direction,
  DisconnectType,
  DetailEventBase,
  UserStartEvent,
  UserEndEvent,
  AcdStartEvent,
  AcdEndEvent,
  CustomerStartEvent,
  CustomerEndEvent,
  AfterCallWorkEvent,
  WrapupEvent,
  AttributeUpdateEvent,
  AttributeUpdateCommunication,
  DetailEventKind,
  NotificationEvent,
  EventBridgeEnvelope,
} from './events.ts';
export { isPlainObject, tryParseJson } from './json.ts';
export type { Json } from './json.ts';
