/**
 * @module
 * The Architect engine the emulator publishes deployed flows with. The emulator reads an uploaded
 * Archy YAML file's flow type, name and description itself; checking the whole flow as Archy's
 * publish would (actions, expressions, data-action references) needs Switchboard's Architect
 * importer, which the emulator may not import: it is attached, like the flow launcher, by whoever
 * creates the emulator (`createEmulator({ automation })`, the `switchboard emulator` command).
 */
import type { EmulatorServices } from '../../provider-contract.ts';
import { declareService } from '../../provider-contract.ts';

/** Checks flow files on publish. */
export interface ArchitectEngine {
  /** What is wrong with an uploaded flow file, as messages; empty when it publishes. */
  check(content: string): readonly string[];
}

/** The engine attached to an emulator, if any. */
const engineService = declareService('architect engine', () => ({ engine: undefined as ArchitectEngine | undefined }));

/**
 * Attach (or, with `undefined`, detach) the engine that checks this emulator's flow uploads.
 * @example
 * attachArchitectEngine(emulator.services, { check: (text) => issuesOf(text) });
 */
export function attachArchitectEngine(services: EmulatorServices, engine: ArchitectEngine | undefined): void {
  services.service(engineService).engine = engine;
}

/** The engine attached to an emulator, if any. */
export function architectEngineOf(services: EmulatorServices): ArchitectEngine | undefined {
  return services.service(engineService).engine;
}
