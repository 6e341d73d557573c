/**
 * @module
 * The shape of a deploy plan: its steps, one per object, and its conflicts.
 */

/** The kinds of object deploy manages, in the order apply creates them. */
export const KINDS = [
  'role',
  'oauth-client',
  'credential',
  'integration',
  'data-action',
  'workflow',
  'trigger',
] as const;
/** A kind of object deploy manages. */
export type PlanKind = (typeof KINDS)[number];
/** What a step does. */
export type PlanOp = 'create' | 'update' | 'delete' | 'keep';

/** One object of the plan. */
export interface PlanStep {
  readonly op: PlanOp;
  readonly kind: PlanKind;
  readonly name: string;
  /** The object's id in the org (absent for a create). */
  readonly id?: string;
  /** Why the step is there: what differs, or what the object is for. */
  readonly why: string;
  /** The bundle integration the object belongs to (roles, clients, credentials, integrations, data actions). */
  readonly integration?: string;
}

/** An object in the way: same name, not deployed by this bundle. */
export interface PlanConflict {
  readonly kind: PlanKind;
  readonly name: string;
  readonly id: string;
  readonly why: string;
}

/** What apply or destroy would do. */
export interface Plan {
  readonly bundle: string;
  readonly mode: 'apply' | 'destroy';
  readonly steps: readonly PlanStep[];
  readonly conflicts: readonly PlanConflict[];
  /** The permissions the deploying client needs for the changes of the plan. */
  readonly needs: readonly string[];
  /** The ones of `needs` it lacks (empty when its grants are not known). */
  readonly missing: readonly string[];
  readonly warnings: readonly string[];
}
