/**
 * @module
 * The action invoker: `step.action(name)` of a run → the data action of that name in the run's
 * bundle → `executeAction` with the authenticated fetch of the action's integration.
 */
import type { Clock, Fetch, Ids } from '../core/index.ts';
import { executeAction, findActionByName } from '../actions/index.ts';
import type { CompiledAction, IntegrationAuth } from '../actions/index.ts';
import type { ActionInvoker } from '../workflows/index.ts';

/** A data action bound to the fetch of its integration. */
export interface BoundAction {
  readonly action: CompiledAction;
  readonly fetch: Fetch;
  readonly integration: string;
  /** A web services integration's credentials, shared by its actions (one auth response for all). */
  readonly auth?: IntegrationAuth;
}

/** What the invoker needs. */
export interface InvokerDeps {
  /** Flow (run name) → its bundle's actions by name. */
  readonly actionsOf: (flow: string) => ReadonlyMap<string, BoundAction> | undefined;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly onExecuted?: () => void;
  /** Where requests for hosts other than Genesys Cloud go (mocks, passthrough). */
  readonly thirdParty?: Fetch;
}

/**
 * Build the invoker. An unknown action name takes the failure path with the reason, like a
 * deleted action in Genesys (the run goes on according to its flow).
 * @example
 * const invoker = createInvoker({ actionsOf: (flow) => byFlow.get(flow), clock, ids });
 */
export function createInvoker(deps: InvokerDeps): ActionInvoker {
  return async (name, input, ctx) => {
    const actions = deps.actionsOf(ctx.flow);
    // A call naming an action but for Genesys's export suffix binds to it (see actions' names.ts).
    const bound = actions === undefined ? undefined : findActionByName(actions, name);
    if (!bound) {
      return {
        status: 'failure',
        outputs: {},
        error: {
          code: 'SB_RUNTIME_NOT_FOUND',
          message: `a data action must exist in the bundle of the workflow; "${name}" is not one of workflow "${ctx.flow}"'s actions`,
        },
      };
    }
    const result = await executeAction(bound.action, input, {
      fetch: bound.fetch,
      clock: deps.clock,
      ids: deps.ids,
      signal: ctx.signal,
      idempotencyKey: ctx.idempotencyKey,
      ...(deps.thirdParty ? { thirdParty: deps.thirdParty } : {}),
      ...(bound.auth ? { auth: bound.auth } : {}),
    });
    deps.onExecuted?.();
    const failure = result.trace.failure;
    return {
      status: result.status,
      outputs: result.outputs,
      trace: { integration: bound.integration, ...result.trace },
      ...(bound.action.definition.secure ? { secure: true } : {}),
      ...(result.status === 'success' || !failure ? {} : { error: { code: failure.code, message: failure.message } }),
      ...(result.transient ? { transient: result.transient } : {}),
    };
  };
}
