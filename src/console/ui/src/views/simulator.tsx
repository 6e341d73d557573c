/**
 * @module
 * The call simulator panel (emulator only): place a call as an agent — with or without a queue,
 * to a number or a user — answer, hang up, create a callback, and watch each conversation's
 * participants and external tag change as the solutions react; create and move workitems
 * (workitems.tsx) when the org has worktypes.
 */
import { useState } from 'preact/hooks';
import { get, request } from '../api-client.ts';
import { href } from '../route.ts';
import { Badge, Empty, ErrorBox, Field, Panel, useLoad, useRunner } from '../components.tsx';
import type { Runner } from '../components.tsx';
import { clockTime, shortId } from '../format.ts';
import { useLive } from '../live.tsx';
import type { ConsoleInfo, SimConversation, SimParticipant } from '../types.ts';
import { SentMessages } from './sent-messages.tsx';
import { Workitems } from './workitems.tsx';

const SIM = '/api/simulator';

function PlaceCall(props: { info: ConsoleInfo; run: Runner; busy: boolean }): preact.JSX.Element {
  const { info } = props;
  const numbers = useLoad(
    () => get<{ entities: { number: string; description: string }[] }>(`${SIM}/test-numbers`),
    [],
  );
  const [from, setFrom] = useState(info.users[0]?.id ?? '');
  const [kind, setKind] = useState<'phoneNumber' | 'userId'>('phoneNumber');
  const [phone, setPhone] = useState('+13175550100');
  const [toUser, setToUser] = useState(info.users[1]?.id ?? '');
  const [queue, setQueue] = useState('');
  const place = (): Promise<void> =>
    props.run(() =>
      request('POST', `${SIM}/calls`, {
        fromUserId: from,
        to: kind === 'phoneNumber' ? { phoneNumber: phone.trim() } : { userId: toUser },
        ...(queue === '' ? {} : { queueId: queue }),
      }),
    );
  return (
    <form
      class="form"
      onSubmit={(e) => {
        e.preventDefault();
        void place();
      }}
      data-testid="place-call"
    >
      <h3>Place a call as an agent</h3>
      <div class="form-row">
        <Field label="Agent">
          <select name="from" value={from} onChange={(e) => setFrom(e.currentTarget.value)}>
            {info.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="On behalf of queue">
          <select name="queue" value={queue} onChange={(e) => setQueue(e.currentTarget.value)}>
            <option value="">no queue</option>
            {info.queues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div class="form-row">
        <Field label="Call">
          <select
            name="target"
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as 'phoneNumber' | 'userId')}
          >
            <option value="phoneNumber">a phone number</option>
            <option value="userId">a user</option>
          </select>
        </Field>
        {kind === 'phoneNumber' ? (
          <Field label="Number">
            <input
              name="phone"
              class="mono"
              list="test-numbers"
              value={phone}
              onInput={(e) => setPhone(e.currentTarget.value)}
            />
            <datalist id="test-numbers">
              {(numbers.data?.entities ?? []).map((n) => (
                <option key={n.number} value={n.number}>
                  {n.description}
                </option>
              ))}
            </datalist>
          </Field>
        ) : (
          <Field label="User">
            <select name="toUser" value={toUser} onChange={(e) => setToUser(e.currentTarget.value)}>
              {info.users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={props.busy || from === ''}>
          Place call
        </button>
      </div>
    </form>
  );
}

function CreateCallback(props: { info: ConsoleInfo; run: Runner; busy: boolean }): preact.JSX.Element {
  const [queue, setQueue] = useState(props.info.queues[0]?.id ?? '');
  const [number, setNumber] = useState('+13175550142');
  const [name, setName] = useState('');
  const create = (): Promise<void> =>
    props.run(() =>
      request('POST', `${SIM}/callbacks`, {
        queueId: queue,
        callbackNumbers: [number.trim()],
        ...(name.trim() === '' ? {} : { callbackUserName: name.trim() }),
      }),
    );
  return (
    <form
      class="form"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
      data-testid="create-callback"
    >
      <h3>Create a callback</h3>
      <div class="form-row">
        <Field label="Queue">
          <select value={queue} onChange={(e) => setQueue(e.currentTarget.value)}>
            {props.info.queues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Callback number">
          <input class="mono" value={number} onInput={(e) => setNumber(e.currentTarget.value)} />
        </Field>
        <Field label="Customer name">
          <input value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="optional" />
        </Field>
      </div>
      <div class="form-actions">
        <button type="submit" disabled={props.busy || queue === ''}>
          Create callback
        </button>
      </div>
    </form>
  );
}

const active = (p: SimParticipant): boolean => p.state !== 'disconnected' && p.state !== 'terminated';

/** Whether a conversation is over (pure). */
function isEnded(c: SimConversation): boolean {
  return c.endTime !== undefined || !c.participants.some(active);
}

/** How many conversations the panel shows. */
const MAX_SHOWN = 60;

/**
 * The party the Answer button answers for, by the simulator's own rule: a ringing far-end party
 * (alerting, or an external number being dialled), never the caller, a queue or a group (pure).
 */
export function ringingParty(c: SimConversation): SimParticipant | undefined {
  return c.participants
    .slice(1)
    .find(
      (p) =>
        p.purpose !== 'group' &&
        p.purpose !== 'acd' &&
        (p.state === 'alerting' || (p.purpose === 'external' && p.state === 'dialing')),
    );
}

function Conversation(props: {
  c: SimConversation;
  info: ConsoleInfo;
  run: Runner;
  busy: boolean;
}): preact.JSX.Element {
  const { c, run } = props;
  const [agent, setAgent] = useState(props.info.users[0]?.id ?? '');
  const ended = isEnded(c);
  const ringing = ringingParty(c);
  const waiting = c.media === 'callback' && c.participants.some((p) => p.purpose === 'acd' && active(p));
  const cmd = (verb: string, body?: unknown) => () =>
    void run(() => request('POST', `${SIM}/conversations/${encodeURIComponent(c.id)}/${verb}`, body ?? {}));
  return (
    <article class={`conv ${ended ? 'conv-ended' : ''}`} data-testid="conversation" data-conversation-id={c.id}>
      <header class="conv-head">
        <strong class="mono" title={c.id}>
          {shortId(c.id)}
        </strong>
        <span class="muted small">
          {c.media} · {c.originatingDirection} · {clockTime(c.startTime)}
        </span>
        {ended ? <Badge text="ended" tone="muted" /> : <Badge text="active" tone="info" />}
        {c.externalTag ? (
          <span class="tag" data-testid="external-tag" title="the conversation's external tag">
            <span class="tag-key">tag</span>
            {c.externalTag}
          </span>
        ) : null}
        <a
          class="small"
          href={href('conversations', c.id)}
          data-testid="conversation-page-link"
          title="events, trigger decisions, runs and requests about this conversation"
        >
          what acted on it
        </a>
      </header>
      <ul class="parts">
        {c.participants.map((p) => (
          <li key={p.id}>
            <span class="part-purpose">{p.purpose}</span>
            <span class="part-name">
              {p.name ?? p.address ?? '-'}
              {p.disconnectType ? (
                <span class="muted small"> · {p.disconnectType.toLowerCase()} disconnect</span>
              ) : null}
              {p.wrapup ? <span class="muted small"> · wrap-up {p.wrapup.code}</span> : null}
            </span>
            <Badge text={p.held ? 'held' : p.state} />
          </li>
        ))}
      </ul>
      {ended ? null : (
        <div class="conv-actions">
          {ringing ? (
            <button
              type="button"
              class="small"
              disabled={props.busy}
              onClick={cmd('answer', { participantId: ringing.id })}
              title={`${ringing.name ?? ringing.purpose} answers`}
            >
              Answer
            </button>
          ) : null}
          {c.media === 'call' ? (
            <button type="button" class="small" disabled={props.busy} onClick={cmd('hang-up', { side: 'caller' })}>
              Hang up caller
            </button>
          ) : null}
          {c.media === 'call' ? (
            <button type="button" class="small" disabled={props.busy} onClick={cmd('hang-up', { side: 'callee' })}>
              Hang up far end
            </button>
          ) : null}
          {waiting ? (
            <>
              <select class="small" value={agent} onChange={(e) => setAgent(e.currentTarget.value)} aria-label="Agent">
                {props.info.users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
              <button
                type="button"
                class="small"
                disabled={props.busy}
                onClick={cmd('connect-callback', { userId: agent })}
              >
                Connect
              </button>
              <button type="button" class="small" disabled={props.busy} onClick={cmd('cancel-callback')}>
                Cancel
              </button>
            </>
          ) : null}
          <button type="button" class="small danger" disabled={props.busy} onClick={cmd('disconnect')}>
            Disconnect all
          </button>
        </div>
      )}
    </article>
  );
}

/** The simulator view. */
export function SimulatorView(props: { info: ConsoleInfo }): preact.JSX.Element {
  const live = useLive();
  const convs = useLoad(() => get<{ entities: SimConversation[] }>(`${SIM}/conversations`), [live.eventsVersion]);
  const { run, error, busy } = useRunner(convs.reload);
  if (!props.info.simulator) {
    return (
      <Panel title="Call simulator">
        <Empty>The simulator drives the embedded emulator; this runtime is connected to a real org.</Empty>
      </Panel>
    );
  }
  // Active conversations first, then the newest ended ones.
  const all = [...(convs.data?.entities ?? [])].sort(
    (a, b) => Number(isEnded(a)) - Number(isEnded(b)) || b.startTime - a.startTime,
  );
  const list = all.slice(0, MAX_SHOWN);
  return (
    <div class="stack">
      <Panel title="Call simulator" testId="simulator-view">
        <div class="two-col">
          <PlaceCall info={props.info} run={run} busy={busy} />
          <CreateCallback info={props.info} run={run} busy={busy} />
        </div>
        <ErrorBox error={error} />
      </Panel>
      <Panel
        title={
          <>
            Conversations{' '}
            <span class="count">
              {all.length > list.length ? `newest ${list.length} of ${all.length}` : list.length}
            </span>
          </>
        }
        actions={
          <button type="button" class="small" onClick={convs.reload}>
            Refresh
          </button>
        }
      >
        <ErrorBox error={convs.error} />
        {list.length === 0 ? (
          <Empty>No conversation yet.</Empty>
        ) : (
          <div class="conv-list">
            {list.map((c) => (
              <Conversation key={c.id} c={c} info={props.info} run={run} busy={busy} />
            ))}
          </div>
        )}
      </Panel>
      <Workitems version={live.eventsVersion + live.runsVersion} />
      <SentMessages version={live.eventsVersion} />
    </div>
  );
}
