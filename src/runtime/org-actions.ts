/**
 * @module
 * The data actions an org publishes, as the invoker of the flows deployed to an emulator runs them:
 * looked up by name among the org's published actions at each call (a republished action is used
 * at once), compiled once per version, and sent through a client-credentials client of the
 * action's integration — the OAuth client of its credential, so that client's roles decide what
 * the action may do, as in Genesys. A web services integration's action runs with its credentials
 * (and custom auth action), and its requests for other hosts go to the emulator's third-party fetch.
 */
import { compileAction, loadAction } from '../actions/index.ts';
import type { CompiledAction } from '../actions/index.ts';
import type { Clock, Fetch, Ids } from '../core/index.ts';
import type { Emulator, OrgDataAction } from '../emulator/index.ts';
import { orgDataActions, webServiceAuths } from '../emulator/index.ts';
import { createGenesysClient } from '../genesys/index.ts';
import type { ActionInvoker } from '../workflows/index.ts';
import { IN_PROCESS_BASE_URL } from './credentials.ts';
import { createInvoker } from './invoker.ts';
import type { BoundAction } from './invoker.ts';

/** An invoker over an emulator org's published data actions. */
export function orgActionInvoker(
  emulator: Emulator,
  deps: { readonly clock: Clock; readonly ids: Ids; readonly onExecuted?: () => void },
): ActionInvoker {
  const programs = new Map<string, { version: number; program: CompiledAction }>();
  const fetches = new Map<string, Fetch>();
  const org = emulator.services.org(emulator.orgId);

  const program = (a: OrgDataAction): CompiledAction => {
    const known = programs.get(a.id);
    if (known && known.version === a.version) return known.program;
    const compiled = compileAction(
      loadAction(
        {
          name: a.name,
          integrationType: a.integration.type,
          actionType: 'custom',
          config: a.config,
          contract: a.contract,
          secure: a.secure,
        },
        a.name,
      ),
    );
    programs.set(a.id, { version: a.version, program: compiled });
    return compiled;
  };
  const fetchOf = (client: { clientId: string; clientSecret: string }): Fetch => {
    const key = `${client.clientId}\n${client.clientSecret}`;
    let f = fetches.get(key);
    if (!f) {
      // One attempt: Genesys gives a 429 or 5xx to the flow as the Failure path.
      f = createGenesysClient({
        baseUrl: IN_PROCESS_BASE_URL,
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        fetch: emulator.fetch,
        clock: deps.clock,
        maxAttempts: 1,
      }).fetch;
      fetches.set(key, f);
    }
    return f;
  };

  return async (name, input, ctx) => {
    const published = orgDataActions(org).filter((a) => a.name === name);
    if (published.length === 0) {
      return {
        status: 'failure',
        outputs: {},
        error: {
          code: 'SB_RUNTIME_NOT_FOUND',
          message: `a data action must be published in the org; "${name}" is not (workflow "${ctx.flow}")`,
        },
      };
    }
    const a = published.find((p) => p.run.kind !== 'refused') ?? published[0]!;
    if (a.run.kind === 'refused') {
      return {
        status: 'failure',
        outputs: {},
        error: { code: 'ACTION.CREDENTIALS', message: `data action "${name}" cannot run: ${a.run.message}` },
      };
    }
    const bound: BoundAction =
      a.run.kind === 'oauth-client'
        ? { action: program(a), fetch: fetchOf(a.run), integration: a.integration.name }
        : {
            action: program(a),
            // A web services action sends its own Authorization to a Genesys URL.
            fetch: (input, init) => emulator.fetch(input, init),
            integration: a.integration.name,
            auth: emulator.services.service(webServiceAuths).authOf(a.run),
          };
    const actions = new Map<string, BoundAction>([[a.name, bound]]);
    return createInvoker({
      actionsOf: () => actions,
      clock: deps.clock,
      ids: deps.ids,
      thirdParty: emulator.services.thirdParty,
      ...(deps.onExecuted ? { onExecuted: deps.onExecuted } : {}),
    })(name, input, ctx);
  };
}
