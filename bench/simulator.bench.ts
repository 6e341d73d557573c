/**
 * @module
 * Call-simulator throughput in detail events per second: whole scenarios driven by commands (the
 * state machine, segment history, event building, transaction and publish), and the notification
 * hub fanning the events out to websocket channels. The fan-out row's peer, measured in the same
 * run, is the same scenario with no channel, so the ratio is the cost of delivery.
 */
import { seededIds, silentLogger } from '../src/core/index.ts';
import type { Clock, NotificationEvent } from '../src/core/index.ts';
import { EventBus, ServiceRegistry } from '../src/emulator/provider-contract.ts';
import type { EmulatorServices, OrgState, Principal } from '../src/emulator/provider-contract.ts';
import { NotificationHub } from '../src/emulator/services/notifications/hub.ts';
import { Simulator, emptySimState } from '../src/emulator/simulator/index.ts';
import type { Directory } from '../src/emulator/simulator/index.ts';
import type { BenchRow } from './types.ts';

const ORG = '5f1b2c3d-0000-4000-8000-0000000000a1';
const AGENT = 'a11ce000-0000-4000-8000-000000000001';
const QUEUE = '90e0e000-0000-4000-8000-000000000001';
const ROUND_MS = 300;

/** A clock whose timers never fire: scenarios are driven by commands only. */
function stillClock(): Clock {
  let t = Date.UTC(2026, 0, 5, 9);
  return {
    now: () => (t += 1),
    sleep: () => Promise.resolve(),
    setTimer: () => ({ cancel() {} }),
  };
}

const directory: Directory = {
  user: (id) => (id === AGENT ? { id, name: 'Alice' } : undefined),
  queue: (id) => (id === QUEUE ? { id, name: 'Support' } : undefined),
  group: () => undefined,
};

function simulator(publish: (e: NotificationEvent) => void): Simulator {
  const state = emptySimState();
  return new Simulator({
    clock: stillClock(),
    ids: seededIds(1),
    directory,
    state: () => state,
    publish,
    maxConversations: 1_000,
  });
}

/** A subject: runs a batch of scenarios and returns how many events they produced. */
type Subject = () => number;

function subject(scenario: (sim: Simulator) => void, publish: (e: NotificationEvent) => void = () => {}): Subject {
  let events = 0;
  const sim = simulator((e) => {
    events++;
    publish(e);
  });
  return () => {
    events = 0;
    for (let i = 0; i < 50; i++) scenario(sim);
    return events;
  };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Events per second of each subject: alternating short rounds, each subject's median, so a busy
 * machine skews them alike.
 */
function interleaved<K extends string>(
  subjects: Record<K, Subject>,
  rounds = 7,
  roundMs = ROUND_MS,
): Record<K, number> {
  const keys = Object.keys(subjects) as K[];
  const rates = new Map<K, number[]>(keys.map((k) => [k, []]));
  for (const k of keys) for (let i = 0; i < 20; i++) subjects[k]();
  for (let r = 0; r < rounds; r++) {
    for (const k of r % 2 === 0 ? keys : [...keys].reverse()) {
      let events = 0;
      const start = performance.now();
      let elapsed = 0;
      while ((elapsed = performance.now() - start) < roundMs) events += subjects[k]();
      rates.get(k)!.push((events / elapsed) * 1000);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, median(rates.get(k)!)])) as Record<K, number>;
}

const outbound = (sim: Simulator): void => {
  const conv = sim.placeCall({ fromUserId: AGENT, to: { phoneNumber: '+13175551234' } });
  sim.answer(conv.id);
  sim.hangUp(conv.id, 'caller');
};

const inboundAcd = (sim: Simulator): void => {
  const conv = sim.inboundAcdCall({ ani: '+13175557777', queueId: QUEUE });
  const agent = sim.routeToAgent(conv.id, AGENT);
  sim.answer(conv.id, agent.id);
  sim.hangUp(conv.id, 'customer');
  sim.wrapUp(conv.id, agent.id, { code: 'resolved' });
};

/** The outbound scenario publishing through a hub with `channels` sockets subscribed with the `{id}` wildcard. */
function fannedOut(channels: number): { subject: Subject; sends: () => number } {
  const bus = new EventBus();
  const registry = new ServiceRegistry();
  const services: EmulatorServices = {
    clock: stillClock(),
    ids: seededIds(2),
    logger: silentLogger,
    events: bus,
    thirdParty: () => Promise.reject(new Error('no third-party host here')),
    org: () => ({}) as OrgState,
    service: (decl) => registry.get(decl, services),
  };
  const hub = new NotificationHub(services, { heartbeatMs: 3_600_000 });
  hub.track(ORG);
  const principal: Principal = { orgId: ORG, clientId: 'bench', token: 'bench', permissions: new Set() };
  let sends = 0;
  for (let i = 0; i < channels; i++) {
    const ch = hub.create(principal, 'ws://bench');
    hub.subscribe(
      ch,
      ['v2.detail.events.conversation.{id}.user.start', 'v2.detail.events.conversation.{id}.user.end'],
      false,
    );
    hub.connect(ch.id, { send: () => void sends++, close: () => {} });
  }
  return { subject: subject(outbound, (e) => bus.publish(ORG, e)), sends: () => sends };
}

/** Measure the simulator. */
export async function run(): Promise<BenchRow[]> {
  const hub = fannedOut(10);
  const r = interleaved({ outbound: subject(outbound), acd: subject(inboundAcd), hub: hub.subject });
  const perConversation = (rate: number, events: number): string =>
    `${((events / rate) * 1e6).toFixed(0)} µs per conversation`;
  return [
    {
      suite: 'simulator',
      name: 'outbound PSTN call: place → answer → hang up (4 events)',
      value: r.outbound,
      unit: 'events/s',
      note: perConversation(r.outbound, 4),
    },
    {
      suite: 'simulator',
      name: 'inbound ACD call with agent and wrap-up (7 events)',
      value: r.acd,
      unit: 'events/s',
      note: perConversation(r.acd, 7),
    },
    {
      suite: 'simulator',
      name: 'outbound calls, user.start/end fanned out to 10 websocket channels',
      value: r.hub,
      unit: 'events/s',
      peer: 'no channel',
      peerValue: r.outbound,
      note: `${hub.sends()} socket sends`,
    },
  ];
}
