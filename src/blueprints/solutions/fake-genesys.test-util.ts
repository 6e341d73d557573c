// Running a bundle's flows with its own compiled data actions against a tiny fake of the Genesys
// API: handlers by `METHOD /path`, every request recorded, waits recorded instead of slept.
import { VirtualClock } from '../../core/index.ts';
import { executeAction } from '../../actions/index.ts';
import type { ActionCallResult, FlowStepTools } from '../../architect/index.ts';
import type { LoadedBundle } from '../load-bundle.ts';

/** A fetch that answers from handlers and records every request. */
export interface FakeGenesys {
  readonly fetch: (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
  readonly requests: Array<{ key: string; body: string }>;
}

/**
 * A fake Genesys API: `routes` maps `METHOD /path` to a handler given the parsed body and how many
 * times the route was called before; anything else answers 404.
 */
export function fakeGenesys(routes: Record<string, (body: unknown, n: number) => unknown>): FakeGenesys {
  const requests: Array<{ key: string; body: string }> = [];
  const counts = new Map<string, number>();
  const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const req = input instanceof Request ? input : new Request(input, init);
    const key = `${req.method} ${new URL(req.url).pathname}`;
    const body = await req.text();
    requests.push({ key, body });
    const handler = routes[key];
    if (!handler) return new Response(JSON.stringify({ status: 404, code: 'not.found', message: key }), { status: 404, headers: { 'content-type': 'application/json' } });
    const n = counts.get(key) ?? 0;
    counts.set(key, n + 1);
    return new Response(JSON.stringify(handler(body === '' ? undefined : JSON.parse(body), n)), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, requests };
}

/** FlowStepTools running the bundle's own compiled data actions against `fetch`; waits are recorded in `sleeps`. */
export function bundleTools(bundle: LoadedBundle, fetch: FakeGenesys['fetch']): FlowStepTools & { sleeps: number[] } {
  const clock = new VirtualClock(0);
  const sleeps: number[] = [];
  return {
    sleeps,
    async callAction(_id, name, input): Promise<ActionCallResult> {
      const a = bundle.actions.find((x) => x.name === name);
      if (!a) throw new Error(`bundle "${bundle.name}" has no data action "${name}"`);
      const r = await executeAction(a.action, input, { fetch, clock, baseUrl: 'https://api.test' });
      return { status: r.status, outputs: r.outputs };
    },
    async sleep(_id, ms) {
      sleeps.push(ms);
    },
    now: () => 0,
  };
}

/** The bundle's workflow of that name; throws naming the ones it has. */
export function workflowOf(bundle: LoadedBundle, name?: string): LoadedBundle['workflows'][number]['flow'] {
  const w = name === undefined ? bundle.workflows[0] : bundle.workflows.find((x) => x.name === name);
  if (!w) throw new Error(`bundle "${bundle.name}" has no workflow ${name ?? ''} (it has ${bundle.workflows.map((x) => x.name).join(', ')})`);
  return w.flow;
}
