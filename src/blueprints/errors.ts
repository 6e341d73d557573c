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
    summary:
      "A bundle names an artifact that is missing or broken, or a flow that cannot run with the bundle's data actions.",
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
  SB_BLUEPRINTS_DEPLOYED_FLOW_INVALID: {
    summary:
      'A Terraform project deploys the flow file, but cannot give it what it needs (a variable without a value, a substitution the flow does not import with), or several resources deploy it with different values.',
    retry: 'never',
    hint: "Give the project's variables with --var / --var-file, or run the file with its values given yourself (--substitutions, --options).",
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
  SB_BLUEPRINTS_WALK_TOO_DEEP: {
    summary:
      'A folder being read lies deeper than the walk reads (12 folder levels below the root); it is listed as skipped, not read.',
    retry: 'never',
    hint: 'Point the command at the folder that holds the artifacts, or move them nearer the root.',
    status: 400,
  },
  SB_BLUEPRINTS_WALK_TOO_MANY_FILES: {
    summary:
      'A folder being read holds more files than the walk lists (5000); the rest are listed as one skip, not read.',
    retry: 'never',
    hint: 'Point the command at the folder that holds the artifacts rather than a whole tree of other files.',
    status: 400,
  },
  SB_BLUEPRINTS_WALK_FILE_TOO_LARGE: {
    summary: 'A file is larger than an artifact may be (5 MiB); it is listed as skipped, not read.',
    retry: 'never',
    hint: 'Genesys exports are kilobytes; check that the file is the artifact meant, or remove it from the folder.',
    status: 400,
  },
  SB_BLUEPRINTS_WALK_IGNORED_DIR: {
    summary:
      'A node_modules, .git or .terraform folder is not walked; it is listed as skipped (the modules terraform init installed under .terraform are read through the project that calls them).',
    retry: 'never',
    hint: "Nothing to fix: these folders hold installed packages, version control and Terraform's cache, not artifacts.",
    status: 400,
  },
  SB_BLUEPRINTS_WALK_UNREADABLE: {
    summary:
      'A file or folder met while walking cannot be read (permissions, a vanished path); it is listed as skipped.',
    retry: 'never',
    hint: 'Make the path readable, or remove it from the folder.',
    status: 400,
  },
});
