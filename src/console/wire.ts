/**
 * @module
 * JSON shapes of the console's own routes (beside the runtime's API), shared by the server and
 * the browser bundle (type-only there).
 */

/** A directory entry offered by the simulator and outbound forms. */
export interface DirectoryEntry {
  readonly id: string;
  readonly name: string;
}

/** `GET /api/info`: who the console talks to, and the directory its forms offer. */
export interface ConsoleInfo {
  /** `emulator`: the runtime runs against an emulator (the simulator panel works); `org`: a real org. */
  readonly mode: 'emulator' | 'org';
  /** Whether `/api/simulator/*` reaches an emulator's call simulator. */
  readonly simulator: boolean;
  readonly users: readonly DirectoryEntry[];
  readonly queues: readonly DirectoryEntry[];
  /** Every workflow the loaded bundles run (the runs filter offers them). */
  readonly flows: readonly string[];
  /** Loaded bundle names. */
  readonly bundles: readonly string[];
}
