/**
 * @module
 * Id generators: random for production, seeded for deterministic tests and demos.
 */
import { randomUUID } from 'node:crypto';
import type { Ids } from './ports.ts';

/** Random v4 UUIDs. */
export const randomIds: Ids = { uuid: () => randomUUID() };

/**
 * Deterministic numbers in [0, 1) from a seed (mulberry32): the same sequence every run, for
 * reproducible fault injection, simulated traffic and benchmarks.
 * @example
 * const next = seededRandom(42); next(); // 0.6011037519201636, every time
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Deterministic UUID-shaped ids from a seed, so emulator runs are reproducible.
 * @example
 * const ids = seededIds(42); ids.uuid(); // same sequence every run
 */
export function seededIds(seed: number): Ids {
  const next = seededRandom(seed);
  const hex = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(next() * 16).toString(16);
    return s;
  };
  return {
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(next() * 4)]}${hex(3)}-${hex(12)}`,
  };
}
