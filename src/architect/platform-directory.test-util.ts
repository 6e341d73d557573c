/**
 * @module
 * A small directory of users, queues, groups, skills, languages and external contacts answered as
 * the Platform API would, and the .i3WorkFlow encoding, for the platform-action tests.
 */
import type { GenesysRequest, GenesysResponse } from './platform-actions.ts';
import { ScriptedTools } from './scripted-tools.test-util.ts';

/** Encode a flow document the way an .i3WorkFlow export holds it (base64 of the URI-encoded JSON). */
export const encodeI3 = (doc: unknown): string =>
  Buffer.from(encodeURIComponent(JSON.stringify(doc)), 'latin1').toString('base64');

/** Scripted tools with a fake Genesys API: a handler per request, a log of `METHOD path` lines. */
export class PlatformTools extends ScriptedTools {
  readonly requests: Array<{ stepId: string; request: GenesysRequest }> = [];
  constructor(private readonly api: (request: GenesysRequest) => GenesysResponse) {
    super();
  }
  async genesys(stepId: string, request: GenesysRequest): Promise<GenesysResponse> {
    this.requests.push({ stepId, request });
    return this.api(request);
  }
}

const USERS = [
  { id: 'u1', name: 'Ann', email: 'ann@example.com' },
  { id: 'u2', name: 'Bob', email: 'bob@example.com' },
];
const QUEUES = [{ id: 'q1', name: 'Sales' }];
const GROUPS = [{ id: 'g1', name: 'Ops' }];
const SKILLS = [
  { id: 's1', name: 'Billing' },
  { id: 's2', name: 'Claims' },
];
const LANGUAGES = [{ id: 'l1', name: 'Spanish' }];
const ORGANIZATIONS = [{ id: 'o1', name: 'Acme', industry: 'Retail' }];
const CONTACTS = [
  { id: 'c1', firstName: 'Cy', lastName: 'Doe', workEmail: 'cy@example.com', externalOrganization: { id: 'o1' } },
];

/** A small directory; lists come one item per page, so paging is exercised. */
export function directory(request: GenesysRequest): GenesysResponse {
  const [path, query = ''] = request.path.split('?');
  const page = Number(new URLSearchParams(query).get('pageNumber') ?? '1');
  const list = (items: unknown[]) => ({
    status: 200,
    body: { entities: items.slice(page - 1, page), pageNumber: page, pageCount: items.length },
  });
  const one = (items: Array<{ id: string }>, id: string) => {
    const hit = items.find((i) => i.id === decodeURIComponent(id));
    return hit ? { status: 200, body: hit } : { status: 404, body: { code: 'not.found' } };
  };
  let m: RegExpExecArray | null;
  if (path === '/api/v2/users') return list(USERS);
  if (path === '/api/v2/routing/queues') return list(QUEUES);
  if (path === '/api/v2/groups') return list(GROUPS);
  if (path === '/api/v2/routing/skills') return list(SKILLS);
  if (path === '/api/v2/routing/languages') return list(LANGUAGES);
  if ((m = /^\/api\/v2\/users\/(.+)$/.exec(path!))) return one(USERS, m[1]!);
  if ((m = /^\/api\/v2\/routing\/queues\/(.+)$/.exec(path!))) return one(QUEUES, m[1]!);
  if ((m = /^\/api\/v2\/groups\/(.+)$/.exec(path!))) return one(GROUPS, m[1]!);
  if ((m = /^\/api\/v2\/externalcontacts\/contacts\/(.+)$/.exec(path!))) return one(CONTACTS, m[1]!);
  if ((m = /^\/api\/v2\/externalcontacts\/organizations\/(.+)$/.exec(path!))) return one(ORGANIZATIONS, m[1]!);
  return { status: 404, body: {} };
}
