/**
 * @module
 * JSON encoding shared by the store implementations: every stored value round-trips through JSON,
 * in memory too, so both implementations behave the same.
 */
import { SwitchboardError } from '../core/index.ts';
import { StoreErrors } from './errors.ts';

/** Encode a value for storage; `undefined` stays `undefined` (an absent column). */
export function encode(value: unknown, what: string): string | undefined {
  if (value === undefined) return undefined;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw new SwitchboardError(
      StoreErrors.SB_STORE_NOT_JSON,
      `stored values must be JSON; ${what} is not (${e instanceof Error ? e.message : String(e)})`,
      {
        cause: e,
        details: { what },
      },
    );
  }
  if (text === undefined) {
    throw new SwitchboardError(
      StoreErrors.SB_STORE_NOT_JSON,
      `stored values must be JSON; ${what} is a ${typeof value}`,
      { details: { what } },
    );
  }
  return text;
}

/** Decode a stored value. */
export function decode(text: string | null | undefined): unknown {
  return text === null || text === undefined ? undefined : (JSON.parse(text) as unknown);
}

/** A JSON deep copy (what a round trip through storage yields). */
export function roundTrip<T>(value: T, what: string): T {
  const text = encode(value, what);
  return (text === undefined ? undefined : JSON.parse(text)) as T;
}

/** Check the arguments of a claim / lease call. */
export function checkLeaseArgs(leaseMs: number, limit?: number): void {
  if (!Number.isFinite(leaseMs) || leaseMs <= 0) {
    throw new SwitchboardError(
      StoreErrors.SB_STORE_INVALID_ARGUMENT,
      `a lease must last a positive number of ms; got leaseMs=${leaseMs}`,
    );
  }
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new SwitchboardError(
      StoreErrors.SB_STORE_INVALID_ARGUMENT,
      `a claim limit must be a non-negative integer; got limit=${limit}`,
    );
  }
}

/** Check the `claim` of a new run: a positive lease, and a run ready at its creation. */
export function checkCreateClaim(n: {
  readonly id: string;
  readonly createdAt: number;
  readonly readyAt?: number;
  readonly claim?: { readonly leaseMs: number };
}): void {
  if (!n.claim) return;
  checkLeaseArgs(n.claim.leaseMs);
  if (n.readyAt !== undefined && n.readyAt > n.createdAt) {
    throw new SwitchboardError(
      StoreErrors.SB_STORE_INVALID_ARGUMENT,
      `a run created claimed must be ready at its creation; run ${n.id} is ready ${n.readyAt - n.createdAt} ms later`,
    );
  }
}
