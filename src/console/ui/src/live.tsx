/**
 * @module
 * The live state shared by every view: the recent events (newest first) and change counters
 * that tell list views to reload, fed by the runtime's server-sent updates.
 */
import { createContext } from 'preact';
import type { ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { createBatcher } from './batch.ts';
import { get, openStream } from './api-client.ts';
import type { StreamState } from './api-client.ts';
import { LOCAL_CLOCK, sampleClock, serverNow } from './server-clock.ts';
import type { ClockSamples } from './server-clock.ts';
import type { EventView, RuntimeUpdate } from './types.ts';

/** How many events the browser keeps. */
const MAX_EVENTS = 500;

/** What views read from the live stream. */
export interface Live {
  readonly state: StreamState;
  /** Newest first. */
  readonly events: readonly EventView[];
  /** Bumped on every run or step change. */
  readonly runsVersion: number;
  /** Bumped on every event (the simulator's conversations move with them). */
  readonly eventsVersion: number;
  /** The runtime's clock, estimated from its health answers. */
  readonly clock: ClockSamples;
}

/** How often the runtime's clock is read (ms). */
const CLOCK_POLL_MS = 5000;

const INITIAL: Live = { state: 'connecting', events: [], runsVersion: 0, eventsVersion: 0, clock: LOCAL_CLOCK };
const LiveContext = createContext<Live>(INITIAL);

/** Merge an event into a newest-first list by its log sequence number (pure). */
export function mergeEvent(list: readonly EventView[], e: EventView): EventView[] {
  const rest = list.filter((x) => x.seq !== e.seq);
  return [e, ...rest].sort((a, b) => b.seq - a.seq).slice(0, MAX_EVENTS);
}

/** Apply one live update (pure). */
export function applyUpdate(live: Live, u: RuntimeUpdate): Live {
  if (u.type === 'event' || u.type === 'rejected')
    return { ...live, events: mergeEvent(live.events, u.event), eventsVersion: live.eventsVersion + 1 };
  return { ...live, runsVersion: live.runsVersion + 1 };
}

/** Apply a batch of live updates at once: one merge and one sort however many events arrived (pure). */
export function applyUpdates(live: Live, us: readonly RuntimeUpdate[]): Live {
  const fresh: EventView[] = [];
  let runs = 0;
  for (const u of us) {
    if (u.type === 'event' || u.type === 'rejected') fresh.push(u.event);
    else runs += 1;
  }
  const next = runs > 0 ? { ...live, runsVersion: live.runsVersion + 1 } : live;
  if (fresh.length === 0) return next;
  const bySeq = new Map<number, EventView>();
  for (const e of live.events) bySeq.set(e.seq, e);
  for (const e of fresh) bySeq.set(e.seq, e);
  const events = [...bySeq.values()].sort((a, b) => b.seq - a.seq).slice(0, MAX_EVENTS);
  return { ...next, events, eventsVersion: live.eventsVersion + 1 };
}

/** Provide {@link Live} to the tree: follow the stream, then load the recent events. */
export function LiveProvider(props: { children: ComponentChildren }): preact.JSX.Element {
  const [live, setLive] = useState<Live>(INITIAL);
  useEffect(() => {
    const load = (): void => {
      get<{ entities: EventView[] }>('/api/events/recent', { limit: MAX_EVENTS }).then(
        (r) =>
          setLive((l) => ({
            ...l,
            events: r.entities.reduce(mergeEvent, l.events),
            eventsVersion: l.eventsVersion + 1,
          })),
        () => undefined,
      );
    };
    const readClock = (): void => {
      get<{ now: string }>('/api/health').then(
        (r) => setLive((l) => ({ ...l, clock: sampleClock(l.clock, Date.parse(r.now), Date.now()) })),
        () => undefined,
      );
    };
    readClock();
    // A second early reading measures the clock's speed without waiting for the first poll.
    const early = setTimeout(readClock, 1500);
    const poll = setInterval(readClock, CLOCK_POLL_MS);
    // At thousands of events a second, one render per event would freeze the tab: updates are
    // coalesced and applied once per frame.
    const batcher = createBatcher<RuntimeUpdate>((us) => setLive((l) => applyUpdates(l, us)));
    const close = openStream(
      ['event', 'rejected', 'run', 'step'],
      (m) => batcher.push(m.data as RuntimeUpdate),
      (state) => {
        // On (re)connection, catch up on what was missed while the stream was down.
        if (state === 'live') load();
        setLive((l) =>
          state === 'live' && l.state !== 'live' ? { ...l, state, runsVersion: l.runsVersion + 1 } : { ...l, state },
        );
      },
    );
    return () => {
      clearTimeout(early);
      clearInterval(poll);
      close();
      batcher.cancel();
    };
  }, []);
  return <LiveContext.Provider value={live}>{props.children}</LiveContext.Provider>;
}

/** The live state. */
export function useLive(): Live {
  return useContext(LiveContext);
}

/** The runtime's current time (epoch ms), on its own clock. */
export function useServerNow(): number {
  return serverNow(useLive().clock, Date.now());
}
