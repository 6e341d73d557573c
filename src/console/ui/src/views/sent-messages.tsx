/**
 * @module
 * What the emulated org sent without an agent: the agentless SMS and other messages, and the
 * agentless emails a workflow's data actions sent through `/api/v2/conversations/*\/agentless`,
 * newest first.
 */
import { get } from '../api-client.ts';
import { Badge, Empty, ErrorBox, Panel, useLoad } from '../components.tsx';
import { dateTime } from '../format.ts';

/** One agentless message as the emulator recorded it. */
interface SentMessage {
  readonly id: string;
  readonly conversationId: string;
  readonly fromAddress: string;
  readonly toAddress: string;
  readonly messengerType: string;
  readonly textBody?: string;
  readonly template?: { readonly responseId?: string };
  readonly timestamp: string;
}

/** One agentless email as the emulator recorded it. */
interface SentEmail {
  readonly id: string;
  readonly conversationId: string;
  readonly fromAddress: { readonly email?: string; readonly name?: string };
  readonly toAddresses: readonly { readonly email?: string; readonly name?: string }[];
  readonly subject?: string;
  readonly textBody?: string;
  readonly dateCreated: string;
}

/** One row of the panel. */
interface SentRow {
  readonly id: string;
  readonly kind: string;
  readonly at: number;
  readonly from: string;
  readonly to: string;
  readonly text: string;
}

/** The most rows shown. */
const MAX_ROWS = 50;

/** Messages and emails as rows, newest first (pure). */
export function sentRows(sent: { messages: readonly SentMessage[]; emails: readonly SentEmail[] }): SentRow[] {
  const address = (a: { email?: string; name?: string }): string => a.email ?? a.name ?? '';
  return [
    ...sent.messages.map((m) => ({
      id: m.id,
      kind: m.messengerType.toUpperCase(),
      at: Date.parse(m.timestamp),
      from: m.fromAddress,
      to: m.toAddress,
      text: m.textBody ?? (m.template?.responseId ? `template ${m.template.responseId}` : ''),
    })),
    ...sent.emails.map((e) => ({
      id: e.id,
      kind: 'EMAIL',
      at: Date.parse(e.dateCreated),
      from: address(e.fromAddress),
      to: e.toAddresses.map(address).join(', '),
      text: e.subject ?? e.textBody ?? '',
    })),
  ].sort((a, b) => b.at - a.at);
}

/** The panel of what was sent without an agent; reloads when `version` changes. */
export function SentMessages(props: { version: unknown }): preact.JSX.Element {
  const sent = useLoad(
    () => get<{ messages: SentMessage[]; emails: SentEmail[] }>('/api/simulator/agentless'),
    [props.version],
  );
  const rows = sent.data ? sentRows(sent.data) : [];
  const shown = rows.slice(0, MAX_ROWS);
  return (
    <Panel
      title={
        <>
          Sent without an agent{' '}
          <span class="count">
            {rows.length > shown.length ? `newest ${shown.length} of ${rows.length}` : rows.length}
          </span>
        </>
      }
      testId="sent-messages"
      actions={
        <button type="button" class="small" onClick={sent.reload}>
          Refresh
        </button>
      }
    >
      <ErrorBox error={sent.error} />
      {shown.length === 0 ? (
        <Empty>
          No agentless SMS or email yet: a data action calling /api/v2/conversations/messages/agentless or
          /emails/agentless shows here.
        </Empty>
      ) : (
        <table class="table table-cards">
          <thead>
            <tr>
              <th>Sent</th>
              <th>Kind</th>
              <th>From</th>
              <th>To</th>
              <th>Text</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id} data-testid="sent-message">
                <td class="mono small" data-label="Sent">
                  {dateTime(r.at)}
                </td>
                <td data-label="Kind">
                  <Badge text={r.kind} tone="info" />
                </td>
                <td class="mono small" data-label="From">
                  {r.from}
                </td>
                <td class="mono small" data-label="To">
                  {r.to}
                </td>
                <td data-label="Text">{r.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
