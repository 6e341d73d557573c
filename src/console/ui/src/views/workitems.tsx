/**
 * @module
 * The simulator's workitems panel (shown when the org has a worktype): what an agent does in
 * Genesys Cloud's workitem views — create a workitem of a worktype, move it to another status —
 * so the worktype's rules launch its workitem flow, whose run shows in the runs view.
 */
import { useState } from 'preact/hooks';
import { get, request } from '../api-client.ts';
import { Badge, Empty, ErrorBox, Field, Panel, useLoad, useRunner } from '../components.tsx';
import type { Runner } from '../components.tsx';
import { dateTime, shortId } from '../format.ts';
import type { SimWorkitem, SimWorktype } from '../types.ts';
import { moveTargets, pickWorktype, workitemCreateBody, workitemRows } from '../workitems.ts';
import type { WorkitemRow } from '../workitems.ts';

const SIM = '/api/simulator';

/** The badge tone of a status category (Open, Waiting, InProgress, Closed). */
const CATEGORY_TONE: Record<string, string> = { Open: 'info', Waiting: 'wait', InProgress: 'wait', Closed: 'muted' };

function FlowOf(props: { worktype: SimWorktype }): preact.JSX.Element {
  const { flow } = props.worktype;
  return (
    <div class="field">
      <span class="field-label">Workitem flow</span>
      <span data-testid="worktype-flow" data-flow={flow?.name ?? ''}>
        {flow ? (
          <Badge
            text={flow.name ?? shortId(flow.id)}
            tone="info"
            title="runs when one of the worktype's rules matches"
          />
        ) : (
          <span class="muted small">no workitem flow: its rules launch nothing</span>
        )}
      </span>
    </div>
  );
}

function CreateWorkitem(props: {
  worktypes: readonly SimWorktype[];
  worktype: SimWorktype;
  onWorktype: (id: string) => void;
  run: Runner;
  busy: boolean;
}): preact.JSX.Element {
  const [name, setName] = useState('');
  const [priority, setPriority] = useState('');
  const create = (): Promise<void> =>
    props.run(async () => {
      const checked = workitemCreateBody(props.worktype.id, { name, priority });
      if ('problem' in checked) throw new Error(checked.problem);
      await request('POST', `${SIM}/workitems`, checked.body);
      setName('');
    });
  return (
    <form
      class="form"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
      data-testid="create-workitem"
    >
      <div class="form-row">
        <Field label="Worktype">
          <select name="worktype" value={props.worktype.id} onChange={(e) => props.onWorktype(e.currentTarget.value)}>
            {props.worktypes.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
        <FlowOf worktype={props.worktype} />
      </div>
      <h3>Create a workitem</h3>
      <div class="form-row">
        <Field label="Name">
          <input name="name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field label="Priority">
          <input
            name="priority"
            inputMode="numeric"
            value={priority}
            onInput={(e) => setPriority(e.currentTarget.value)}
            placeholder="optional"
          />
        </Field>
      </div>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={props.busy}>
          Create workitem
        </button>
      </div>
    </form>
  );
}

function Workitem(props: { row: WorkitemRow; worktype: SimWorktype; run: Runner; busy: boolean }): preact.JSX.Element {
  const { row } = props;
  const targets = moveTargets(props.worktype, row.statusId);
  const [to, setTo] = useState('');
  const chosen = targets.some((t) => t.id === to) ? to : (targets[0]?.id ?? '');
  const move = (): Promise<void> =>
    props.run(() => request('PATCH', `${SIM}/workitems/${encodeURIComponent(row.id)}`, { statusId: chosen }));
  return (
    <tr data-testid="workitem" data-workitem-id={row.id} data-status={row.statusName}>
      <td class="mono small" data-label="Created">
        {dateTime(Date.parse(row.dateCreated))}
      </td>
      <td data-label="Name">
        {row.name} <span class="mono muted small">{shortId(row.id)}</span>
      </td>
      <td class="mono" data-label="Priority">
        {row.priority}
      </td>
      <td data-label="Status">
        <Badge text={row.statusName} tone={CATEGORY_TONE[row.statusCategory] ?? 'muted'} />
      </td>
      <td data-label="Move to">
        {targets.length === 0 ? null : (
          <div class="conv-actions">
            <select
              class="small"
              value={chosen}
              onChange={(e) => setTo(e.currentTarget.value)}
              aria-label="Move to status"
              data-testid="workitem-move-to"
            >
              {targets.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              class="small"
              disabled={props.busy}
              onClick={() => void move()}
              data-testid="workitem-move"
            >
              Move
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}

/** The workitems panel; nothing when the org has no worktype. Reloads its list when `version` changes. */
export function Workitems(props: { version: unknown }): preact.JSX.Element | null {
  const types = useLoad(() => get<{ entities: SimWorktype[] }>(`${SIM}/worktypes`), []);
  const items = useLoad(() => get<{ entities: SimWorkitem[] }>(`${SIM}/workitems`), [props.version]);
  const [typeId, setTypeId] = useState('');
  const { run, error, busy } = useRunner(items.reload);
  const worktypes = types.data?.entities ?? [];
  const worktype = pickWorktype(worktypes, typeId);
  if (worktype === undefined && types.error === undefined) return null;
  const rows = worktype ? workitemRows(worktype, items.data?.entities ?? []) : [];
  return (
    <Panel
      title={
        <>
          Workitems <span class="count">{rows.length}</span>
        </>
      }
      testId="workitems"
      actions={
        <button
          type="button"
          class="small"
          onClick={() => {
            types.reload();
            items.reload();
          }}
        >
          Refresh
        </button>
      }
    >
      <ErrorBox error={types.error} />
      {worktype ? (
        <CreateWorkitem worktypes={worktypes} worktype={worktype} onWorktype={setTypeId} run={run} busy={busy} />
      ) : null}
      <ErrorBox error={error} />
      <ErrorBox error={items.error} />
      {worktype === undefined ? null : rows.length === 0 ? (
        <Empty>No workitem of {worktype.name} yet.</Empty>
      ) : (
        <table class="table table-cards">
          <thead>
            <tr>
              <th>Created</th>
              <th>Name</th>
              <th>Priority</th>
              <th>Status</th>
              <th>Move to</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <Workitem key={r.id} row={r} worktype={worktype} run={run} busy={busy} />
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
