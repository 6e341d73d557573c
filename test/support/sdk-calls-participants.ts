/**
 * @module
 * The SDK contract test's calls of the media-specific participant routes and of SCIM.
 */
import type { Call, Ids } from './sdk-call-types.ts';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const GENESYS = 'urn:ietf:params:scim:schemas:extension:genesys:purecloud:2.0:User';

type Party = { id?: string; purpose?: string };
const customerOf = (r: { participants?: Party[] }): string =>
  r.participants?.find((p) => p.purpose === 'customer')?.id ?? '';

const email = (ids: Ids): Partial<Ids> => ({
  conversationId: ids.emailConversationId,
  participantId: ids.emailParticipantId,
});
const message = (ids: Ids): Partial<Ids> => ({
  conversationId: ids.messageConversationId,
  participantId: ids.messageParticipantId,
});

function scimUser(userName: string): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE, GENESYS],
    userName,
    displayName: 'Provisioned Person',
    title: 'Agent',
    emails: [{ value: userName, type: 'work', primary: true }],
    phoneNumbers: [{ value: '+13175550177', type: 'work' }],
    externalId: `idp-${userName}`,
    [ENTERPRISE]: { department: 'Support', employeeNumber: '7001', dateHire: '2026-01-05' },
    [GENESYS]: {
      routingSkills: [{ name: 'Billing', proficiency: 3 }],
      routingLanguages: [{ name: 'English', proficiency: 5 }],
      externalIds: [{ authority: 'hr', value: userName }],
    },
  };
}

const patchOp = (title: string): Record<string, unknown> => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: [
    { op: 'replace', path: 'title', value: title },
    { op: 'replace', path: `${ENTERPRISE}:department`, value: 'Sales' },
    { op: 'add', path: `${GENESYS}:routingSkills`, value: [{ name: 'Retention', proficiency: 2 }] },
    { op: 'replace', path: 'active', value: false },
  ],
});

/** The participant and SCIM calls that need a body or create what later calls use, after the core ones. */
export const PARTICIPANT_CREATE: readonly Call[] = [
  {
    op: 'postConversationsEmailsAgentless',
    body: () => ({
      senderType: 'Outbound',
      fromAddress: { email: 'support@example.com', name: 'Support' },
      toAddresses: [{ email: 'casey@example.com', name: 'Casey' }],
      subject: 'Case 42',
      textBody: 'We are on it',
    }),
    capture: (r, ids) => (ids.emailConversationId = r.conversationId),
  },
  {
    op: 'getConversationsEmail',
    params: (ids) => ({ conversationId: ids.emailConversationId }),
    capture: (r, ids) => {
      ids.emailParticipantId = customerOf(r);
    },
  },
  {
    op: 'postConversationsMessagesAgentless',
    body: () => ({
      fromAddress: '+13175550000',
      toAddress: '+13175550111',
      toAddressMessengerType: 'sms',
      textBody: 'Your parcel is on its way',
    }),
    capture: (r, ids) => (ids.messageConversationId = r.conversationId),
  },
  {
    op: 'getConversationsMessage',
    params: (ids) => ({ conversationId: ids.messageConversationId }),
    capture: (r, ids) => {
      ids.messageParticipantId = customerOf(r);
    },
  },
  {
    op: 'postScimUsers',
    body: () => scimUser('scim.one@example.com'),
    capture: (r, ids) => (ids.scimUserId = r.id),
  },
  {
    op: 'postScimV2Users',
    body: () => scimUser('scim.two@example.com'),
    capture: (r, ids) => (ids.scimV2UserId = r.id),
  },
];

/** The participant and SCIM calls that change or delete, after the core ones. */
export const PARTICIPANT_CHANGE: readonly Call[] = [
  { op: 'patchConversationsCallParticipantAttributes', body: () => ({ attributes: { contract: 'call' } }) },
  {
    op: 'patchConversationsCallbackParticipantAttributes',
    params: (ids) => ({ conversationId: ids.callbackId, participantId: ids.callbackParticipantId }),
    body: () => ({ attributes: { contract: 'callback' } }),
  },
  {
    op: 'patchConversationsEmailParticipantAttributes',
    params: email,
    body: () => ({ attributes: { contract: 'email' } }),
  },
  {
    op: 'patchConversationsMessageParticipantAttributes',
    params: message,
    body: () => ({ attributes: { contract: 'message' } }),
  },
  { op: 'patchConversationsEmailParticipant', params: email, body: () => ({ held: true }) },
  { op: 'patchConversationsMessageParticipant', params: message, body: () => ({ state: 'disconnected' }) },
  { op: 'patchScimUser', params: (ids) => ({ userId: ids.scimUserId }), body: () => patchOp('Team Lead') },
  { op: 'patchScimV2User', params: (ids) => ({ userId: ids.scimV2UserId }), body: () => patchOp('Supervisor') },
  {
    op: 'putScimUser',
    params: (ids) => ({ userId: ids.scimUserId }),
    body: () => scimUser('scim.one@example.com'),
    opts: () => ({ ifMatch: 'W/"2"' }),
  },
  {
    op: 'putScimV2User',
    params: (ids) => ({ userId: ids.scimV2UserId }),
    body: () => scimUser('scim.two@example.com'),
  },
  // Last: the deletes.
  { op: 'deleteScimUser', params: (ids) => ({ userId: ids.scimUserId }) },
  { op: 'deleteScimV2User', params: (ids) => ({ userId: ids.scimV2UserId }) },
];
