/**
 * @module
 * Create in an emulated org what a project's Terraform creates besides its automation (data
 * tables and rows, queues, groups, wrap-up codes, then its Task Management objects:
 * org-task-management.ts), so its flows' lookups find them, as after `terraform apply`. What already exists under the same name is kept (a table's rows are written
 * again); a refusal names the object and the answer.
 */
import type { DataTableSpec, NamedOrgObject, OrgData } from '../blueprints/index.ts';
import type { GenesysClient } from '../genesys/index.ts';
import { orgDataStep, provisionTaskManagement } from './org-task-management.ts';

type Listing = { entities?: Array<{ id?: string; name?: string }> };

const enc = encodeURIComponent;

async function existing(client: GenesysClient, path: string, name: string): Promise<string | undefined> {
  const page = await client.get<Listing>(`${path}?name=${enc(name)}&pageSize=100`);
  return page.entities?.find((e) => e.name?.toLowerCase() === name.toLowerCase())?.id;
}

function schemaOf(t: DataTableSpec): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    key: { title: 'key', type: 'string', $id: '/properties/key', displayOrder: 0 },
  };
  t.columns.forEach((c, i) => {
    properties[c.name] = {
      title: c.title ?? c.name,
      type: c.type,
      $id: `/properties/${c.name}`,
      displayOrder: i + 1,
      ...(c.default === undefined ? {} : { default: c.default }),
    };
  });
  return {
    $schema: 'http://json-schema.org/draft-04/schema#',
    type: 'object',
    additionalProperties: false,
    required: ['key'],
    properties,
  };
}

/**
 * Create the org data of a bundle; returns one line per object, for the command's banner, and the
 * id the org holds each object under, by the synthetic id references to it evaluated to.
 * @example
 * const { lines, ids } = await provisionOrgData(client, bundle.orgData);
 */
export async function provisionOrgData(
  client: GenesysClient,
  data: OrgData,
): Promise<{ lines: string[]; ids: Record<string, string> }> {
  const lines: string[] = [];
  const ids: Record<string, string> = {};
  for (const t of data.dataTables) {
    const what = `data table "${t.name}" (${t.address})`;
    const id =
      (await existing(client, '/api/v2/flows/datatables', t.name)) ??
      (await orgDataStep(
        what,
        async () =>
          (
            await client.post<{ id: string }>('/api/v2/flows/datatables', {
              name: t.name,
              ...(t.description ? { description: t.description } : {}),
              schema: schemaOf(t),
            })
          ).id,
      ));
    for (const row of t.rows) {
      const path = `/api/v2/flows/datatables/${enc(id)}/rows`;
      await orgDataStep(`row "${row.key}" of ${what}`, async () => {
        const body = { ...row.values, key: row.key };
        const res = await client.fetch(`${path}/${enc(row.key)}`, { method: 'GET' });
        if (res.ok) await client.put(`${path}/${enc(row.key)}`, body);
        else await client.post(path, body);
      });
    }
    ids[t.id] = id;
    lines.push(`${what}: ${t.rows.length} row${t.rows.length === 1 ? '' : 's'}`);
  }
  const named: Array<[string, readonly NamedOrgObject[], string]> = [
    ['queue', data.queues, '/api/v2/routing/queues'],
    ['group', data.groups, '/api/v2/groups'],
    ['wrap-up code', data.wrapupCodes, '/api/v2/routing/wrapupcodes'],
  ];
  for (const [kind, objects, path] of named) {
    for (const { name, id: synthetic } of objects) {
      const found = await existing(client, path, name);
      const id =
        found ??
        (await orgDataStep(`${kind} "${name}"`, async () => (await client.post<{ id: string }>(path, { name })).id));
      ids[synthetic] = id;
      lines.push(`${kind} "${name}"${found ? ' (already there)' : ''}`);
    }
  }
  // After the queues: a worktype's default queue is one of them.
  lines.push(...(await provisionTaskManagement(client, data.taskManagement, ids)));
  return { lines, ids };
}
