/**
 * @module
 * The topics a trigger may listen to (platform.md §1.3) and, for the detail-event and user
 * topics, the field schema of their event body (§2.2, §2.4; every field optional, enums from the
 * SDK validators). Used for test-mode schema validation and by static checks of jsonPaths.
 */

/** The type of one event field. */
export type FieldType =
  | 'string'
  | 'integer'
  | 'boolean'
  | { enum: readonly string[] }
  | { array: FieldType }
  | { object: Readonly<Record<string, FieldType>> }
  | { map: FieldType };

/** The schema of an event body: its top-level fields. Unknown fields are allowed. */
interface TopicSchema {
  readonly fields: Readonly<Record<string, FieldType>>;
}

/** A topic a trigger can use, with the schema of its body when known. */
export interface TopicEntry {
  /** The topic template, e.g. `v2.detail.events.conversation.{id}.user.start`. */
  readonly name: string;
  readonly schema: TopicSchema | undefined;
}

const MEDIA_TYPE = {
  enum: [
    'UNKNOWN',
    'VOICE',
    'CHAT',
    'EMAIL',
    'CALLBACK',
    'COBROWSE',
    'VIDEO',
    'SCREENSHARE',
    'MESSAGE',
    'INTERNALMESSAGE',
    'SCREENMONITORING',
  ],
} as const;
const DIRECTION = { enum: ['UNKNOWN', 'INBOUND', 'OUTBOUND'] } as const;
const MESSAGE_TYPE = {
  enum: ['UNKNOWN', 'SMS', 'TWITTER', 'FACEBOOK', 'LINE', 'WHATSAPP', 'WEBMESSAGING', 'OPEN', 'INSTAGRAM', 'APPLE'],
} as const;
const DISCONNECT_TYPE = {
  enum: [
    'UNKNOWN',
    'ENDPOINT',
    'CLIENT',
    'SYSTEM',
    'TRANSFER',
    'ERROR',
    'PEER',
    'OTHER',
    'SPAM',
    'TIMEOUT',
    'TRANSPORT_FAILURE',
    'CONFERENCE_TRANSFER',
    'CONSULT_TRANSFER',
    'FORWARD_TRANSFER',
    'NO_ANSWER_TRANSFER',
    'NOT_AVAILABLE_TRANSFER',
    'UNCALLABLE',
    'DND_ENDPOINT',
    'DND_TRANSFER',
    'INACTIVITY',
    'SESSION_EXPIRED',
    'TAKEOVER',
  ],
} as const;
const FLOW_TYPE = {
  enum: [
    'UNKNOWN',
    'INBOUNDCALL',
    'OUTBOUNDCALL',
    'INQUEUECALL',
    'SECURECALL',
    'INBOUNDEMAIL',
    'SURVEYINVITE',
    'INBOUNDSHORTMESSAGE',
    'INBOUNDCHAT',
    'WORKFLOW',
    'BOT',
    'DIGITALBOT',
    'COMMONMODULE',
    'INQUEUEEMAIL',
    'INQUEUESHORTMESSAGE',
    'VOICE',
    'VOICEMAIL',
    'WORKITEM',
    'VOICESURVEY',
  ],
} as const;
const STRINGS = { array: 'string' } as const;

const SESSION = {
  eventTime: 'integer',
  conversationId: 'string',
  participantId: 'string',
  sessionId: 'string',
  mediaType: MEDIA_TYPE,
  provider: 'string',
  direction: DIRECTION,
  ani: 'string',
  dnis: 'string',
} as const satisfies Record<string, FieldType>;
const ADDRESSES = { addressTo: 'string', addressFrom: 'string' } as const;
const CALLBACK = {
  callbackUserName: 'string',
  callbackNumbers: STRINGS,
  callbackScheduledTime: 'integer',
  subject: 'string',
  messageType: MESSAGE_TYPE,
} as const satisfies Record<string, FieldType>;
const EXTERNAL = {
  conversationExternalContactIds: STRINGS,
  conversationExternalOrganizationIds: STRINGS,
  utilizationLabel: 'string',
  divisionId: 'string',
} as const satisfies Record<string, FieldType>;
const DETAIL = { ...SESSION, ...ADDRESSES, ...CALLBACK, ...EXTERNAL };

