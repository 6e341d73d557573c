/**
 * @module
 * Per-execution overhead of the data-action engine without the HTTP round trip: input check,
 * request rendering, response parsing, translation map, success template and both contract
 * validations, with templates, paths and schemas compiled once per action. The peer, measured in
 * the same run, is the uncached pipeline: `velocityjs.render` from source, JSONPath from the path
 * string and a fresh ajv compile of both contracts on every execution.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import { JSONPath } from 'jsonpath-plus';
import { render } from 'velocityjs';
import { compileAction, executeAction, loadActionText } from '../src/actions/index.ts';
import type { CompiledAction } from '../src/actions/index.ts';
import { checkInput, newTrace, parseResponseBody, renderRequest, resolveOutput } from '../src/actions/pipeline.ts';
import { templateTools } from '../src/actions/velocity/tools.ts';
import { SystemClock } from '../src/core/index.ts';
import type { BenchRow } from './types.ts';

const BLUEPRINTS = resolve(
  process.env.SWITCHBOARD_SHARED_DIR ?? resolve(import.meta.dirname, '../../shared'),
  'blueprints',
);
const clock = new SystemClock();
const tools = templateTools(clock);

interface Case {
  name: string;
  file: string;
  input: Record<string, unknown>;
  response: string;
}

const CASES: Case[] = [
  {
    name: 'Get Callback Priority',
    file: 'callback-prioritization/main/exports/Get-Callback-Priority.custom.json',
    input: { conversationId: '5c1a2b3c-0000-4000-8000-000000000001' },
    response: JSON.stringify({
      id: '5c1a2b3c-0000-4000-8000-000000000001',
      participants: [
        {
          id: 'p1',
          purpose: 'customer',
          state: 'connected',
          callbacks: [{ state: 'waiting', callbackNumbers: ['+13175550100'] }],
        },
        {
          id: 'p2',
          purpose: 'acd',
          state: 'connected',
          queue: { id: 'q1' },
          conversationRoutingData: { priority: 4, queue: { id: 'q1' } },
        },
      ],
    }),
  },
  {
    name: 'Check Conversation For PSTN Leg',
    file: 'terminate-voice-calls-with-no-queue/main/exports/Check-Conversation-For-PSTN-Leg.custom.json',
    input: { CONVERSATION_ID: 'c0ffee00-0000-4000-8000-000000000001' },
    response: JSON.stringify({
      conversationId: 'c0ffee00-0000-4000-8000-000000000001',
      participants: [
        {
          purpose: 'user',
          userId: 'u1',
          sessions: [{ mediaType: 'voice', direction: 'outbound', segments: [{ segmentType: 'interact' }] }],
        },
        {
          purpose: 'external',
          sessions: [
            {
              mediaType: 'voice',
              direction: 'outbound',
              ani: 'tel:+13175550100',
              segments: [{ segmentType: 'interact' }],
            },
          ],
        },
      ],
    }),
  },
];

// The engine's pure pipeline, as executeAction runs it, minus fetch.
function compiledOnce(action: CompiledAction, c: Case): unknown {
  const trace = newTrace(action, c.input);
  const input = checkInput(action, c.input, trace);
  renderRequest(action, { ...tools, input }, trace);
  const parsed = parseResponseBody(c.response, trace);
  return resolveOutput(action, parsed, c.response, input, tools, trace).outputs;
}

// The naive pipeline: nothing compiled ahead; the same steps from source every time.
function uncached(action: CompiledAction, c: Case): unknown {
  const def = action.definition;
  const ajv = new Ajv04.default({ allErrors: true, strict: false, logger: false });
  const strip = (s: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(s).filter(([k]) => k !== '$schema'));
  if (!ajv.compile(strip(def.contract.input))(c.input)) throw new Error('input');
  const input = { ...c.input, rawRequest: JSON.stringify(c.input) };
  const ctx = { ...tools, input };
  render(def.request.requestUrlTemplate, ctx);
  if (def.request.requestType !== 'GET') render(def.request.requestTemplate, ctx);
  const json = JSON.parse(c.response) as object;
  const vars: Record<string, string> = {};
  for (const [k, path] of Object.entries(def.response.translationMap)) {
    const hits = JSONPath<unknown[]>({
      path: path.startsWith('$') ? path : `$${path}`,
      json,
      eval: 'safe',
      wrap: true,
    });
    vars[k] = hits.length ? JSON.stringify(hits) : (def.response.translationMapDefaults[k] ?? '[]');
  }
  const out = JSON.parse(render(def.response.successTemplate, { ...ctx, ...vars, rawResult: c.response })) as unknown;
  ajv.compile(strip(def.contract.output))(out);
  return out;
}

function percentiles(samples: number[]): { p50: number; p99: number } {
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(samples.length * 0.5)]!, p99: samples[Math.floor(samples.length * 0.99)]! };
}

async function sample(fn: () => unknown, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const r = fn();
    if (r instanceof Promise) await r;
    out.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  return out;
}

/** Run the actions bench: about 15 s (the uncached peer compiles both schemas every time). */
export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const c of CASES) {
    const action = compileAction(loadActionText(readFileSync(resolve(BLUEPRINTS, c.file), 'utf8'), c.file));
    const canned = (): Promise<Response> =>
      Promise.resolve(new Response(c.response, { status: 200, headers: { 'content-type': 'application/json' } }));
    const viaExecute = (): Promise<unknown> => executeAction(action, c.input, { fetch: canned, clock });
    if (JSON.stringify(compiledOnce(action, c)) !== JSON.stringify(uncached(action, c)))
      throw new Error(`${c.name}: the two pipelines disagree`);
    await sample(() => compiledOnce(action, c), 3000);
    await sample(() => uncached(action, c), 100);
    await sample(viaExecute, 3000);
    // Interleave rounds so both subjects see the same machine state.
    const fast: number[] = [];
    const slow: number[] = [];
    const exec: number[] = [];
    for (let round = 0; round < 5; round++) {
      fast.push(...(await sample(() => compiledOnce(action, c), 4000)));
      slow.push(...(await sample(() => uncached(action, c), 100)));
      exec.push(...(await sample(viaExecute, 2000)));
    }
    const f = percentiles(fast);
    const s = percentiles(slow);
    const e = percentiles(exec);
    rows.push(
      {
        suite: 'actions',
        name: `${c.name}: render+translate+validate p50`,
        value: f.p50,
        unit: 'µs',
        peer: 'uncached velocityjs+JSONPath+ajv',
        peerValue: s.p50,
        note: 'target ≤ 50 µs',
      },
      {
        suite: 'actions',
        name: `${c.name}: render+translate+validate p99`,
        value: f.p99,
        unit: 'µs',
        peer: 'uncached velocityjs+JSONPath+ajv',
        peerValue: s.p99,
      },
      {
        suite: 'actions',
        name: `${c.name}: executeAction, canned Response p50`,
        value: e.p50,
        unit: 'µs',
        note: 'adds Response body read, timer, trace',
      },
      { suite: 'actions', name: `${c.name}: executeAction, canned Response p99`, value: e.p99, unit: 'µs' },
    );
  }
  return rows;
}
