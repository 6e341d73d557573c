/**
 * @module
 * Error codes of the deploy context: putting a bundle into an org, taking one out.
 */
import { defineErrorCodes } from '../core/index.ts';

/** Every error the deploy context throws. */
export const DeployErrors = defineErrorCodes('deploy', {
  SB_DEPLOY_PERMISSION_MISSING: {
    summary:
      'The OAuth client that deploys lacks a permission the plan needs (to read what exists, or to create, change or delete an object); nothing was changed.',
    retry: 'never',
    hint: "Give the deploying client's role the permissions the plan names (Admin > Roles / Permissions), or deploy with a client that has them.",
    status: 403,
  },
  SB_DEPLOY_CONFLICT: {
    summary:
      'An object the bundle deploys (a role, an integration, a workflow, a trigger) already exists in the org under the same name and was not deployed by this bundle; nothing was changed.',
    retry: 'never',
    hint: "Rename the object in the bundle or in the org, or delete the org's object; deploy never changes what it did not create.",
    status: 409,
  },
  SB_DEPLOY_STEP_FAILED: {
    summary: 'A step of an apply or a destroy failed; the steps before it were applied, the rest were not.',
    retry: 'backoff',
    hint: 'Fix the cause the step names (or wait for the org to recover) and run the same command again: it converges from what exists, and nothing is left behind.',
    status: 502,
  },
  SB_DEPLOY_WORKFLOW_FORMAT: {
    summary:
      "A workflow of the bundle cannot be published through Architect's import job: it is an .i3WorkFlow export, or its Archy YAML cannot be prepared for upload.",
    retry: 'never',
    hint: 'Deploy Archy YAML workflows: export the flow as YAML (Archy export, or switchboard export from an org), or import the .i3WorkFlow in Architect by hand.',
    status: 400,
  },
  SB_DEPLOY_TARGET: {
    summary:
      'The deploy or export target is not usable: no target given, both given, or an emulator URL that answers no control API.',
    retry: 'never',
    hint: 'Give --org (with the GENESYSCLOUD_* variables) or --target <emulator URL> (switchboard emulator prints it), not both.',
    status: 400,
  },
  SB_DEPLOY_EXPORT_DIR: {
    summary: 'The folder an export writes to is not empty or cannot be written.',
    retry: 'never',
    hint: 'Export into a new or empty folder.',
    status: 400,
  },
  SB_DEPLOY_JOB_FAILED: {
    summary:
      'An Architect job (the import that publishes a workflow, or the export of one) ended in Failure or did not finish in time.',
    retry: 'never',
    hint: 'Read the job messages in the error: fix the workflow the org refused (a data action it names must exist), then run again.',
    status: 502,
  },
});
