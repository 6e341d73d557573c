/**
 * @module
 * Workitems the org's people create and move, under the simulator's control API (no token, like
 * the rest of `/_switchboard/`; it acts on the emulator's org, or `?orgId=`): what an agent does in
 * Genesys Cloud's workitem views, so a workitem flow can be tried without an OAuth client. Each
 * request goes through the same rules as the Platform API's (bodies, defaults, status
 * transitions), then publishes the workitem's notification and launches its worktype's flow
 * when one of the worktype's rules matches.
 *
 * | Method | Path | Body |
 * |---|---|---|
 * | GET | `/_switchboard/simulator/worktypes` | — (the org's worktypes with their statuses, by name: the ids a workitem takes) |
 * | GET | `/_switchboard/simulator/workitems` | — (the org's workitems, newest first) |
 * | POST | `/_switchboard/simulator/workitems` | the Platform API's `WorkitemCreate` |
 * | PATCH | `/_switchboard/simulator/workitems/{id}` | the Platform API's `WorkitemUpdate` |
 */
import type { Context } from 'hono';
import type { EmulatorApp, EmulatorEnv, Provider } from '../../provider-contract.ts';
import { EMULATOR_ORG_ID } from '../seed.ts';
import { tm } from './common.ts';
import { workitemFlowOf } from './flow-launch.ts';
import { toWorkitem, toWorktype } from './views.ts';
import { createWorkitem, updateWorkitem } from './workitems.ts';

const P = '/_switchboard/simulator/workitems';

/** Act on the org of `?orgId=` as the simulator (a caller with no user: `modifiedBy` stays unset). */
function asSimulator(c: Context<EmulatorEnv>): void {
  const orgId = c.req.query('orgId') ?? EMULATOR_ORG_ID;
  c.set('org', c.get('services').org(orgId));
  c.set('principal', { orgId, clientId: 'switchboard.simulator', permissions: new Set<string>(), token: '' });
}

function register(app: EmulatorApp): void {
  app.get('/_switchboard/simulator/worktypes', (c) => {
    asSimulator(c);
    const store = tm(c);
    const all = Object.values(store.worktypes).sort((a, b) => a.name.localeCompare(b.name));
    const org = c.get('org');
    const flowOf = (name: string) => workitemFlowOf(c.get('services'), org.orgId, name);
    return c.json({ entities: all.map((t) => toWorktype(org, store, t, new Set(['flow']), flowOf(t.name))) });
  });
  app.get(P, (c) => {
    asSimulator(c);
    const store = tm(c);
    const all = Object.values(store.workitems).sort((a, b) => b.dateCreated.localeCompare(a.dateCreated));
    return c.json({ entities: all.map((w) => toWorkitem(c.get('org'), store, w)) });
  });
  app.post(P, (c) => {
    asSimulator(c);
    return createWorkitem(c);
  });
  app.patch(`${P}/:id`, (c) => {
    asSimulator(c);
    return updateWorkitem(c, c.req.param('id'));
  });
}

/** The workitem part of the simulator's control API. */
export const workitemControlProvider: Provider = { name: 'workitem-control', register };