const USER_START = { ...DETAIL, userId: 'string', queueId: 'string' } as const;
const DURATIONS = (...names: string[]): Record<string, FieldType> =>
  Object.fromEntries(names.map((n) => [n, 'integer']));
const ROUTING_STATUS = {
  object: {
    status: { enum: ['OFF_QUEUE', 'IDLE', 'INTERACTING', 'NOT_RESPONDING', 'COMMUNICATING'] },
    startTime: 'string',
  },
} as const;
const PRESENCE_DEFINITION = { object: { id: 'string', systemPresence: 'string' } } as const;
const FLOW = {
  ...SESSION,
  ...ADDRESSES,
  subject: 'string',
  messageType: MESSAGE_TYPE,
  flowType: FLOW_TYPE,
  flowId: 'string',
  flowVersion: 'string',
  ...EXTERNAL,
} as const;

const conv = (suffix: string): string => `v2.detail.events.conversation.{id}.${suffix}`;

const SCHEMAS: Record<string, Record<string, FieldType>> = {
  [conv('user.start')]: USER_START,
  [conv('user.end')]: {
    ...USER_START,
    disconnectType: DISCONNECT_TYPE,
    ...DURATIONS(
      'interactingDurationMs',
      'heldDurationMs',
      'alertingDurationMs',
      'contactingDurationMs',
      'dialingDurationMs',
      'callbackDurationMs',
    ),
  },
  [conv('acd.start')]: {
    ...DETAIL,
    queueId: 'string',
    routingPriority: 'integer',
    requestedRoutingSkillIds: STRINGS,
    skillExpressionApplied: 'boolean',
  },
  [conv('acd.end')]: {
    ...DETAIL,
    queueId: 'string',
    disconnectType: DISCONNECT_TYPE,
    acdOutcome: { enum: ['UNKNOWN', 'ABANDON', 'ANSWERED', 'FLOW_OUT'] },
    answeredUserId: 'string',
    requestedRoutings: STRINGS,
    usedRouting: {
      enum: [
        'UNKNOWN',
        'MANUAL',
        'PREDICTIVE',
        'PREFERRED',
        'LAST',
        'BULLSEYE',
        'STANDARD',
        'OTHER',
        'CONDITIONAL',
        'VIP',
      ],
    },
    requestedRoutingSkillIds: STRINGS,
    requestedSkillExpressionIds: STRINGS,
    requestedLanguageId: 'string',
    requestedRoutingUserIds: STRINGS,
    routingPriority: 'integer',
    connectedDurationMs: 'integer',
    flowType: 'string',
  },
  [conv('customer.start')]: {
    ...DETAIL,
    externalOrganizationId: 'string',
    externalContactId: 'string',
    journeyContext: {
      object: { sessionId: 'string', sessionIdType: 'string', actionId: 'string', actionMapId: 'string' },
    },
  },
  [conv('customer.end')]: {
    ...DETAIL,
    externalOrganizationId: 'string',
    externalContactId: 'string',
    disconnectType: DISCONNECT_TYPE,
    interactingDurationMs: 'integer',
  },
  [conv('acw')]: {
    ...DETAIL,
    userId: 'string',
    queueId: 'string',
    wrapupCode: 'string',
    wrapupNotes: 'string',
    wrapupDurationMs: 'integer',
  },
  [conv('wrapup')]: {
    ...DETAIL,
    queueId: 'string',
    wrapupCode: 'string',
    wrapupNotes: 'string',
    wrapupDurationMs: 'integer',
  },
  [conv('outbound')]: {
    ...SESSION,
    ...ADDRESSES,
    subject: 'string',
    messageType: MESSAGE_TYPE,
    outboundCampaignId: 'string',
    outboundContactListId: 'string',
    outboundContactId: 'string',
    ...EXTERNAL,
  },
  [conv('attributes')]: {
    eventTime: 'integer',
    conversationId: 'string',
    participantId: 'string',
    attributes: { map: 'string' },
    conversationExternalContactIds: STRINGS,
    conversationExternalOrganizationIds: STRINGS,
    communications: { array: { object: { id: 'string', mediaType: MEDIA_TYPE } } },
  },
  [conv('contact')]: { ...DETAIL, externalOrganizationId: 'string', externalContactId: 'string' },
  [conv('voicemail.start')]: { ...SESSION, userId: 'string', queueId: 'string', ...EXTERNAL },
  [conv('voicemail.end')]: {
    ...SESSION,
    userId: 'string',
    queueId: 'string',
    disconnectType: DISCONNECT_TYPE,
    voicemailDurationMs: 'integer',
    ...EXTERNAL,
  },
  [conv('flow.start')]: FLOW,
  [conv('flow.end')]: {
    ...FLOW,
    disconnectType: DISCONNECT_TYPE,
    connectedDurationMs: 'integer',
    exitReason: {
      enum: [
        'UNKNOWN',
        'DISCONNECT',
        'FLOW_DISCONNECT',
        'FLOW_ERROR_DISCONNECT',
        'TRANSFER',
        'SESSION_EXPIRE_DISCONNECT',
        'RECOGNITION_FAILURE_DISCONNECT',
        'RECOGNITION_FAILURE_EXIT',
        'USER_EXIT',
        'FLOW_EXIT',
        'FLOW_ERROR_EXIT',
      ],
    },
    transferType: {
      enum: [
        'UNKNOWN',
        'ACD',
        'USER',
        'NUMBER',
        'ACD_VOICEMAIL',
        'USER_VOICEMAIL',
        'GROUP_VOICEMAIL',
        'GROUP',
        'FLOW',
        'SECURE_FLOW',
        'RETURN_TO_AGENT',
      ],
    },
  },
  'v2.users.{id}.activity': {
    id: 'string',
    routingStatus: ROUTING_STATUS,
    presence: {
      object: { presenceDefinition: PRESENCE_DEFINITION, presenceMessage: 'string', modifiedDate: 'string' },
    },
    // outOfOffice carries a boolean `active` ({ active: false }); a string map would reject every activity event.
    outOfOffice: { object: { active: 'boolean' } },
    activeQueueIds: STRINGS,
    dateActiveQueuesChanged: 'string',
  },
  'v2.users.{id}.presence': {
    source: 'string',
    presenceDefinition: PRESENCE_DEFINITION,
    primary: 'boolean',
    message: 'string',
    modifiedDate: 'string',
    futurePresenceDefinition: PRESENCE_DEFINITION,
  },
  'v2.users.{id}.routingStatus': { id: 'string', routingStatus: ROUTING_STATUS },
};

