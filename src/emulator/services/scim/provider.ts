/**
 * @module
 * SCIM 2.0 users (read side), the identity-provisioning view of the directory: the same users as
 * `/api/v2/users`, in SCIM's shape, under both `/api/v2/scim/users` and `/api/v2/scim/v2/users`.
 *
 * | Method | Path | Permission (ANY) |
 * |---|---|---|
 * | GET | `/api/v2/scim/users`, `/api/v2/scim/v2/users` | `directory:user:view` `[INFERRED]` |
 * | GET | `/api/v2/scim/users/{userId}`, `/api/v2/scim/v2/users/{userId}` | same |
 *
 * Listing follows RFC 7644 §3.4.2: `filter` (`attr op "value"` with `eq`, `ne`, `co`, `sw`, `ew`,
 * `pr`, joined by `and`), 1-based `startIndex`, `count` (default and maximum 25 and 100
 * [INFERRED]). Errors use SCIM's error body (`urn:ietf:params:scim:api:messages:2.0:Error`).
 */
import type { Context } from 'hono';
import type { EmulatorApp, EmulatorEnv, OrgState, Provider } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { routingStore } from '../routing/store.ts';
import type { UserRecord } from '../users/store.ts';
import { usersStore } from '../users/store.ts';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const MAX_FILTER = 1_000;

function scimError(c: Context<EmulatorEnv>, status: 400 | 404, detail: string, scimType?: string): Response {
  return c.json({ schemas: [ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail }, status);
}

function toScim(org: OrgState, u: UserRecord, base: string): Record<string, unknown> {
  const division = org.get(usersStore).division;
  const groups = Object.values(org.get(routingStore).groups).filter((g) => g.memberIds.includes(u.id));
  return {
    id: u.id,
    schemas: [CORE, ENTERPRISE],
    active: u.state === 'active',
    userName: u.username,
    displayName: u.name,
    ...(u.title === undefined ? {} : { title: u.title }),
    emails: [{ value: u.email, type: 'work', primary: true }],
    ...(groups.length === 0 ? {} : { groups: groups.map((g) => ({ value: g.id, $ref: `${base}/groups/${g.id}` })) }),
    [ENTERPRISE]: { division: division.name, ...(u.department === undefined ? {} : { department: u.department }) },
    meta: { resourceType: 'User', location: `${base}/users/${u.id}`, version: `W/"${u.version}"` },
  };
}

/** The value of a SCIM attribute path on a user, as text (undefined when absent). */
function attribute(u: UserRecord, path: string): string | undefined {
  switch (path.toLowerCase()) {
    case 'id':
      return u.id;
    case 'username':
      return u.username;
    case 'displayname':
      return u.name;
    case 'title':
      return u.title;
    case 'active':
      return String(u.state === 'active');
    case 'emails.value':
    case 'emails':
      return u.email;
    case `${ENTERPRISE.toLowerCase()}:department`:
    case 'department':
      return u.department;
    default:
      return undefined;
  }
}

type Test = (u: UserRecord) => boolean;

/** Parse `attr op "value" [and …]`; a string is the reason it cannot be parsed. */
function parseFilter(text: string): Test | string {
  if (text.length > MAX_FILTER) return `the filter is longer than ${MAX_FILTER} characters`;
  const parts = text.split(/\s+and\s+/i);
  const tests: Test[] = [];
  for (const part of parts) {
    const m =
      /^\s*([\w.:-]+)\s+(eq|ne|co|sw|ew|pr)(?:\s+("(?:[^"\\]|\\.)*"|true|false|null|-?\d+(?:\.\d+)?))?\s*$/i.exec(part);
    if (!m)
      return `cannot read ${JSON.stringify(part.trim())}: expected attribute, operator (eq, ne, co, sw, ew, pr) and a value`;
    const [, attr, rawOp, rawValue] = m;
    const op = rawOp!.toLowerCase();
    if (op !== 'pr' && rawValue === undefined) return `${op} needs a value`;
    const value = rawValue === undefined ? '' : rawValue.startsWith('"') ? (JSON.parse(rawValue) as string) : rawValue;
    const want = value.toLowerCase();
    tests.push((u) => {
      const have = attribute(u, attr!)?.toLowerCase();
      switch (op) {
        case 'pr':
          return have !== undefined && have !== '';
        case 'eq':
          return have === want;
        case 'ne':
          return have !== want;
        case 'co':
          return have?.includes(want) ?? false;
        case 'sw':
          return have?.startsWith(want) ?? false;
        default:
          return have?.endsWith(want) ?? false;
      }
    });
  }
  return (u) => tests.every((t) => t(u));
}

function register(app: EmulatorApp): void {
  for (const prefix of ['/api/v2/scim', '/api/v2/scim/v2']) {
    app.get(`${prefix}/users`, requirePermission('directory:user:view'), (c) => {
      const org = c.get('org');
      const filterText = c.req.query('filter');
      const test = filterText === undefined ? () => true : parseFilter(filterText);
      if (typeof test === 'string') return scimError(c, 400, `filter: ${test}`, 'invalidFilter');
      const startIndex = Number(c.req.query('startIndex') ?? 1);
      const count = Number(c.req.query('count') ?? 25);
      if (!Number.isInteger(startIndex) || startIndex < 1)
        return scimError(c, 400, 'startIndex must be an integer of at least 1', 'invalidValue');
      if (!Number.isInteger(count) || count < 0 || count > 100)
        return scimError(c, 400, 'count must be an integer from 0 to 100', 'invalidValue');
      const users = Object.values(org.get(usersStore).users)
        .filter((u) => u.state !== 'deleted' && test(u))
        .sort((a, b) => a.username.localeCompare(b.username));
      const page = users.slice(startIndex - 1, startIndex - 1 + count);
      return c.json({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: users.length,
        startIndex,
        itemsPerPage: page.length,
        Resources: page.map((u) => toScim(org, u, prefix)),
      });
    });
    app.get(`${prefix}/users/:userId`, requirePermission('directory:user:view'), (c) => {
      const org = c.get('org');
      const u = org.get(usersStore).users[c.req.param('userId')];
      if (!u || u.state === 'deleted') return scimError(c, 404, `User ${c.req.param('userId')} not found`);
      return c.json(toScim(org, u, prefix));
    });
  }
}

/** The SCIM users provider. */
export const scimProvider: Provider = { name: 'scim', register };
