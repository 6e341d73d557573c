/**
 * @module
 * Deploy: putting a bundle into an org (or an emulator) and taking one out. `desired.ts` says
 * what a bundle deploys, `org-state.ts` reads what an org holds, `plan.ts` compares them,
 * `apply.ts` carries out a plan, `export.ts` writes an org back as a bundle.
 */
export { DeployErrors } from './errors.ts';
export { actionConfig, desiredState, leastPrivilege } from './desired.ts';
export type {
  DesiredAccess,
  DesiredAction,
  DesiredState,
  DesiredTrigger,
  DesiredWorkflow,
  PermissionReason,
  ReadText,
} from './desired.ts';
export { accessName, ownedBy, readTag, tagged, untagged } from './label.ts';
export type { Tag } from './label.ts';
export { fileHash, prepareFlowFile, untagFlowFile } from './flow-file.ts';
export type { PreparedFlowFile } from './flow-file.ts';
export { listAll, readOrg, rolePermissions } from './org-state.ts';
export type {
  OrgAction,
  OrgClient,
  OrgCredential,
  OrgDraft,
  OrgFlow,
  OrgIntegration,
  OrgRole,
  OrgState,
  OrgTrigger,
} from './org-state.ts';
export { KINDS, changes, planApply, planDestroy, sameJson } from './plan.ts';
export type { Plan, PlanConflict, PlanKind, PlanOp, PlanStep } from './plan.ts';
export { applyPlan, destroyPlan, policiesOf } from './apply.ts';
export type { ApplyOptions, ApplyResult, Progress } from './apply.ts';
export { deploy, destroy, grantedPermissions, planDeploy, planRemoval, readOrgFor } from './deployment.ts';
export type { DeployTarget, Planned } from './deployment.ts';
export { exportBundle, slug } from './export.ts';
export type { ExportOptions, ExportedBundle } from './export.ts';
