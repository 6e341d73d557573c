/**
 * @module
 * The row every bench module returns: one measured value, optionally beside a peer measured in the
 * same run on the same machine (so the ratio, not the absolute number, is what to compare).
 */

/** One measurement. */
export interface BenchRow {
  /** The bench module's subject, e.g. `client`, `emulator`. */
  suite: string;
  /** What was measured, e.g. `GET /api/v2/users/{id}, 20 connections`. */
  name: string;
  value: number;
  /** `req/s`, `µs/req`, `ms`… */
  unit: string;
  /** What the value is compared with, e.g. `raw fetch`. */
  peer?: string;
  /** The peer's value in the same unit, measured in the same run. */
  peerValue?: number;
  note?: string;
}

/** What a `bench/*.bench.ts` module exports. */
export interface BenchModule {
  run(): Promise<BenchRow[]>;
}
