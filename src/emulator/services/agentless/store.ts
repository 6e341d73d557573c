/**
 * @module
 * Agentless messages and emails the org sent: recorded so a test, the console or a workflow's next
 * step can see what was sent, to whom and when.
 */
import { declareStore } from '../../provider-contract.ts';

/** One agentless message (SMS, WhatsApp, …). */
export interface AgentlessMessageRecord {
  id: string;
  conversationId: string;
  fromAddress: string;
  toAddress: string;
  messengerType: string;
  textBody?: string;
  template?: Record<string, unknown>;
  useExistingActiveConversation: boolean;
  timestamp: string;
  /** The OAuth client that sent it. */
  clientId: string;
}

/** One agentless email. */
export interface AgentlessEmailRecord {
  id: string;
  conversationId: string;
  senderType: string;
  fromAddress: { email?: string; name?: string };
  toAddresses: { email?: string; name?: string }[];
  replyToAddress?: { email?: string; name?: string };
  subject?: string;
  textBody?: string;
  htmlBody?: string;
  dateCreated: string;
}

/** What the org sent without an agent, oldest first (bounded: the newest 10,000 of each). */
export interface AgentlessStore {
  messages: AgentlessMessageRecord[];
  emails: AgentlessEmailRecord[];
}

/** Agentless messages and emails. */
export const agentlessStore = declareStore<AgentlessStore>('agentless', () => ({ messages: [], emails: [] }));

/** How many of each kind the store keeps. */
export const AGENTLESS_KEEP = 10_000;