// Topics HELP-TRIG lists without a published body schema here (§1.3): accepted, not schema-checked.
const WITHOUT_SCHEMA = [
  conv('flow.outcome'),
  'v2.detail.events.agent.{id}.state',
  'v2.outbound.email.campaigns.contact.preContact',
  'v2.outbound.email.campaigns.contact.postContact',
  'v2.outbound.messaging.campaigns.contact.preContact',
  'v2.outbound.messaging.campaigns.contact.postContact',
  'v2.quality.evaluations',
  'v2.operations.events.{id}',
  'v2.detail.events.collaboratechat.adhoc.{id}.messages',
  'v2.detail.events.collaboratechat.group.{id}.messages',
  'v2.taskmanagement.workitems.{id}',
  'v2.integrations.inbound.webhook.{id}.invocation',
  'v2.users.{id}.integrationpresence',
  // An outbound web message that could not be delivered (Genesys's own blueprints trigger on it).
  'v2.webmessaging.deployments.{id}.undelivered.messages',
];

/**
 * Every topic a trigger may use, sorted by name.
 * @example
 * TOPIC_CATALOGUE.find((t) => t.name.endsWith('.user.start'))?.schema?.fields.queueId // 'string'
 */
export const TOPIC_CATALOGUE: readonly TopicEntry[] = [
  ...Object.entries(SCHEMAS).map(([name, fields]) => ({ name, schema: { fields } })),
  ...WITHOUT_SCHEMA.map((name) => ({ name, schema: undefined })),
].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

const BY_NAME = new Map(TOPIC_CATALOGUE.map((t) => [t.name, t]));

/**
 * The catalogue entry of a topic template, if it is a trigger topic.
 * @example
 * topicEntry('v2.detail.events.conversation.{id}.acd.start')?.schema !== undefined // true
 */
export function topicEntry(template: string): TopicEntry | undefined {
  return BY_NAME.get(template);
}
