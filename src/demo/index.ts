/**
 * @module
 * The demo context: `switchboard demo` (each shipped solution acted out against the emulator on a
 * virtual clock, every expectation checked from the emulator's state) and the continuous simulated
 * day `switchboard start` runs (calls, presence changes and callbacks at a steady pace). It uses
 * the runtime and the emulator through their doors and nothing uses it but the CLI.
 */
export { runDemo, renderDemoReport } from './demo.ts';
export type { DemoProgress } from './demo.ts';
export { startScenario } from './scenario.ts';
