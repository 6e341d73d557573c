/**
 * @module
 * Deploying a bundle: read the org, compute the plan, carry it out. The org is reached through a
 * {@link GenesysClient} (a real org or an emulator alike) and a fetch for Architect's presigned
 * uploads.
 */
import { readFileSync } from 'node:fs';
import { isPlainObject } from '../core/index.ts';
import type { Fetch } from '../core/index.ts';
import type { GenesysClient } from '../genesys/index.ts';
import type { LoadedBundle } from '../blueprints/index.ts';
import { applyPlan, destroyPlan } from './apply.ts';
import type { ApplyResult, Progress } from './apply.ts';
import { desiredState } from './desired.ts';
import type { DesiredState } from './desired.ts';
import { ownedBy } from './label.ts';
import { planApply, planDestroy } from './plan.ts';
import type { Plan } from './plan-types.ts';
import { readOrg } from './org-state.ts';
import type { OrgState } from './org-state.ts';

/** Where a deploy goes. */
export interface DeployTarget {
  readonly client: GenesysClient;
  /** Sends Architect's job files to their presigned URLs (no token). */
  readonly upload: Fetch;
}

/**
 * The deploying client's permissions (`domain:entity:action`, `*` allowed), from
 * `GET /api/v2/authorization/subjects/me`; `undefined` when the org does not say.
 */
async function grantedPermissions(client: GenesysClient): Promise<string[] | undefined> {
  try {
    const me = await client.get<Record<string, unknown>>('/api/v2/authorization/subjects/me');
    const grants = Array.isArray(me.grants) ? me.grants.filter(isPlainObject) : [];
    return grants.flatMap((g) => {
      const role = isPlainObject(g.role) ? g.role : {};
      const policies = Array.isArray(role.policies) ? role.policies.filter(isPlainObject) : [];
      return policies.flatMap((p) =>
        (Array.isArray(p.actions) ? p.actions : []).map(
          (a) => `${String(p.domain)}:${String(p.entityName)}:${String(a)}`,
        ),
      );
    });
  } catch {
    return undefined;
  }
}

/** A plan with what it was computed from. */
export interface Planned {
  readonly plan: Plan;
  readonly desired: DesiredState;
  readonly org: OrgState;
}

/** Read the org as a bundle's plan needs it. */
async function readOrgFor(
  bundle: string,
  client: GenesysClient,
  credentialNames: readonly string[],
): Promise<OrgState> {
  return readOrg(client, (i) => ownedBy(i.notes, bundle), new Set(credentialNames));
}

/**
 * The plan of deploying `bundle` to the target.
 * @example
 * const { plan } = await planDeploy(loadBundle('solutions/presence-tag'), { client, upload: fetch });
 */
export async function planDeploy(bundle: LoadedBundle, target: DeployTarget): Promise<Planned> {
  const desired = desiredState(bundle, (p) => readFileSync(p, 'utf8'));
  const granted = await grantedPermissions(target.client);
  const org = await readOrgFor(
    bundle.name,
    target.client,
    desired.accesses.map((a) => a.name),
  );
  return { plan: planApply(desired, org, granted), desired, org };
}

/**
 * Deploy `bundle`: plan, then apply. A second deploy of the same bundle changes nothing.
 * @example
 * await deploy(loadBundle('solutions/presence-tag'), { client, upload: fetch });
 */
export async function deploy(
  bundle: LoadedBundle,
  target: DeployTarget,
  progress?: Progress,
): Promise<ApplyResult & { plan: Plan }> {
  const { plan, desired, org } = await planDeploy(bundle, target);
  const result = await applyPlan(plan, desired, org, { ...target, ...(progress ? { progress } : {}) });
  return { ...result, plan };
}

/**
 * The plan of removing what bundle `name` deployed.
 * @example
 * const plan = await planRemoval('presence-tag', { client, upload: fetch });
 */
export async function planRemoval(name: string, target: DeployTarget): Promise<Plan> {
  const granted = await grantedPermissions(target.client);
  const org = await readOrgFor(name, target.client, []);
  return planDestroy(name, org, granted);
}

/**
 * Remove what bundle `name` deployed, and nothing else.
 * @example
 * await destroy('presence-tag', { client, upload: fetch });
 */
export async function destroy(
  name: string,
  target: DeployTarget,
  progress?: Progress,
): Promise<ApplyResult & { plan: Plan }> {
  const plan = await planRemoval(name, target);
  const result = await destroyPlan(plan, { ...target, ...(progress ? { progress } : {}) });
  return { ...result, plan };
}
