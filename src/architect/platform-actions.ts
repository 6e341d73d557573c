/**
 * @module
 * The actions that call Genesys Cloud directly (not through a data action): Find User/Queue/Group/Skill/Language Skill,
 * Get External Contact, Get/Set Participant Data. Each becomes one or more API requests through
 * the injected `FlowStepTools.genesys`, with the permission Genesys requires (docs/architect-semantics.md).
 */
import { isPlainObject } from '../core/index.ts';
import type { Fetch } from '../core/index.ts';
import { scopesOf, walkActions } from './model.ts';
import type {
  BaseType,
  EvaluateScheduleAction,
  EvaluateScheduleGroupAction,
  Flow,
  LookupKind,
  WorkitemAction,
} from './model.ts';

/** How one lookup is spelled in both formats, what it finds and the API it calls. */
export interface LookupSpec {
  /** The Architect action name, for messages and docs. */
  readonly label: string;
  /** `.i3WorkFlow` `__type`. */
  readonly i3: string;
  /** The input key (the first is the one written by Archy; the others are accepted too). */
  readonly keys: readonly string[];
  /** The result variable key (YAML and .i3WorkFlow). */
  readonly resultKeys: readonly string[];
  readonly type: BaseType;
  readonly permission: string;
}

/** Every lookup action. */
export const LOOKUPS: Readonly<Record<LookupKind, LookupSpec>> = {
  findUser: {
    label: 'Find User',
    i3: 'FindUserAction',
    keys: ['email', 'userEmail'],
    resultKeys: ['findResult', 'user'],
    type: 'User',
    permission: 'directory:user:view',
  },
  findUserById: {
    label: 'Find User by Id',
    i3: 'FindUserByIdAction',
    keys: ['userId', 'findId', 'id'],
    resultKeys: ['findResult', 'user'],
    type: 'User',
    permission: 'directory:user:view',
  },
  findQueue: {
    label: 'Find Queue',
    i3: 'FindQueueAction',
    keys: ['queueName', 'name'],
    resultKeys: ['findResult', 'queue'],
    type: 'Queue',
    permission: 'routing:queue:view',
  },
  findQueueById: {
    label: 'Find Queue by Id',
    i3: 'FindQueueByIdAction',
    keys: ['queueId', 'findId', 'id'],
    resultKeys: ['findResult', 'queue'],
    type: 'Queue',
    permission: 'routing:queue:view',
  },
  findGroup: {
    label: 'Find Group',
    i3: 'FindGroupAction',
    keys: ['groupName', 'name'],
    resultKeys: ['findResult', 'group'],
    type: 'Group',
    permission: 'directory:group:view',
  },
  findGroupById: {
    label: 'Find Group by Id',
    i3: 'FindGroupByIdAction',
    keys: ['groupId', 'findId', 'id'],
    resultKeys: ['findResult', 'group'],
    type: 'Group',
    permission: 'directory:group:view',
  },
  // Genesys lists no permission for reading skills and languages; the emulator asks routing:skill:manage (or assign, or queue view) [INFERRED].
  findSkill: {
    label: 'Find Skill',
    i3: 'FindSkillAction',
    keys: ['skillName', 'name'],
    resultKeys: ['findResult', 'skill'],
    type: 'Skill',
    permission: 'routing:skill:manage',
  },
  findLanguageSkill: {
    label: 'Find Language Skill',
    i3: 'FindLanguageSkillAction',
    keys: ['languageSkillName', 'languageName', 'skillName', 'name'],
    resultKeys: ['findResult', 'languageSkill'],
    type: 'LanguageSkill',
    permission: 'routing:skill:manage',
  },
  getExternalContact: {
    label: 'Get External Contact',
    i3: 'GetExternalContactAction',
    keys: ['externalContactId', 'externalId', 'contactId'],
    resultKeys: ['externalResult', 'findResult', 'externalContact'],
    type: 'ExternalContact',
    permission: 'externalContacts:contact:view',
  },
  getExternalOrganization: {
    label: 'Get External Organization',
    i3: 'GetExternalOrganizationAction',
    keys: ['externalOrganizationId', 'externalId', 'organizationId'],
    resultKeys: ['externalResult', 'findResult', 'externalOrganization'],
    type: 'ExternalOrganization',
    permission: 'externalContacts:externalOrganization:view',
  },
};

