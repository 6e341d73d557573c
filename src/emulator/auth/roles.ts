/**
 * @module
 * Built-in roles. Client-credentials tokens carry the permissions of the client's roles
 * (platform.md §4.7); these roles mirror what the seed solutions' setup guides ask for
 * (blueprints.md §1.5, §2.4, §3.5, §4.4).
 */
import { CoreErrors, SwitchboardError } from '../../core/index.ts';

/** Role name → permissions (`*` wildcards allowed in any segment). */
export const BUILT_IN_ROLES: Readonly<Record<string, readonly string[]>> = {
  /** Everything. */
  admin: ['*'],
  /** Read the directory, presences and queues. */
  'read-only': [
    'directory:user:view',
    'directory:group:view',
    'presence:presenceDefinition:view',
    'routing:queue:view',
  ],
  /** "Presence > All Permissions" (presence blueprints). */
  presence: ['presence:*:*'],
  /** Create and manage Process Automation triggers ("processautomation > trigger > All Permissions"). */
  'trigger-admin': ['processautomation:trigger:*'],
  /** Terminate calls with no queue: disconnect, tag, and read conversation details. */
  'terminate-conversation': [
    'conversation:communication:disconnect',
    'conversation:externalTag:edit',
    'analytics:conversationDetail:view',
  ],
  /** Presence-on-call-activity blueprint, role 3, plus tagging for the external-tag variant. */
  'conversation-details': [
    'analytics:conversationDetail:view',
    'conversation:communication:view',
    'conversation:externalTag:edit',
  ],
  /** Callback prioritization: read callbacks and change routing priority (inferred, blueprints.md §4.4). */
  'callback-prioritization': [
    'conversation:communication:view',
    'conversation:callback:edit',
    'routing:conversation:edit',
  ],
  /** Manage data-action integrations and launch workflows. */
  'integration-admin': ['integrations:*:*', 'architect:flow:launch', 'architect:flowExecution:view'],
};

/** The union of the roles' permissions and the extra ones; throws on an unknown role name. */
export function resolvePermissions(roles: readonly string[], extra: readonly string[] = []): Set<string> {
  const out = new Set<string>(extra);
  for (const role of roles) {
    const perms = BUILT_IN_ROLES[role];
    if (!perms)
      throw new SwitchboardError(
        CoreErrors.SB_INPUT_INVALID,
        `unknown role "${role}" (built-in roles: ${Object.keys(BUILT_IN_ROLES).join(', ')})`,
        { details: { field: 'roles', role } },
      );
    perms.forEach((p) => out.add(p));
  }
  return out;
}
