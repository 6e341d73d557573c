/**
 * @module
 * Lint rules for projects that write workflows in TypeScript, as an ESLint plugin
 * (`switchboard/eslint-plugin`).
 */
import type { ESLint, Linter } from 'eslint';
import { workflowDeterminism } from './workflow-determinism.ts';

export { workflowDeterminism } from './workflow-determinism.ts';

/** The plugin: its rules, and a flat config that turns them on. */
export const plugin: ESLint.Plugin & { configs: { recommended: Linter.Config } } = {
  meta: { name: 'switchboard' },
  rules: { 'workflow-determinism': workflowDeterminism },
  configs: { recommended: {} },
};
plugin.configs.recommended = {
  plugins: { switchboard: plugin },
  rules: { 'switchboard/workflow-determinism': 'error' },
};
