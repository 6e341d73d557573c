/**
 * @module
 * The hook through which Switchboard's engines run inside an emulator: whatever runs what is
 * deployed to the org (triggers, Architect flows, data actions) is given the emulator at creation
 * (`createEmulator({ automation })`) and closed with it. The emulator itself may not import the
 * engines (test/architecture.test.ts); the runtime's `orgAutomation()` is the usual one.
 */
import type { Emulator } from './create-emulator.ts';

/** Something attached to an emulator at creation and closed with it. */
export interface AttachedAutomation {
  close(): Promise<void>;
}

/** Attaches automation to a new emulator. */
export type EmulatorAutomation = (emulator: Emulator) => AttachedAutomation;
