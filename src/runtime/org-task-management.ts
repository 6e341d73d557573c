/**
 * @module
 * Create in an emulated org the Task Management objects of a project, in the order `terraform
 * apply` can: workbins, workitem schemas, worktypes, their statuses, each worktype's default
 * status, the statuses' transitions, the worktypes' flow rules. References hold the synthetic ids
 * Terraform evaluated; each is replaced by the id the org gave the object it names (a transition's
 * destinations, a rule condition's old and new status). What already exists under the same name is
 * kept; a refusal names the object and the answer.
 */
import { SwitchboardError } from '../core/index.ts';
import type { TaskManagementData } from '../blueprints/index.ts';
import type { GenesysClient } from '../genesys/index.ts';
import { RuntimeErrors } from './errors.ts';

type Listing = { entities?: Array<{ id?: string; name?: string }> };
type Ids = Record<string, string>;

const TM = '/api/v2/taskmanagement';
const enc = encodeURIComponent;

/**
 * Run one request that creates or changes an object of the org; a refusal is `SB_RUNTIME_ORG_DATA`
 * naming the object and the answer.
 * @example
 * const id = await orgDataStep('queue "Claims"', () => client.post('/api/v2/routing/queues', { name }));
 */
export async function orgDataStep<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw new SwitchboardError(
      RuntimeErrors.SB_RUNTIME_ORG_DATA,
      `${what} must be created in the org; ${(e as Error).message}`,
      { details: { object: what }, cause: e },
    );
  }
}

const named = (entities: Listing['entities'], name: string): string | undefined =>
  entities?.find((e) => e.name?.toLowerCase() === name.toLowerCase())?.id;

/** The id of the workbin or worktype of this name, found by the API's query (it has no name lookup). */
async function queried(
  client: GenesysClient,
  kind: 'workbins' | 'worktypes',
  name: string,
): Promise<string | undefined> {
  const filters = [{ name: 'name', type: 'String', operator: 'EQ', values: [name] }];
  return named((await client.post<Listing>(`${TM}/${kind}/query`, { filters, pageSize: 200 })).entities, name);
}

/** Create each object unless one of its name is there; remember its id; one line each. */
async function keepOrCreate(
  what: string,
  find: () => Promise<string | undefined>,
  create: () => Promise<{ id: string }>,
): Promise<{ id: string; line: string }> {
  return orgDataStep(what, async () => {
    const found = await find();
    return { id: found ?? (await create()).id, line: `${what}${found ? ' (already there)' : ''}` };
  });
}

/**
 * The workitem schemas' ids, or undefined when the org answers that it has no schemas: the emulator
 * does not model them (501 `SB_EMULATOR_NOT_MODELED`, or 404 from an older one).
 */
