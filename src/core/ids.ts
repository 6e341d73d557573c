/**
 * @module
 * Id generators: random for production, seeded for deterministic tests and demos.
 */
import { randomUUID } from 'node:crypto';
import type { Ids } from './ports.ts';

/** Random v4 UUIDs. */
export const randomIds: Ids = { uuid: () => randomUUID() };

/**
 * Deterministic UUID-shaped ids from a seed (mulberry32), so emulator runs are reproducible.
 * @example
 * const ids = seededIds(42); ids.uuid(); // same sequence every run
 */
export function seededIds(seed: number): Ids {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(next() * 16).toString(16);
    return s;
  };
  return {
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(next() * 4)]}${hex(3)}-${hex(12)}`,
  };
}
