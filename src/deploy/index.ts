/**
 * @module
 * Deploy: putting a bundle into an org (or an emulator) and taking one out. `desired.ts` says
 * what a bundle deploys, `org-state.ts` reads what an org holds, `plan.ts` compares them,
 * `apply.ts` carries out a plan, `export.ts` writes an org back as a bundle.
 */
export { DeployErrors } from './errors.ts';
export { changes } from './plan.ts';
export type { Plan, PlanStep } from './plan-types.ts';
export { applyPlan, destroyPlan } from './apply.ts';
export { deploy, destroy, planDeploy, planRemoval } from './deployment.ts';
export type { DeployTarget } from './deployment.ts';
export { exportBundle } from './export.ts';