/** The Architect objects the two actions read, with their API collection and view permission. */
export const SCHEDULE_OBJECTS = {
  schedule: { label: 'schedule', collection: 'schedules', permission: 'architect:schedule:view' },
  scheduleGroup: { label: 'schedule group', collection: 'schedulegroups', permission: 'architect:scheduleGroup:view' },
  emergencyGroup: {
    label: 'emergency group',
    collection: 'emergencygroups',
    permission: 'architect:emergencyGroup:view',
  },
} as const;

/** One of {@link SCHEDULE_OBJECTS}. */
export type ScheduleObjectKind = keyof typeof SCHEDULE_OBJECTS;

/** The permissions Evaluate Schedule (Group) needs, for least-privilege clients. */
function schedulePermissions(action: EvaluateScheduleAction | EvaluateScheduleGroupAction): string[] {
  if (action.type === 'evaluateSchedule') return [SCHEDULE_OBJECTS[action.target].permission];
  return [
    SCHEDULE_OBJECTS.scheduleGroup.permission,
    SCHEDULE_OBJECTS.schedule.permission,
    ...(action.emergencyGroup ? [SCHEDULE_OBJECTS.emergencyGroup.permission] : []),
  ];
}

/** What Get Participant Data reads (the conversation) and Set Participant Data writes. */
const PARTICIPANT_DATA_PERMISSIONS: Readonly<{ get: readonly string[]; set: readonly string[] }> = {
  get: ['conversation:communication:view'],
  // Set reads the conversation too when no participant is named; the PATCH's own permission is
  // not documented, and the emulator asks none [INFERRED].
  set: ['conversation:communication:view'],
};

/** The permissions a workitem flow's actions on its workitem need (the SDK's documentation of the routes). */
const WORKITEM_ACTION_PERMISSIONS: Readonly<Record<WorkitemAction['operation'], readonly string[]>> = {
  disconnect: ['workitems:workitem:disconnect'],
  terminate: ['workitems:workitem:terminate'],
  transferToAcd: ['workitems:workitem:edit', 'routing:queue:view'],
  // The manual assignment asks ANY of `workitems:workitem:pull` (an agent taking it) and
  // `workitems:workitem:assign`; a flow assigns to another user, so `assign`.
  transferToUser: ['workitems:workitem:assign', 'directory:user:view'],
  update: ['workitems:workitem:edit'],
};

/**
 * The permissions a flow's platform actions need, sorted: what a least-privilege client for the
 * workflow must hold (data actions bring their own integration's client).
 * @example
 * platformPermissions(flow); // ['directory:user:view', 'routing:queue:view']
 */
export function platformPermissions(flow: Flow): string[] {
  const out = new Set<string>();
  for (const state of scopesOf(flow)) {
    for (const { action } of walkActions(state.actions)) {
      if (action.type === 'lookup') out.add(LOOKUPS[action.lookup].permission);
      if (action.type === 'dataTableLookup') out.add('architect:datatable:view');
      if (action.type === 'getParticipantData') PARTICIPANT_DATA_PERMISSIONS.get.forEach((p) => out.add(p));
      if (action.type === 'setParticipantData') PARTICIPANT_DATA_PERMISSIONS.set.forEach((p) => out.add(p));
      if (action.type === 'workitem') WORKITEM_ACTION_PERMISSIONS[action.operation].forEach((p) => out.add(p));
      if (action.type === 'evaluateSchedule' || action.type === 'evaluateScheduleGroup')
        schedulePermissions(action).forEach((p) => out.add(p));
    }
  }
  return [...out].sort();
}

/** One Genesys Cloud API request of a flow step. */
export interface GenesysRequest {
  readonly method: 'GET' | 'PATCH' | 'POST';
  /** `/api/v2/…`, query included. */
  readonly path: string;
  readonly body?: unknown;
}

/** Its response: the HTTP status and the parsed JSON body (`null` when empty). */
export interface GenesysResponse {
  readonly status: number;
  readonly body: unknown;
}

const enc = encodeURIComponent;

/**
 * The request that finds the object, or looks it up page by page (`page` from 1). By-name and
 * by-email lookups list and match exactly, case-insensitively [INFERRED].
 */
