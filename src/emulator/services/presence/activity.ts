/**
 * @module
 * A user's presence and routing status move together: going On Queue makes an OFF_QUEUE agent
 * IDLE, leaving it makes them OFF_QUEUE, and the reverse for routing-status changes. Every change
 * is published as `v2.users.{id}.presence`, `.routingStatus` and `.activity` notifications
 * (platform.md §2.4; UPPER_CASE systemPresence, §4.5).
 */
import type { NotificationEvent } from '../../../core/index.ts';
import type { EmulatorServices, OrgState } from '../../provider-contract.ts';
import type { RoutingStatusRecord, RoutingStatusValue } from '../users/store.ts';
import { usersStore } from '../users/store.ts';
import { SYSTEM_PRESENCE_IDS } from './naming.ts';
import type { PresenceDefinitionRecord, UserPresenceRecord } from './store.ts';
import { presenceStore } from './store.ts';

/** Where a change happens: the org and the emulator's services. */
export interface ActivityContext {
  readonly org: OrgState;
  readonly services: EmulatorServices;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** A user's current presence (Offline when never set). */
export function currentPresence(org: OrgState, userId: string): UserPresenceRecord {
  return (
    org.get(presenceStore).users[userId] ?? {
      definitionId: SYSTEM_PRESENCE_IDS.OFFLINE,
      message: '',
      modifiedDate: '2016-01-01T00:00:00.000Z',
    }
  );
}

/** A user's current routing status (OFF_QUEUE when never set). */
export function currentRoutingStatus(org: OrgState, userId: string): RoutingStatusRecord {
  return org.get(usersStore).routingStatus[userId] ?? { status: 'OFF_QUEUE', startTime: '2016-01-01T00:00:00.000Z' };
}

/** The definition of a user's presence (falls back to Offline if the definition vanished). */
export function presenceDefinitionOf(org: OrgState, userId: string): PresenceDefinitionRecord {
  const defs = org.get(presenceStore).definitions;
  return defs[currentPresence(org, userId).definitionId] ?? defs[SYSTEM_PRESENCE_IDS.OFFLINE]!;
}

/** `v2.users.{id}.activity` body (AgentActivity). */
function agentActivity(org: OrgState, userId: string): Record<string, unknown> {
  const p = currentPresence(org, userId);
  return {
    id: userId,
    routingStatus: currentRoutingStatus(org, userId),
    presence: {
      presenceDefinition: { id: p.definitionId, systemPresence: presenceDefinitionOf(org, userId).systemPresence },
      presenceMessage: p.message,
      modifiedDate: p.modifiedDate,
    },
    outOfOffice: { active: false },
    activeQueueIds: [],
  };
}

function publish(ctx: ActivityContext, topic: string, eventBody: Record<string, unknown>): void {
  const event: NotificationEvent = {
    topicName: topic,
    version: '2',
    eventBody,
    metadata: { CorrelationId: ctx.services.ids.uuid() },
  };
  ctx.services.events.publish(ctx.org.orgId, event);
}

function writePresence(ctx: ActivityContext, userId: string, definitionId: string, message: string): void {
  const store = ctx.org.get(presenceStore);
  store.users[userId] = { definitionId, message, modifiedDate: iso(ctx.services.clock.now()) };
  ctx.org.touch(presenceStore);
}

function writeRoutingStatus(ctx: ActivityContext, userId: string, status: RoutingStatusValue): void {
  ctx.org.get(usersStore).routingStatus[userId] = { status, startTime: iso(ctx.services.clock.now()) };
  ctx.org.touch(usersStore);
}

function publishAll(ctx: ActivityContext, userId: string, changed: { presence: boolean; routing: boolean }): void {
  if (changed.presence) {
    const p = currentPresence(ctx.org, userId);
    publish(ctx, `v2.users.${userId}.presence`, {
      source: 'PURECLOUD',
      presenceDefinition: { id: p.definitionId, systemPresence: presenceDefinitionOf(ctx.org, userId).systemPresence },
      primary: true,
      message: p.message,
      modifiedDate: p.modifiedDate,
    });
  }
  if (changed.routing) {
    publish(ctx, `v2.users.${userId}.routingStatus`, {
      id: userId,
      routingStatus: currentRoutingStatus(ctx.org, userId),
    });
  }
  publish(ctx, `v2.users.${userId}.activity`, agentActivity(ctx.org, userId));
}

/**
 * Set a user's presence (the definition must exist) and keep the routing status in step.
 * @example
 * setUserPresence({ org, services }, userId, SYSTEM_PRESENCE_IDS.BUSY);
 */
export function setUserPresence(ctx: ActivityContext, userId: string, definitionId: string, message?: string): void {
  const before = presenceDefinitionOf(ctx.org, userId).systemPresence;
  writePresence(ctx, userId, definitionId, message ?? currentPresence(ctx.org, userId).message);
  const after = presenceDefinitionOf(ctx.org, userId).systemPresence;
  const routing = currentRoutingStatus(ctx.org, userId).status;
  let routingChanged = false;
  if (after === 'ON_QUEUE' && routing === 'OFF_QUEUE') {
    writeRoutingStatus(ctx, userId, 'IDLE');
    routingChanged = true;
  } else if (before === 'ON_QUEUE' && after !== 'ON_QUEUE' && routing !== 'OFF_QUEUE') {
    writeRoutingStatus(ctx, userId, 'OFF_QUEUE');
    routingChanged = true;
  }
  publishAll(ctx, userId, { presence: true, routing: routingChanged });
}

/**
 * Set a user's routing status and keep the presence in step (On Queue ⇄ Available).
 * @example
 * setRoutingStatus({ org, services }, userId, 'INTERACTING');
 */
export function setRoutingStatus(ctx: ActivityContext, userId: string, status: RoutingStatusValue): void {
  writeRoutingStatus(ctx, userId, status);
  const sys = presenceDefinitionOf(ctx.org, userId).systemPresence;
  let presenceChanged = false;
  if (status !== 'OFF_QUEUE' && sys !== 'ON_QUEUE') {
    writePresence(ctx, userId, SYSTEM_PRESENCE_IDS.ON_QUEUE, '');
    presenceChanged = true;
  } else if (status === 'OFF_QUEUE' && sys === 'ON_QUEUE') {
    writePresence(ctx, userId, SYSTEM_PRESENCE_IDS.AVAILABLE, '');
    presenceChanged = true;
  }
  publishAll(ctx, userId, { presence: presenceChanged, routing: true });
}
