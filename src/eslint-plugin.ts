/**
 * `switchboard/eslint-plugin`: lint rules for workflows written in TypeScript.
 * @module switchboard/eslint-plugin
 * @example
 * // eslint.config.js
 * import switchboard from 'switchboard/eslint-plugin';
 * export default [switchboard.configs.recommended];
 */
import { plugin } from './lint/index.ts';

export { workflowDeterminism } from './lint/index.ts';
export default plugin;
