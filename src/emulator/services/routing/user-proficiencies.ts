/**
 * @module
 * Changes to a user's routing skills and languages (the same proficiencies
 * `GET /api/v2/users/{userId}/routingskills` and `/routinglanguages` answer).
 *
 * | Method | Path | Permission (ANY) |
 * |---|---|---|
 * | POST | `/api/v2/users/{userId}/routingskills`, `/routinglanguages` | `routing:skill:assign` (languages: or `routing:language:assign`) |
 * | PUT | `/api/v2/users/{userId}/routingskills/{skillId}` | `routing:skill:assign` |
 * | DELETE | `/api/v2/users/{userId}/routingskills/{skillId}`, `/routinglanguages/{languageId}` | as POST |
 * | PATCH | `/api/v2/users/{userId}/routingskills/bulk`, `/routinglanguages/bulk` | as POST |
 */
import { z } from 'zod';
import { ApiError, badRequest, notFound } from '../../errors.ts';
import { pageParams, paged, readJsonBody } from '../../http.ts';
import type { EmulatorApp, OrgState } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { proficiencies, userOf } from './directory.ts';
import type { Proficiency } from './directory-store.ts';
import { routingDirectoryStore } from './directory-store.ts';

type Kind = 'skills' | 'languages';

/** Genesys rates a proficiency from 0 to 5. */
const Rating = z.number().min(0).max(5);
/** `UserRoutingSkillPost` / `UserRoutingLanguagePost`. */
const PostBody = z.object({ id: z.string().min(1), proficiency: Rating }).loose();
/** A bulk PATCH: at most 50 entries [INFERRED: the limit Genesys states for the bulk skill replace]. */
const BulkBody = z.array(PostBody).max(50);
/** `UserRoutingSkill` of a PUT: only `proficiency` is read. */
const PutBody = z.object({ proficiency: Rating }).loose();

const SPEC = {
  skills: {
    path: 'routingskills',
    param: 'skillId',
    entity: 'skill',
    what: 'user routing skill',
    permissions: ['routing:skill:assign'],
  },
  languages: {
    path: 'routinglanguages',
    param: 'languageId',
    entity: 'language',
    what: 'user routing language',
    // [INFERRED] Genesys names `routing:language:assign` for languages; `routing:skill:assign` is accepted too.
    permissions: ['routing:language:assign', 'routing:skill:assign'],
  },
} as const;

/** The user's list of one kind, created empty on first write. */
function listOf(org: OrgState, kind: Kind, userId: string): Proficiency[] {
  const dir = org.get(routingDirectoryStore);
  const table = kind === 'skills' ? dir.userSkills : dir.userLanguages;
  return (table[userId] ??= []);
}

/** Whether the org has this skill or language (a deleted one cannot be assigned). */
function exists(org: OrgState, kind: Kind, id: string): boolean {
  const e = org.get(routingDirectoryStore)[kind][id];
  return e !== undefined && e.state !== 'deleted';
}

/** Add or re-rate one entry; adding keeps the list's order, so the newest comes last. */
function upsert(list: Proficiency[], id: string, proficiency: number): void {
  const found = list.find((p) => p.id === id);
  if (found) found.proficiency = proficiency;
  else list.push({ id, proficiency });
}

/** Reject body entries naming a skill or language the org lacks, naming the field. */
function checkIds(org: OrgState, kind: Kind, ids: readonly string[], field: (i: number) => string): void {
  const bad = ids.findIndex((id) => !exists(org, kind, id));
  if (bad < 0) return;
  const { entity, what } = SPEC[kind];
  // [INFERRED] A body that names an unknown entity is a bad request (a path that does is a 404).
  throw badRequest(
    `The ${what} is invalid: ${field(bad)} names ${entity} ${ids[bad]}, which does not exist; list them with GET /api/v2/routing/${kind}`,
    [{ errorCode: 'invalid.value', fieldName: field(bad) }],
  );
}

/** One user proficiency as its model, after a change. */
function one(org: OrgState, kind: Kind, userId: string, id: string): Record<string, unknown> {
  return proficiencies(
    kind,
    listOf(org, kind, userId).filter((p) => p.id === id),
    org,
    userId,
  )[0]!;
}

/** Register the routes that change a user's skills and languages. */
export function registerUserProficiencies(app: EmulatorApp): void {
  for (const kind of ['skills', 'languages'] as const) {
    const { path, param, entity, what, permissions } = SPEC[kind];
    const base = `/api/v2/users/:userId/${path}`;

    // Registered before `/:id` so `bulk` is never read as an id.
    app.patch(`${base}/bulk`, requirePermission(...permissions), async (c) => {
      const org = c.get('org');
      const userId = userOf(c);
      const body = await readJsonBody(c, BulkBody, `${what} list`);
      checkIds(
        org,
        kind,
        body.map((e) => e.id),
        (i) => `[${i}].id`,
      );
      const list = listOf(org, kind, userId);
      for (const e of body) upsert(list, e.id, e.proficiency);
      org.touch(routingDirectoryStore);
      // Bulk PATCH adds and re-rates; entries it does not name stay, and the answer lists them all.
      return c.json(paged(proficiencies(kind, list, org, userId), pageParams(c), `/api/v2/users/${userId}/${path}`));
    });

    app.post(base, requirePermission(...permissions), async (c) => {
      const org = c.get('org');
      const userId = userOf(c);
      const body = await readJsonBody(c, PostBody, what);
      checkIds(org, kind, [body.id], () => 'id');
      upsert(listOf(org, kind, userId), body.id, body.proficiency);
      org.touch(routingDirectoryStore);
      return c.json(one(org, kind, userId, body.id));
    });

    app.delete(`${base}/:${param}`, requirePermission(...permissions), (c) => {
      const org = c.get('org');
      const userId = userOf(c);
      const id = c.req.param(param);
      if (!exists(org, kind, id)) throw notFound(entity, id);
      const list = listOf(org, kind, userId);
      const at = list.findIndex((p) => p.id === id);
      // [INFERRED] Removing what the user does not hold is a 404, not a silent success.
      if (at < 0)
        throw new ApiError(404, 'not.found', `User ${userId} has no ${entity} ${id}`, {
          entityId: id,
          entityName: what,
        });
      list.splice(at, 1);
      org.touch(routingDirectoryStore);
      return c.body(null, 204);
    });
  }

  // PUT sets the proficiency of a skill, assigning it if the user lacks it [INFERRED].
  app.put('/api/v2/users/:userId/routingskills/:skillId', requirePermission(...SPEC.skills.permissions), async (c) => {
    const org = c.get('org');
    const userId = userOf(c);
    const id = c.req.param('skillId');
    if (!exists(org, 'skills', id)) throw notFound('skill', id);
    const body = await readJsonBody(c, PutBody, SPEC.skills.what);
    upsert(listOf(org, 'skills', userId), id, body.proficiency);
    org.touch(routingDirectoryStore);
    return c.json(one(org, 'skills', userId, id));
  });
}