async function schemaListing(client: GenesysClient): Promise<Listing['entities'] | undefined> {
  const res = await client.fetch(`${TM}/workitems/schemas`, { method: 'GET' });
  if (res.status === 501 || res.status === 404) return undefined;
  if (!res.ok) throw new Error(`GET ${TM}/workitems/schemas answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as Listing).entities ?? [];
}

/**
 * Create the Task Management objects; adds the org's id of each to `ids` (by the synthetic id
 * references to it evaluated to) and returns one line per object.
 * @example
 * const lines = await provisionTaskManagement(client, bundle.orgData.taskManagement, ids);
 */
export async function provisionTaskManagement(
  client: GenesysClient,
  tm: TaskManagementData,
  ids: Ids,
): Promise<string[]> {
  const lines: string[] = [];
  const real = (id: string): string => ids[id] ?? id;
  const worktypeName = (id: string) => tm.worktypes.find((w) => w.id === id)?.name ?? id;
  const statusName = (id: string) => tm.statuses.find((s) => s.id === id)?.name ?? id;

  for (const w of tm.workbins) {
    const made = await keepOrCreate(
      `workbin "${w.name}" (${w.address})`,
      () => queried(client, 'workbins', w.name),
      () => client.post(`${TM}/workbins`, { name: w.name, ...(w.description ? { description: w.description } : {}) }),
    );
    ids[w.id] = made.id;
    lines.push(made.line);
  }

  const schemasLeftOut = new Set<string>();
  if (tm.schemas.length > 0) {
    const existing = await orgDataStep('workitem schemas', () => schemaListing(client));
    for (const s of tm.schemas) {
      const what = `workitem schema "${s.name}" (${s.address})`;
      if (!existing) {
        schemasLeftOut.add(s.id);
        lines.push(`${what}: not created, the emulator has no workitem schemas; its worktypes go without schema_id`);
        continue;
      }
      // [INFERRED] the provider sends `properties` as the JSON schema document's properties.
      const jsonSchema = {
        $schema: 'http://json-schema.org/draft-04/schema#',
        type: 'object',
        properties: s.properties,
      };
      const made = await keepOrCreate(
        what,
        async () => named(existing, s.name),
        () =>
          client.post(`${TM}/workitems/schemas`, {
            name: s.name,
            ...(s.description ? { description: s.description } : {}),
            enabled: s.enabled,
            jsonSchema,
          }),
      );
      ids[s.id] = made.id;
      lines.push(made.line);
    }
  }

  for (const w of tm.worktypes) {
    const b = w.body;
    const schemaId = typeof b.schemaId === 'string' ? b.schemaId : undefined;
    const leftOut = schemaId !== undefined && schemasLeftOut.has(schemaId);
    const body: Record<string, unknown> = {
      ...b,
      defaultWorkbinId: real(b.defaultWorkbinId),
      ...Object.fromEntries(
        (['defaultQueueId', 'defaultLanguageId', 'defaultScriptId', 'schemaId'] as const)
          .filter((k) => typeof b[k] === 'string')
          .map((k) => [k, real(b[k] as string)]),
      ),
      ...(Array.isArray(b.defaultSkillIds) ? { defaultSkillIds: (b.defaultSkillIds as string[]).map(real) } : {}),
    };
    if (leftOut) {
      delete body.schemaId;
      delete body.schemaVersion;
    }
    const made = await keepOrCreate(
      `worktype "${w.name}" (${w.address})`,
      () => queried(client, 'worktypes', w.name),
      () => client.post(`${TM}/worktypes`, body),
    );
    ids[w.id] = made.id;
    lines.push(made.line);
  }

  const statusesOf = new Map<string, Promise<Listing>>();
  for (const s of tm.statuses) {
    const worktype = real(s.worktypeId);
    const path = `${TM}/worktypes/${enc(worktype)}/statuses`;
    const made = await keepOrCreate(
      `status "${s.name}" (${s.category}${s.default ? ', default' : ''}) of worktype "${worktypeName(s.worktypeId)}" (${s.address})`,
      async () => {
        if (!statusesOf.has(worktype)) statusesOf.set(worktype, client.get<Listing>(path));
        return named((await statusesOf.get(worktype)!).entities, s.name);
      },
      () =>
        client.post(path, {
          name: s.name,
          category: s.category,
          ...(s.description ? { description: s.description } : {}),
          ...(s.autoTerminateWorkitem === undefined ? {} : { autoTerminateWorkitem: s.autoTerminateWorkitem }),
        }),
    );
    ids[s.id] = made.id;
    lines.push(made.line);
  }
  for (const s of tm.statuses.filter((x) => x.default))
    await orgDataStep(`default status "${s.name}" of worktype "${worktypeName(s.worktypeId)}" (${s.address})`, () =>
      client.patch(`${TM}/worktypes/${enc(real(s.worktypeId))}`, { defaultStatusId: real(s.id) }),
    );

  for (const t of tm.transitions) {
    const { address, worktypeId, statusId, ...fields } = t;
    const body = {
      ...fields,
      ...(fields.destinationStatusIds ? { destinationStatusIds: fields.destinationStatusIds.map(real) } : {}),
      ...(fields.defaultDestinationStatusId
        ? { defaultDestinationStatusId: real(fields.defaultDestinationStatusId) }
        : {}),
    };
    const what = `transitions of status "${statusName(statusId)}" of worktype "${worktypeName(worktypeId)}" (${address})`;
    await orgDataStep(what, () =>
      client.patch(`${TM}/worktypes/${enc(real(worktypeId))}/statuses/${enc(real(statusId))}`, body),
    );
    const to = fields.destinationStatusIds?.map((d) => `"${statusName(d)}"`).join(', ');
    lines.push(`${what}${to ? `: to ${to}` : ''}`);
  }

  const rulesOf = new Map<string, Promise<Listing>>();
  for (const r of tm.rules) {
    const path = `${TM}/worktypes/${enc(real(r.worktypeId))}/flows/${r.kind}/rules`;
    const condition = r.condition
      ? Object.fromEntries(
          Object.entries(r.condition).map(([k, v]) => [k, k === 'oldValue' || k === 'newValue' ? real(String(v)) : v]),
        )
      : undefined;
    const made = await keepOrCreate(
      `${r.kind} rule "${r.name}" of worktype "${worktypeName(r.worktypeId)}" (${r.address})`,
      async () => {
        if (!rulesOf.has(path)) rulesOf.set(path, client.get<Listing>(`${path}?pageSize=200`));
        return named((await rulesOf.get(path)!).entities, r.name);
      },
      () => client.post(path, { name: r.name, ...(condition ? { condition } : {}) }),
    );
    lines.push(made.line);
  }
  return lines;
}
