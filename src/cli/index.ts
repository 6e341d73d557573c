/**
 * @module
 * The CLI's public door.
 */
export { main, buildProgram } from './main.ts';
