/**
 * @module
 * One call simulator per org of an emulator, wired to the org's stores: conversations live in the
 * conversations store, users / queues / groups come from the directory stores, and every detail
 * event goes out on the emulator's event bus (the notification hub logs it and feeds websockets).
 */
import { isSwitchboardError } from '../../../core/index.ts';
import { ApiError, badRequest } from '../../errors.ts';
import type { EmulatorServices } from '../../provider-contract.ts';
import { declareService } from '../../provider-contract.ts';
import { Simulator, SimulatorErrors } from '../../simulator/index.ts';
import type { Directory } from '../../simulator/index.ts';
import { notificationHub } from '../notifications/hub.ts';
import { joinedMemberIds, routingStore } from '../routing/store.ts';
import { usersStore } from '../users/store.ts';
import { conversationsStore } from './store.ts';

/** The directory of an org, read live from its users and routing stores. */
export function orgDirectory(services: EmulatorServices, orgId: string): Directory {
  const org = (): ReturnType<EmulatorServices['org']> => services.org(orgId);
  return {
    user: (id) => {
      const u = org().get(usersStore).users[id];
      return u && u.state !== 'deleted' ? { id: u.id, name: u.name } : undefined;
    },
    queue: (id) => {
      const q = org().get(routingStore).queues[id];
      // Only joined members are offered the queue's interactions.
      return q ? { id: q.id, name: q.name, memberIds: joinedMemberIds(q) } : undefined;
    },
    routingStatus: (id) => org().get(usersStore).routingStatus[id] ?? { status: 'OFF_QUEUE', startTime: '' },
    group: (id) => {
      const g = org().get(routingStore).groups[id];
      return g ? { id: g.id, name: g.name, memberIds: [...g.memberIds] } : undefined;
    },
  };
}

/**
 * The call simulators of an emulator, one per org. When an org's state is reset or restored, its
 * simulator's pending timers stop, so no event or change from the replaced calls reaches the new state.
 */
const simulatorsService = declareService('simulators', () => new Map<string, Simulator>(), {
  reset: (byOrg, orgIds) => {
    for (const [orgId, simulator] of byOrg) if (orgIds.includes(orgId)) simulator.dispose();
  },
  close: (byOrg) => {
    for (const simulator of byOrg.values()) simulator.dispose();
  },
});

/**
 * The simulator of an org (created on first use; its events are logged from the start).
 * @example
 * simulatorFor(c.get('services'), c.get('org').orgId).placeCall({ fromUserId, to: { phoneNumber } })
 */
export function simulatorFor(services: EmulatorServices, orgId: string): Simulator {
  const byOrg = services.service(simulatorsService);
  let sim = byOrg.get(orgId);
  if (!sim) {
    notificationHub(services).track(orgId);
    sim = new Simulator({
      clock: services.clock,
      ids: services.ids,
      logger: services.logger.child({ component: 'simulator', orgId }),
      directory: orgDirectory(services, orgId),
      state: () => services.org(orgId).get(conversationsStore),
      changed: () => services.org(orgId).touch(conversationsStore),
      publish: (e) => services.events.publish(orgId, e),
    });
    byOrg.set(orgId, sim);
  }
  return sim;
}

/** A simulator error as the Genesys `ErrorBody` a provider answers with (other errors pass through). */
function toApiError(e: unknown): unknown {
  if (!isSwitchboardError(e)) return e;
  const details = e.details as { field?: string; id?: string; entity?: string };
  switch (e.code) {
    case SimulatorErrors.SB_EMULATOR_SIM_NOT_FOUND:
      return new ApiError(404, 'not.found', e.message, {
        ...(details.id === undefined ? {} : { entityId: details.id }),
        ...(details.entity === undefined ? {} : { entityName: details.entity }),
      });
    case SimulatorErrors.SB_EMULATOR_SIM_INVALID:
      return badRequest(
        e.message,
        details.field === undefined ? [] : [{ errorCode: 'invalid.value', fieldName: details.field }],
        'invalid.value',
      );
    case SimulatorErrors.SB_EMULATOR_SIM_STATE:
      return badRequest(e.message);
    default:
      return e;
  }
}

/**
 * Run a simulator command, turning its errors into Genesys error bodies.
 * @example
 * const conv = sim(() => simulator.hangUp(id, 'caller'));
 */
export function sim<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw toApiError(e);
  }
}