export function lookupRequest(kind: LookupKind, key: string, page = 1): GenesysRequest {
  switch (kind) {
    case 'findUserById':
      return { method: 'GET', path: `/api/v2/users/${enc(key)}` };
    case 'findQueueById':
      return { method: 'GET', path: `/api/v2/routing/queues/${enc(key)}` };
    case 'findGroupById':
      return { method: 'GET', path: `/api/v2/groups/${enc(key)}` };
    case 'getExternalContact':
      return { method: 'GET', path: `/api/v2/externalcontacts/contacts/${enc(key)}` };
    case 'getExternalOrganization':
      return { method: 'GET', path: `/api/v2/externalcontacts/organizations/${enc(key)}` };
    case 'findUser':
      return { method: 'GET', path: `/api/v2/users?pageSize=100&pageNumber=${page}` };
    case 'findQueue':
      return { method: 'GET', path: `/api/v2/routing/queues?name=${enc(key)}&pageSize=100&pageNumber=${page}` };
    case 'findGroup':
      return { method: 'GET', path: `/api/v2/groups?pageSize=100&pageNumber=${page}` };
    case 'findSkill':
      return { method: 'GET', path: `/api/v2/routing/skills?name=${enc(key)}&pageSize=100&pageNumber=${page}` };
    case 'findLanguageSkill':
      return { method: 'GET', path: `/api/v2/routing/languages?name=${enc(key)}&pageSize=100&pageNumber=${page}` };
  }
}

/** Whether a lookup reads one object by id (otherwise it pages through a list). */
export function isById(kind: LookupKind): boolean {
  return (
    kind === 'findUserById' ||
    kind === 'findQueueById' ||
    kind === 'findGroupById' ||
    kind === 'getExternalContact' ||
    kind === 'getExternalOrganization'
  );
}

/** The matching entity of one page of a list lookup, and whether more pages follow. */
export function matchInPage(
  kind: LookupKind,
  key: string,
  body: unknown,
): { match?: Record<string, unknown>; more: boolean } {
  return findInPage(kind === 'findUser' ? 'email' : 'name', key, body);
}

/** The entity of one listing page whose `field` equals `key` (case-insensitively), and whether more pages follow. */
export function findInPage(
  field: string,
  key: string,
  body: unknown,
): { match?: Record<string, unknown>; more: boolean } {
  const entities = isPlainObject(body) && Array.isArray(body.entities) ? body.entities.filter(isPlainObject) : [];
  const want = key.trim().toLowerCase();
  const match = entities.find((e) => typeof e[field] === 'string' && e[field].toLowerCase() === want);
  const pageNumber = isPlainObject(body) && typeof body.pageNumber === 'number' ? body.pageNumber : 1;
  const pageCount = isPlainObject(body) && typeof body.pageCount === 'number' ? body.pageCount : 1;
  return { ...(match ? { match } : {}), more: pageNumber < pageCount };
}

/**
 * The participant whose data Get/Set Participant Data reads and writes when none is named: the
 * customer, else the first external participant [INFERRED].
 */
export function defaultParticipant(conversation: unknown): string | undefined {
  const participants =
    isPlainObject(conversation) && Array.isArray(conversation.participants)
      ? conversation.participants.filter(isPlainObject)
      : [];
  const pick =
    participants.find((p) => p.purpose === 'customer') ??
    participants.find((p) => p.purpose === 'external') ??
    participants[0];
  return typeof pick?.id === 'string' ? pick.id : undefined;
}

/** The attributes of one participant of a conversation (`{}` when it has none). */
export function participantAttributes(
  conversation: unknown,
  participantId: string,
): Record<string, unknown> | undefined {
  const participants =
    isPlainObject(conversation) && Array.isArray(conversation.participants)
      ? conversation.participants.filter(isPlainObject)
      : [];
  const p = participants.find((x) => x.id === participantId);
  if (!p) return undefined;
  return isPlainObject(p.attributes) ? p.attributes : {};
}

/**
 * Send a platform action's request through a fetch-shaped Genesys client and read its answer.
 * @example
 * const { status, body } = await callGenesysApi(client.fetch, { method: 'GET', path: '/api/v2/users/u1' });
 */
export async function callGenesysApi(fetch: Fetch, request: GenesysRequest): Promise<GenesysResponse> {
  const res = await fetch(request.path, {
    method: request.method,
    headers: {
      Accept: 'application/json',
      ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
  });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body };
}
