/**
 * @module
 * Conversations API views of an email or message conversation: `EmailConversation`,
 * `MessageConversation` (flattened media participants) and the generic `Conversation`
 * (`participants[].emails[]` / `messages[]`). Absent values are omitted, never null.
 */
import type { OrgState } from '../../provider-contract.ts';
import type { DigitalConversation, DigitalParticipant } from './digital.ts';
import { sentEmails, sentMessages } from './digital.ts';
import { compact } from './views.ts';

type Json = Record<string, unknown>;

const PROVIDER = { email: 'PureCloud Email', message: 'PureCloud Messaging' } as const;

/** The parts of a message communication: its addresses, messenger and (the sender's) messages. */
function messageParts(org: OrgState, conv: DigitalConversation, p: DigitalParticipant): Json {
  const sender = conv.participants.find((x) => x.purpose === 'agent');
  const customer = conv.participants.find((x) => x.purpose === 'customer');
  return compact({
    type: conv.messengerType,
    fromAddress: sender ? { addressNormalized: sender.address } : undefined,
    toAddress: customer ? { addressNormalized: customer.address } : undefined,
    // Each agentless send is one message of the sender's communication; Genesys queues it for the
    // messenger, so `queued` is what the org can know [INFERRED].
    messages:
      p.purpose === 'agent'
        ? sentMessages(org, conv.id).map((m) => ({
            messageId: m.id,
            messageURI: `/api/v2/conversations/messages/${conv.id}/messages/${m.id}`,
            messageStatus: 'queued',
            messageTime: m.timestamp,
          }))
        : undefined,
  });
}

function emailParts(org: OrgState, conv: DigitalConversation, p: DigitalParticipant): Json {
  return compact({
    subject: conv.subject,
    messagesSent: p.purpose === 'agent' ? sentEmails(org, conv.id) : undefined,
  });
}

function mediaParts(org: OrgState, conv: DigitalConversation, p: DigitalParticipant): Json {
  return conv.media === 'email' ? emailParts(org, conv, p) : messageParts(org, conv, p);
}

/** An `EmailMediaParticipant` / `MessageMediaParticipant`. */
function mediaParticipantView(org: OrgState, conv: DigitalConversation, p: DigitalParticipant): Json {
  return compact({
    id: p.id,
    name: p.name,
    address: p.address === '' ? undefined : p.address,
    startTime: p.startTime,
    connectedTime: p.connectedTime,
    endTime: p.endTime,
    purpose: p.purpose,
    state: p.state,
    direction: p.direction,
    disconnectType: p.disconnectType,
    held: p.held,
    wrapupRequired: false,
    attributes: { ...p.attributes },
    provider: PROVIDER[conv.media],
    ...mediaParts(org, conv, p),
  });
}

/**
 * The `EmailConversation` or `MessageConversation` (GET /api/v2/conversations/{emails|messages}/{id}).
 * @example
 * c.json(digitalMediaConversationView(c.get('org'), conv))
 */
export function digitalMediaConversationView(org: OrgState, conv: DigitalConversation): Json {
  return {
    id: conv.id,
    participants: conv.participants.map((p) => mediaParticipantView(org, conv, p)),
    otherMediaUris: [],
    selfUri: `/api/v2/conversations/${conv.media === 'email' ? 'emails' : 'messages'}/${conv.id}`,
  };
}

/** The `Email` / `Message` communication of a generic `Participant`. */
function communication(org: OrgState, conv: DigitalConversation, p: DigitalParticipant): Json {
  return compact({
    state: p.state,
    id: p.sessionId,
    held: p.held,
    direction: p.direction,
    disconnectType: p.disconnectType,
    connectedTime: p.connectedTime,
    disconnectedTime: p.endTime,
    provider: PROVIDER[conv.media],
    afterCallWorkRequired: false,
    ...mediaParts(org, conv, p),
  });
}

/**
 * The generic `Conversation` of an email or message conversation (GET /api/v2/conversations/{id}).
 * @example
 * c.json(digitalConversationView(c.get('org'), conv))
 */
export function digitalConversationView(org: OrgState, conv: DigitalConversation): Json {
  return compact({
    id: conv.id,
    startTime: conv.startTime,
    endTime: conv.endTime,
    participants: conv.participants.map((p) =>
      compact({
        id: p.id,
        startTime: p.startTime,
        endTime: p.endTime,
        connectedTime: p.connectedTime,
        name: p.name,
        purpose: p.purpose,
        address: p.address === '' ? undefined : p.address,
        wrapupRequired: false,
        attributes: { ...p.attributes },
        [conv.media === 'email' ? 'emails' : 'messages']: [communication(org, conv, p)],
      }),
    ),
    state: conv.endTime === undefined ? 'connected' : 'disconnected',
    selfUri: `/api/v2/conversations/${conv.id}`,
  });
}
