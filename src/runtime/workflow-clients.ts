/**
 * @module
 * The Genesys Cloud client of an Architect workflow whose platform actions (Find User, Get
 * Participant Data…) call the API directly: created on first use, with exactly the permissions those
 * actions need (on an emulator), or the integration-less client of a real org.
 */
import type { Fetch } from '../core/index.ts';
import { platformPermissions } from '../architect/index.ts';
import type { LoadedWorkflow } from '../blueprints/index.ts';
import type { Credentials } from './credentials.ts';

/**
 * The fetch a bundle workflow's platform actions use, or `undefined` when it has none. The client
 * is obtained lazily, so a runtime whose workflows never reach such an action creates none.
 * @example
 * architectWorkflow(w.flow, { name: w.name, genesys: workflowGenesys(credentials, 'my-bundle', w) });
 */
export function workflowGenesys(credentials: Credentials, bundle: string, workflow: LoadedWorkflow): Fetch | undefined {
  const permissions = platformPermissions(workflow.flow);
  if (permissions.length === 0) return undefined;
  let fetch: Promise<Fetch> | undefined;
  return async (input, init) => {
    fetch ??= credentials
      .client({ name: `${bundle} / ${workflow.name} (workflow)`, permissions })
      .then((c) => c.client.fetch);
    try {
      return await (
        await fetch
      )(input, init);
    } catch (e) {
      // A failed client creation is retried on the next request rather than remembered.
      fetch = undefined;
      throw e;
    }
  };
}
