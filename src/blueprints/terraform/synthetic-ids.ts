/**
 * @module
 * Stable stand-in ids for what the provider computes after apply, so references between
 * resources link the same way on every load.
 */
import { createHash } from 'node:crypto';

/** A stable UUID-shaped id for a resource instance (the same address always gives the same id). */
export function syntheticId(address: string, attr = 'id'): string {
  const h = createHash('sha256').update(`${address}#${attr}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
