/**
 * @module
 * The pure core: errors, ports, clocks, ids, event types and the Jayway JSONPath engine.
 * Imports nothing internal.
 */
export {
  SwitchboardError,
  isSwitchboardError,
  defineErrorCodes,
  listErrorCodes,
  errorCodeSpec,
  declaredCode,
  CoreErrors,
} from './errors.ts';
export type { ErrorCodeName } from './errors.ts';
export { CORRELATION_HEADER, isErrorBody, DATA_ACTION_FAILURE_OUTPUTS } from './genesys-error.ts';
export type { ErrorBody, ErrorDetail } from './genesys-error.ts';
export { silentLogger, SERVICE_HOST_SUFFIX, THIRD_PARTY_ROUTE_HEADER, THIRD_PARTY_MOCK_HEADER } from './ports.ts';
export type { Fetch, Clock, TimerHandle, Ids, Logger } from './ports.ts';
export { SystemClock, VirtualClock } from './clock.ts';
export { randomIds, seededIds, seededRandom } from './ids.ts';
export { topicTemplate, detailTopic } from './events.ts';
export type {
  DisconnectType,
  DetailEventBase,
  UserStartEvent,
  UserEndEvent,
  AcdStartEvent,
  AcdEndEvent,
  CustomerEndEvent,
  AfterCallWorkEvent,
  WrapupEvent,
  AttributeUpdateEvent,
  DetailEventKind,
  NotificationEvent,
  EventBridgeEnvelope,
} from './events.ts';
export { isPlainObject, jsonPointer, tryParseJson } from './json.ts';
export { retryAfterMs } from './retry-after.ts';
export { stripBom, escapeInvisible } from './text.ts';
export { isLoopback, browserAccessRefusal, limitRequestBody, formatBytes } from './http-guard.ts';
export { switchboardPackage } from './package-root.ts';
export { compileJsonPath } from './jsonpath/compile.ts';
export type { CompiledJsonPath, Resolved } from './jsonpath/compile.ts';
export type { JsonPathFunction } from './jsonpath/parse.ts';
export { JsonPathSyntaxError } from './jsonpath/syntax-error.ts';
export {
  MISSING,
  deepEqual,
  jsonEquals,
  compareJson,
  inJsonList,
  containsJson,
  hasJsonSize,
} from './jsonpath/compare.ts';
