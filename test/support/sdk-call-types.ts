/**
 * @module
 * The shape of the SDK contract test's plan: one call of an SDK operation, and the ids the calls
 * create and later calls use.
 */

/** The ids the calls create and later calls use, by name. */
export type Ids = Record<string, string>;

/** One SDK operation to send, with its body, parameters and what it captures. */
export type Call = {
  readonly op: string;
  readonly body?: (ids: Ids) => unknown;
  readonly params?: (ids: Ids) => Partial<Ids>;
  /** Positional arguments after the path parameters: a required query parameter (e.g. `contactIds`). */
  readonly args?: (ids: Ids) => unknown[];
  readonly opts?: (ids: Ids) => Record<string, unknown>;
  /** Send with a user's token (an operation that needs a user context). */
  readonly asUser?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation answers its own model
  readonly capture?: (res: any, ids: Ids) => void | Promise<void>;
};
