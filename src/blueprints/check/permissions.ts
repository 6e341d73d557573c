/**
 * @module
 * Which permission each Genesys REST route a data action calls needs (platform.md §1.1, §3.2,
 * §4.1–4.4: "Permission (ANY of)"; an empty list means a valid token is enough), how a role's
 * permission covers a required one (`*` in any position), and the admin UI's labels
 * (`Conversation > ExternalTag > Edit`) as permission ids. A route the table below does not list
 * takes the permissions the emulator's provider checks (generated data).
 */

import { EMULATED_ROUTE_PERMISSIONS } from './emulated-permissions-data.ts';

interface RouteRule {
  readonly method: string;
  readonly pattern: RegExp;
  /** ANY of these; empty: no permission needed. */
  readonly anyOf: readonly string[];
  readonly all?: boolean;
}

const P = '[^/]+';
const route = (method: string, path: string, anyOf: readonly string[], all = false): RouteRule => ({
  method,
  pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, P)}$`, 'i'),
  anyOf,
  all,
});

const ROUTES: readonly RouteRule[] = [
  // §4.1 Conversations and calls
  route('POST', '/api/v2/conversations/calls', ['conversation:conference:add']),
  route('POST', '/api/v2/conversations/calls/user/{userId}', [
    'conversation:agentlessCall:add',
    'conversation:call:add',
  ]),
  route('GET', '/api/v2/conversations/calls/{id}', []),
  route('GET', '/api/v2/conversations/calls', []),
  route('PATCH', '/api/v2/conversations/calls/{cid}/participants/{pid}/communications/{commId}', []),
  route('PATCH', '/api/v2/conversations/calls/{cid}/participants/{pid}', [
    'conversation:participant:wrapup',
    'conversation:call:record',
    'conversation:communication:disconnect',
  ]),
  route('PATCH', '/api/v2/conversations/calls/{cid}', ['conversation:communication:disconnect']),
  // §4.2 Callbacks and routing priority (before the generic /conversations/{id} routes)
  route('GET', '/api/v2/conversations/callbacks/{id}', []),
  route('POST', '/api/v2/conversations/callbacks', ['conversation:callback:create'], true),
  route('PATCH', '/api/v2/conversations/callbacks', ['conversation:callback:edit']),
  route('PATCH', '/api/v2/conversations/callbacks/{cid}/participants/{pid}', [
    'conversation:participant:wrapup',
    'conversation:call:record',
    'conversation:communication:disconnect',
  ]),
  route('PATCH', '/api/v2/conversations/callbacks/{cid}', ['conversation:communication:disconnect']),
  route('PATCH', '/api/v2/routing/conversations/{id}', ['routing:conversation:edit']),
  route('GET', '/api/v2/conversations/{id}', ['conversation:communication:view']),
  route('POST', '/api/v2/conversations/{id}/disconnect', ['conversation:communication:disconnect']),
  route('PUT', '/api/v2/conversations/{id}/tags', ['conversation:externalTag:edit']),
  route('PATCH', '/api/v2/conversations/{cid}/participants/{pid}/attributes', []),
  route('PATCH', '/api/v2/conversations/{cid}/participants/{pid}', [
    'conversation:participant:wrapup',
    'conversation:call:record',
    'conversation:communication:disconnect',
  ]),
  // §4.3 Presence
  route('GET', '/api/v2/users/{id}/presences/{source}', []),
  route('PATCH', '/api/v2/users/{id}/presences/{source}', []),
  route('GET', '/api/v2/users/presences/purecloud/bulk', []),
  route('GET', '/api/v2/presencedefinitions', []),
  route('GET', '/api/v2/presencedefinitions/{id}', ['presence:presenceDefinition:view'], true),
  route('GET', '/api/v2/presence/definitions', ['presence:presenceDefinition:view'], true),
  route('GET', '/api/v2/presence/definitions/{id}', ['presence:presenceDefinition:view'], true),
  route('GET', '/api/v2/systempresences', []),
  route('GET', '/api/v2/users/{id}/routingstatus', []),
  route('PUT', '/api/v2/users/{id}/routingstatus', []),
  // §4.4 Analytics conversation details
  route('GET', '/api/v2/analytics/conversations/{id}/details', [
    'analytics:conversationDetail:view',
    'analytics:agentConversationDetail:view',
  ]),
  route('GET', '/api/v2/analytics/conversations/details', [
    'analytics:conversationDetail:view',
    'analytics:agentConversationDetail:view',
  ]),
  // §1.1 Process automation, §3.2 data actions
  route('GET', '/api/v2/processautomation/triggers', [
    'processautomation:trigger:edit',
    'processautomation:trigger:view',
  ]),
  route('POST', '/api/v2/processautomation/triggers', ['processautomation:trigger:add']),
  route('POST', '/api/v2/integrations/actions/{id}/execute', ['integrations:action:execute', 'bridge:actions:execute']),
];

// Every other route the emulator models, with the permissions its provider checks; literal paths
// before templated ones, so `/users/search` wins over `/users/{userId}`.
const EMULATED: readonly RouteRule[] = EMULATED_ROUTE_PERMISSIONS.map((r) =>
  route(r.method, r.path, r.anyOf, r.all),
).sort((a, b) => a.pattern.source.split(P).length - b.pattern.source.split(P).length);

/** What a route needs: ANY of `anyOf` (or ALL with `all`); undefined for a route the map does not know. */
export interface RoutePermissions {
  readonly anyOf: readonly string[];
  readonly all: boolean;
}

/**
 * The path of a URL template with every Velocity reference replaced by a placeholder segment
 * and the query string dropped.
 * @example
 * templatePath('/api/v2/conversations/${input.conversationId}/tags?x=$esc.url($input.q)') // '/api/v2/conversations/{}/tags'
 */
export function templatePath(url: string): string {
  const noQuery = url.split('?')[0] ?? '';
  return noQuery.replace(/\$!?\{[^}]*\}|\$!?[A-Za-z][\w.]*(\([^)]*\))?/g, '{}');
}

/**
 * The permissions the route of a data action needs.
 * @example
 * routePermissions('PUT', '/api/v2/conversations/${input.conversationId}/tags') // { anyOf: ['conversation:externalTag:edit'], all: false }
 */
export function routePermissions(method: string, url: string): RoutePermissions | undefined {
  const path = templatePath(url);
  const matches = (r: RouteRule): boolean => r.method === method.toUpperCase() && r.pattern.test(path);
  const rule = ROUTES.find(matches) ?? EMULATED.find(matches);
  return rule ? { anyOf: rule.anyOf, all: rule.all === true } : undefined;
}

/** Whether a granted permission (possibly with `*`) covers a required one. */
export function covers(granted: string, required: string): boolean {
  if (granted === '*' || granted === required) return true;
  const g = granted.split(':');
  const r = required.split(':');
  return g.length === r.length && g.every((part, i) => part === '*' || part.toLowerCase() === r[i]!.toLowerCase());
}

/**
 * A permission id from either form: `domain:entity:action` as is, or the admin UI label
 * (`Analytics > Conversation Detail > View` → `analytics:conversationDetail:view`;
 * `Presence > All Permissions` → `presence:*:*`).
 * @example
 * permissionId('Conversation > ExternalTag > Edit') // 'conversation:externalTag:edit'
 */
export function permissionId(text: string): string {
  if (!text.includes('>')) return text.trim();
  const parts = text.split('>').map((p) => p.trim());
  const ids = parts.map((p) => {
    if (/^all( permissions)?$/i.test(p)) return '*';
    const words = p.split(/\s+/).filter(Boolean);
    return words
      .map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1)))
      .join('');
  });
  while (ids.length < 3) ids.push('*');
  return ids.join(':');
}
