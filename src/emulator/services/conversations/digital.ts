/**
 * @module
 * Email and message conversations. The call simulator knows calls and callbacks only; the org's
 * email and message conversations are the ones it opened without an agent
 * (`POST /api/v2/conversations/{emails|messages}/agentless`). Such a conversation is materialized
 * here the first time a route names it, and from then on holds its participants' state (attributes,
 * hold, disconnect), persisted with the org.
 *
 * Participants `[INFERRED]` (Genesys does not document an agentless conversation's parties): the
 * sender, purpose `agent` with no user, and one `customer` per recipient, all `outbound` and
 * `connected` from the time it was sent.
 */
import type { EmulatorServices, OrgState } from '../../provider-contract.ts';
import { declareStore } from '../../provider-contract.ts';
import { agentlessStore } from '../agentless/store.ts';

/** The media of a digital conversation. */
export type DigitalMedia = 'email' | 'message';

/** A participant of an email or message conversation, with its one communication. */
export interface DigitalParticipant {
  id: string;
  /** The communication id. */
  sessionId: string;
  purpose: 'agent' | 'customer';
  name?: string;
  address: string;
  direction: 'inbound' | 'outbound';
  state: 'connected' | 'disconnected';
  held: boolean;
  /** ISO-8601 times. */
  startTime: string;
  connectedTime: string;
  endTime?: string;
  disconnectType?: 'client';
  attributes: Record<string, string>;
}

/** An email or message conversation. */
export interface DigitalConversation {
  id: string;
  media: DigitalMedia;
  startTime: string;
  endTime?: string;
  /** Message conversations: the messenger (`sms`, `whatsapp`…). */
  messengerType?: string;
  /** Email conversations: the subject of the first email. */
  subject?: string;
  participants: DigitalParticipant[];
}

/** The digital conversations of one org, by id. */
interface DigitalStore {
  conversations: Record<string, DigitalConversation>;
}

/** Email and message conversations, once a route has named them. */
export const digitalStore = declareStore<DigitalStore>('digitalConversations', () => ({ conversations: {} }));

function party(
  services: EmulatorServices,
  purpose: DigitalParticipant['purpose'],
  address: string,
  at: string,
  name?: string,
): DigitalParticipant {
  return {
    id: services.ids.uuid(),
    sessionId: services.ids.uuid(),
    purpose,
    ...(name === undefined || name === '' ? {} : { name }),
    address,
    direction: 'outbound',
    state: 'connected',
    held: false,
    startTime: at,
    connectedTime: at,
    attributes: {},
  };
}

/** Build the conversation from the first agentless message or email sent in it, if any. */
function fromAgentless(org: OrgState, services: EmulatorServices, id: string): DigitalConversation | undefined {
  const sent = org.get(agentlessStore);
  const message = sent.messages.find((m) => m.conversationId === id);
  if (message) {
    return {
      id,
      media: 'message',
      startTime: message.timestamp,
      messengerType: message.messengerType,
      participants: [
        party(services, 'agent', message.fromAddress, message.timestamp),
        party(services, 'customer', message.toAddress, message.timestamp),
      ],
    };
  }
  const email = sent.emails.find((e) => e.conversationId === id);
  if (!email) return undefined;
  const at = email.dateCreated;
  return {
    id,
    media: 'email',
    startTime: at,
    ...(email.subject === undefined ? {} : { subject: email.subject }),
    participants: [
      party(services, 'agent', email.fromAddress.email ?? '', at, email.fromAddress.name),
      ...email.toAddresses.map((to) => party(services, 'customer', to.email ?? '', at, to.name)),
    ],
  };
}

/**
 * The org's email or message conversation `id` (undefined when the org has none by that id).
 * @example
 * const conv = digitalConversation(c.get('org'), c.get('services'), conversationId);
 */
export function digitalConversation(
  org: OrgState,
  services: EmulatorServices,
  id: string,
): DigitalConversation | undefined {
  const store = org.get(digitalStore);
  const known = store.conversations[id];
  if (known) return known;
  const made = fromAgentless(org, services, id);
  if (!made) return undefined;
  store.conversations[id] = made;
  org.touch(digitalStore);
  return made;
}

/** Agentless messages sent in a message conversation, oldest first. */
export function sentMessages(org: OrgState, id: string): { id: string; timestamp: string }[] {
  return org
    .get(agentlessStore)
    .messages.filter((m) => m.conversationId === id)
    .map((m) => ({ id: m.id, timestamp: m.timestamp }));
}

/** How many agentless emails were sent in an email conversation. */
export function sentEmails(org: OrgState, id: string): number {
  return org.get(agentlessStore).emails.filter((e) => e.conversationId === id).length;
}
