/**
 * @module
 * Error codes of the blueprints context: bundle manifests, bundle loading and folder checks.
 */
import { defineErrorCodes } from '../core/index.ts';

/** Every error the blueprints context throws. */
export const BlueprintErrors = defineErrorCodes('blueprints', {
  SB_BLUEPRINTS_MANIFEST_INVALID: {
    summary: 'A bundle manifest (switchboard.json / bundle.json) is not valid JSON or breaks the manifest schema.',
    retry: 'never',
    hint: 'Fix the listed fields of the manifest; see docs/seed-corrections.md for complete examples.',
    status: 400,
  },
  SB_BLUEPRINTS_BUNDLE_INVALID: {
    summary: 'A bundle names an artifact that is missing or broken, or a flow that cannot run with the bundle\'s data actions.',
    retry: 'never',
    hint: 'Run `switchboard check <dir>` to see every problem with its file and fix hint.',
    status: 400,
  },
  SB_BLUEPRINTS_CONFIG_INVALID: {
    summary: 'A configuration value given for a bundle does not match its declared configuration points.',
    retry: 'never',
    hint: 'Use the configuration point names and types the manifest declares; a point the published artifact hard-codes cannot be overridden.',
    status: 400,
  },
  SB_BLUEPRINTS_DIR_UNREADABLE: {
    summary: 'The folder to load or check cannot be read.',
    retry: 'never',
    hint: 'Pass an existing, readable folder.',
    status: 400,
  },
  SB_BLUEPRINTS_ROOT_UNSET: {
    summary: 'A bundle manifest names `@blueprints/` paths, but no blueprints root is set.',
    retry: 'never',
    hint: 'Point at the folder holding the published exports: the blueprintsDir option (--blueprints-dir for check), SWITCHBOARD_BLUEPRINTS_DIR, or SWITCHBOARD_SHARED_DIR; or use paths relative to the manifest.',
    status: 400,
  },
  SB_BLUEPRINTS_SOLUTION_UNKNOWN: {
    summary: 'A solution or bundle name is not in the catalogue of the solutions Switchboard ships.',
    retry: 'never',
    hint: 'List the solutions with SOLUTIONS and use one of their ids and bundle ids.',
    status: 404,
  },
});
