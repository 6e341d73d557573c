/**
 * @module
 * The embedded Genesys Cloud emulator: a gateway with an ordered handler chain, one provider per
 * API area (`services/<area>/provider.ts` + `store.ts`), per-org state persisted to SQLite, OAuth
 * client credentials, a per-token rate limit, fault injection and a `/_switchboard/` control API.
 *
 * Emulated Platform API routes (permission: ANY of; "—" = a valid token is enough). The live
 * table, including other providers' routes, is `emulator.routes` / `GET /_switchboard/routes`:
 *
 * | Method | Path | Permission |
 * |---|---|---|
 * | POST | `/oauth/token` | client credentials (HTTP Basic) |
 * | GET | `/api/v2/users` | `directory:user:view` |
 * | GET | `/api/v2/users/me` | — (user token) |
 * | GET | `/api/v2/users/{userId}` | `directory:user:view` |
 * | GET | `/api/v2/users/{userId}/station` | — |
 * | GET, PUT | `/api/v2/users/{userId}/routingstatus` | — |
 * | GET, PATCH | `/api/v2/users/{userId}/presences/purecloud` | — |
 * | GET | `/api/v2/stations`, `/api/v2/stations/{stationId}` | — |
 * | GET | `/api/v2/presencedefinitions` | — |
 * | GET | `/api/v2/presencedefinitions/{presenceId}` | `presence:presenceDefinition:view` |
 * | GET | `/api/v2/presence/definitions`, `/{definitionId}` | `presence:presenceDefinition:view` |
 * | GET | `/api/v2/systempresences` | — |
 * | GET | `/api/v2/routing/queues`, `/{queueId}`, `/{queueId}/members` | `routing:queue:view` |
 * | GET | `/api/v2/groups`, `/{groupId}`, `/{groupId}/members` | `directory:group:view` |
 * | GET | `/api/v2/flows`, `/api/v2/flows/{flowId}` | `architect:flow:view` |
 * | POST | `/api/v2/flows/executions` | `architect:flow:launch` (runs through the attached `FlowLauncher`; 501 without one) |
 * | GET | `/api/v2/flows/executions/{flowExecutionId}` | `architect:flowExecution:view` |
 *
 * Call creates (`POST /api/v2/conversations/calls`, `/calls/user/{userId}`) refuse a caller in
 * Offline, Meal or Break (403 `conversation.user.presence.not.allowed`) or without a station (400
 * `conversation.user.station.required`); they and callback creates honour `Idempotency-Key`
 * (per OAuth client, 24 h; a reused key with another request answers 409).
 *
 * Any other `/api/v2/**` route answers 501 `no handler for operation '<METHOD> <path>'`; a known
 * path with another method answers 405.
 *
 * Control API (no token): `GET /_switchboard/` (its index), `GET /_switchboard/health`,
 * `GET /_switchboard/routes`, `POST /_switchboard/state/reset`, `GET /_switchboard/state/snapshot`,
 * `POST /_switchboard/state/restore`, `GET|POST|PUT|DELETE /_switchboard/faults`,
 * `DELETE /_switchboard/faults/{id}`, `POST /_switchboard/tokens/user`, `POST /_switchboard/clients`.
 * Over the network it refuses what a web page of another site could send: a cross-site `Origin`,
 * a host name that is not loopback (on a loopback interface), a POST without
 * `Content-Type: application/json`. Every request body is limited to `maxBodyBytes` (default
 * 10 MiB; 413 `SB_EMULATOR_BODY_TOO_LARGE`).
 */
export { createEmulator, emulatedRoutes } from './create-emulator.ts';
export type { Emulator, EmulatorOptions, ListeningEmulator } from './create-emulator.ts';
export { declareStore, OrgState, EventBus } from './kernel.ts';
export type { StoreDecl, EventListener, Principal, EmulatorServices, EmulatorVars, EmulatorEnv, EmulatorApp, Provider } from './kernel.ts';
export { ApiError, badRequest, notFound, missingPermissions, EmulatorErrors } from './errors.ts';
export { requirePermission, requireAllPermissions, hasAnyPermission, permissionCovers } from './permissions.ts';
export { pageParams, paged, readJsonObject } from './http.ts';
export type { PageParams, PagedListing } from './http.ts';
export { FaultInjector } from './faults.ts';
export type { FaultSpec, FaultRule } from './faults.ts';
export { DEFAULT_RATE_LIMIT_PER_MINUTE, tooManyRequests } from './rate-limit.ts';
export type { RouteInfo } from './routes.ts';
export { BUILT_IN_ROLES } from './auth/roles.ts';
export { DEFAULT_TOKEN_VALIDITY_SECONDS } from './auth/registry.ts';
export type { CreateClientOptions, OAuthClientInfo, IssuedToken } from './auth/registry.ts';
export type { StateSnapshot } from './state/org-registry.ts';
export { DEMO, EMULATOR_ORG_ID } from './services/seed.ts';
export type { SeedName } from './services/seed.ts';
export { SYSTEM_PRESENCES, SYSTEM_PRESENCE_IDS } from './services/presence/naming.ts';
export type { SystemPresenceKey, SystemPresenceInfo } from './services/presence/naming.ts';
export { setUserPresence, setRoutingStatus, currentPresence, currentRoutingStatus } from './services/presence/activity.ts';
export { ROUTING_STATUSES } from './services/users/store.ts';
export type { RoutingStatusValue } from './services/users/store.ts';
export { Simulator, testNumbers, farEndOutcome, toE164, telUri, DEFAULT_TIMING } from './simulator/index.ts';
export type { DetailEvent, TestNumber, SimConversation, SimParticipant, SimState, SimTiming } from './simulator/index.ts';
export { simulatorFor } from './services/conversations/simulators.ts';
export { CALL_REFUSED_PRESENCES, NO_STATION_CODE, PRESENCE_REFUSED_CODE } from './services/conversations/caller-rules.ts';
export { IDEMPOTENCY_TTL_MS } from './services/conversations/idempotency.ts';
export { attachFlowLauncher, flowLauncherOf } from './services/flows/provider.ts';
export type { FlowLauncher, FlowLaunchContext, FlowRuntimeExecution, FlowExecutionStatus, LaunchableFlow } from './services/flows/launcher.ts';
export { attachNotificationSocket } from './services/notifications/socket.ts';
export { notificationHub, NotificationHub } from './services/notifications/hub.ts';
export { toEventBridge } from './services/notifications/eventbridge.ts';
export type { EventBridgeSettings } from './services/notifications/eventbridge.ts';
export { listTriggers, processAutomationStore } from './services/process-automation/store.ts';
export { createProcessAutomationProvider } from './services/process-automation/provider.ts';
export type { ProcessAutomationOptions } from './services/process-automation/provider.ts';
