/**
 * @module
 * The demo context: `switchboard demo` (each shipped solution acted out against the emulator on a
 * virtual clock, every expectation checked from the emulator's state) and the continuous simulated
 * day `switchboard start` runs (calls, presence changes and callbacks at a steady pace). It uses
 * the runtime and the emulator through their doors and nothing uses it but the CLI.
 */
export { runDemo, renderDemoReport } from './demo.ts';
export type { DemoOptions, DemoProgress, DemoReport, DemoSolutionReport } from './demo.ts';
export { ACTS } from './acts.ts';
export type { Act, ActContext, Expectation } from './acts.ts';
export { startScenario } from './scenario.ts';
export type { Scenario, ScenarioOptions } from './scenario.ts';
