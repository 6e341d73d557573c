/**
 * @module
 * The console shell: header with the live-stream state, the main navigation and the views.
 */
import { get } from './api-client.ts';
import { ErrorBox, useLoad } from './components.tsx';
import { dateTime } from './format.ts';
import { LiveProvider, useLive } from './live.tsx';
import { isVirtual, serverNow } from './server-clock.ts';
import { href, useRoute } from './route.ts';
import type { ConsoleInfo } from './types.ts';
import { CheckView } from './views/check.tsx';
import { ConversationView } from './views/conversation.tsx';
import { EventsView } from './views/events.tsx';
import { OutboundView } from './views/outbound.tsx';
import { RunDetailView } from './views/run-detail.tsx';
import { RunsView } from './views/runs.tsx';
import { SimulatorView } from './views/simulator.tsx';
import { TriggersView } from './views/triggers.tsx';

const NAV = [
  { view: 'events', label: 'Events' },
  { view: 'triggers', label: 'Triggers' },
  { view: 'runs', label: 'Runs' },
  { view: 'simulator', label: 'Simulator' },
  { view: 'outbound', label: 'Outbound' },
  { view: 'check', label: 'Check' },
] as const;

function RuntimeClock(): preact.JSX.Element | null {
  const { clock } = useLive();
  const now = Date.now();
  if (!isVirtual(clock, now)) return null;
  const at = dateTime(serverNow(clock, now));
  const speed = clock.measured ? ` ×${Math.round(clock.rate)}` : '';
  return (
    <span
      class="mode mono"
      title={`the runtime runs on virtual time: ${at}${speed ? `,${speed} real time` : ''}`}
      data-testid="runtime-clock"
    >
      {at.slice(11, 16)}
      {speed}
    </span>
  );
}

function LiveDot(): preact.JSX.Element {
  const { state } = useLive();
  const text = state === 'live' ? 'live' : state === 'connecting' ? 'connecting…' : 'disconnected';
  return (
    <span class={`live live-${state}`} data-testid="live-state" title="live updates (server-sent events)">
      <span class="dot" aria-hidden="true" />
      {text}
    </span>
  );
}

function NotFound(props: { view: string }): preact.JSX.Element {
  return (
    <section class="panel" data-testid="not-found">
      <h2>Page not found</h2>
      <p>
        There is no <code>{props.view}</code> view. <a href={href('events')}>Go to events</a>.
      </p>
    </section>
  );
}

function Main(): preact.JSX.Element {
  const route = useRoute();
  const info = useLoad(() => get<ConsoleInfo>('/api/info'), []);
  const view = route.view;
  let body: preact.JSX.Element;
  if (!info.data) body = info.error ? <ErrorBox error={info.error} /> : <p class="empty">Loading…</p>;
  else if (view === 'triggers') body = <TriggersView route={route} />;
  else if (view === 'runs') body = route.rest[0] ? <RunDetailView id={route.rest[0]} /> : <RunsView info={info.data} />;
  else if (view === 'simulator') body = <SimulatorView info={info.data} />;
  else if (view === 'outbound') body = <OutboundView info={info.data} />;
  else if (view === 'check') body = <CheckView />;
  else if (view === 'events') body = <EventsView route={route} />;
  else if (view === 'conversations' && route.rest[0]) body = <ConversationView id={route.rest[0]} />;
  else body = <NotFound view={view} />;
  return (
    <div class="shell">
      <header class="top">
        <a class="brand" href={href('events')}>
          Switchboard
        </a>
        {info.data ? (
          <span class="mode" title="where workflows and data actions run">
            {info.data.mode === 'emulator' ? 'emulator' : 'Genesys Cloud org'}
          </span>
        ) : null}
        <RuntimeClock />
        <LiveDot />
      </header>
      <nav class="nav" aria-label="Main">
        {NAV.map((n) => (
          <a
            key={n.view}
            href={href(n.view)}
            class={view === n.view ? 'active' : ''}
            aria-current={view === n.view ? 'page' : undefined}
            data-nav={n.view}
          >
            {n.label}
          </a>
        ))}
      </nav>
      <main class="content">{body}</main>
    </div>
  );
}

/** The console application. */
export function App(): preact.JSX.Element {
  return (
    <LiveProvider>
      <Main />
    </LiveProvider>
  );
}
