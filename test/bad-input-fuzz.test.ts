// Bad input gets a coded error, never a crash: every reader of an artifact (Archy YAML flows and
// common modules, .i3WorkFlow exports, data actions, triggers, the flows of other types `check`
// reads), given thousands of mutations of real artifacts — a value replaced by another type, a key
// dropped, a deep or long value put in, the text cut short — either reads it or throws a
// SwitchboardError; a flow that still imports runs to an end (or a coded error) with every data
// action and platform request answered.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compileAction, loadActionText } from '../src/actions/index.ts';
import { importFlowFile, runFlow, validateFlow } from '../src/architect/index.ts';
import type { FlowStepTools } from '../src/architect/index.ts';
import { decodeI3WorkFlow } from '../src/architect/import/i3-decode.ts';
import { readOtherArchy } from '../src/blueprints/other-flows.ts';
import { isSwitchboardError } from '../src/core/index.ts';
import { loadTrigger } from '../src/triggers/index.ts';
import { blueprintPath } from './support/shared.ts';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = 150;

/** Every file of the shipped solutions under `sub` (workflows/, actions/, triggers/) ending in `ext`. */
function solutionFiles(sub: string, ext: string): string[] {
  const out: string[] = [];
  for (const s of readdirSync(join(ROOT, 'solutions'))) {
    let names: string[] = [];
    try {
      names = readdirSync(join(ROOT, 'solutions', s, sub));
    } catch {
      continue;
    }
    for (const n of names) if (n.endsWith(ext)) out.push(join(ROOT, 'solutions', s, sub, n));
  }
  return out;
}

type Path = (string | number)[];

function paths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) paths(x, [...at, k], out);
  return out;
}

const DEEP = JSON.parse(`${'{"a":'.repeat(80)}1${'}'.repeat(80)}`) as unknown;
const REPLACEMENTS: unknown[] = [
  null,
  0,
  -1,
  1.5,
  '',
  'x',
  '{{placeholder}}',
  '${input.x}',
  'Flow.missing + 1',
  true,
  [],
  {},
  [null],
  { lit: null },
  { exp: '' },
  'x'.repeat(5000),
  DEEP,
  '__DELETE__',
];

/** `doc` with the value at one of its paths replaced (or deleted); the root replaced when it is the path. */
function mutate(doc: unknown, pathIndex: number, replacement: unknown): unknown {
  const copy = structuredClone(doc);
  const all = paths(copy);
  const p = all[pathIndex % all.length]!;
  if (p.length === 0) return replacement === '__DELETE__' ? undefined : replacement;
  let parent = copy as Record<string | number, unknown>;
  for (const k of p.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = p[p.length - 1]!;
  if (replacement === '__DELETE__') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = structuredClone(replacement);
  return copy;
}

const mutation = fc.record({
  pathIndex: fc.nat(),
  replacement: fc.constantFrom(...REPLACEMENTS),
  cut: fc.option(fc.nat(), { nil: undefined }),
});

/** Run `read`; it may succeed or throw a SwitchboardError, and nothing else. */
function readsOrRefuses<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    if (!isSwitchboardError(e)) throw e;
    return undefined;
  }
}

/** Tools answering every data action with success and every platform request with a 404. */
function answeringTools(): FlowStepTools {
  let now = Date.UTC(2026, 0, 5, 10);
  return {
    callAction: () => Promise.resolve({ status: 'success', outputs: {} }),
    sleep: (_id, ms) => {
      now += ms;
      return Promise.resolve();
    },
    now: () => now,
    genesys: () => Promise.resolve({ status: 404, body: { message: 'not found', code: 'not.found', status: 404 } }),
  };
}

/** How many mutated flows still imported and ran: the property must not hold only by refusing everything. */
const ran = { yaml: 0, i3: 0, own: 0 };

async function importsOrRefusesAndRuns(name: string, text: string, kind: keyof typeof ran): Promise<void> {
  const flow = readsOrRefuses(() => importFlowFile(name, text));
  if (!flow) return;
  ran[kind]++;
  readsOrRefuses(() => validateFlow(flow));
  const result = await runFlow(flow, {}, answeringTools()).catch((e: unknown) => {
    if (!isSwitchboardError(e)) throw e;
    return undefined;
  });
  if (result) expect(['completed', 'failed', 'waiting']).toContain(result.status);
}

/** The property over one Archy YAML document: each mutation (and cut) imports or is refused, and runs. */
async function mutatedYamlRuns(doc: unknown, kind: keyof typeof ran): Promise<void> {
  await fc.assert(
    fc.asyncProperty(mutation, async ({ pathIndex, replacement, cut }) => {
      const text = stringify(mutate(doc, pathIndex, replacement) ?? null);
      await importsOrRefusesAndRuns('flow.yaml', cut === undefined ? text : text.slice(0, cut % text.length), kind);
    }),
    { numRuns: RUNS },
  );
}

const TASKS_YAML = `workflow:
  name: Tasks
  startUpRef: "/workflow/states/state[main]"
  variables:
    - integerVariable:
        name: Flow.total
        initialValue:
          lit: 0
        isOutput: true
    - stringCollectionVariable:
        name: Flow.names
        initialValue:
          lit: [a, b]
        isInput: true
  states:
    - state:
        name: Main
        refId: main
        actions:
          - loop:
              name: Each
              loopCount:
                exp: Count(Flow.names)
              currentIndex:
                var: Flow.total
              outputs:
                loop:
                  actions:
                    - callTask:
                        name: Add
                        targetTaskRef: "/workflow/tasks/task[add]"
                        inputs:
                          Task.n:
                            exp: Flow.total + 1
                        outputs:
                          Task.sum:
                            var: Flow.total
          - switch:
              name: Which
              evaluate:
                firstTrue:
                  default:
                    actions:
                      - endWorkflow:
                          name: Other
                  cases:
                    - case:
                        value:
                          exp: Flow.total > 3
                        actions:
                          - endWorkflow:
                              name: Big
  tasks:
    - task:
        name: Add
        refId: add
        variables:
          - integerVariable:
              name: Task.n
              isInput: true
          - integerVariable:
              name: Task.sum
              isOutput: true
        actions:
          - updateData:
              name: Sum
              statements:
                - integer:
                    variable: Task.sum
                    value:
                      exp: Task.n * 2
          - endTask:
              name: Back
`;

const WORKITEM_YAML = `workitem:
  name: Route Claim
  startUpRef: "/workitem/states/state[main]"
  worktype:
    name: Claim
  variables:
    - stringVariable:
        name: Flow.owner
        initialValue:
          lit: alice@example.com
    - stringVariable:
        name: Flow.error
        isOutput: true
  states:
    - state:
        name: Main
        refId: main
        actions:
          - transferToUser:
              name: To the owner
              targetUser:
                exp: Flow.owner
              failureOutputs:
                errorMessage:
                  var: Flow.error
              outputs:
                failure:
                  actions:
                    - transferToAcd:
                        name: To the queue
                        targetQueue:
                          lit:
                            name: Claims
          - exitWorkitemFlow:
              name: Done
`;

describe('artifact readers under mutated input: a coded error or a result, never a crash', () => {
  it('Archy YAML workflows', async () => {
    const files = solutionFiles('workflows', '.yaml');
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      // The shipped flows' {{placeholders}} filled, as their bundles' substitutions fill them.
      const doc = parse(readFileSync(file, 'utf8').replace(/\{\{\s*([\w.-]+)\s*\}\}/g, 'Filled $1')) as unknown;
      await mutatedYamlRuns(doc, 'yaml');
    }
    expect(ran.yaml).toBeGreaterThan((RUNS * files.length) / 10);
  });

  it('reusable tasks with inputs and outputs, and a workitem flow with its transfers (own YAML)', async () => {
    const docs = [TASKS_YAML, WORKITEM_YAML].map((t) => parse(t) as unknown);
    for (const doc of docs) await mutatedYamlRuns(doc, 'own');
    expect(ran.own).toBeGreaterThan((RUNS * docs.length) / 10);
  });

  it('.i3WorkFlow exports (base64 of URI-encoded JSON, as Architect exports)', async () => {
    const files = [
      'update-gc-presence-on-communicate-call-activity-blueprint/main/Set GC User to Busy.i3WorkFlow',
      'terminate-voice-calls-with-no-queue/update-external-tag/UpdateExternalTagOnConversation.i3WorkFlow',
    ].map((f) => blueprintPath(f));
    for (const file of files) {
      const doc = decodeI3WorkFlow(readFileSync(file, 'utf8'));
      await fc.assert(
        fc.asyncProperty(mutation, async ({ pathIndex, replacement, cut }) => {
          const encoded = Buffer.from(
            encodeURIComponent(JSON.stringify(mutate(doc, pathIndex, replacement) ?? null)),
          ).toString('base64');
          await importsOrRefusesAndRuns(
            'flow.i3WorkFlow',
            cut === undefined ? encoded : encoded.slice(0, cut % encoded.length),
            'i3',
          );
        }),
        { numRuns: RUNS },
      );
    }
    expect(ran.i3).toBeGreaterThan((RUNS * files.length) / 10);
  });

  it('data actions', () => {
    const files = [
      ...solutionFiles('actions', '.custom.json'),
      join(ROOT, 'examples/bundle/set-external-tag.custom.json'),
    ];
    for (const file of files) {
      const doc = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      fc.assert(
        fc.property(mutation, ({ pathIndex, replacement, cut }) => {
          const text = JSON.stringify(mutate(doc, pathIndex, replacement) ?? null);
          readsOrRefuses(() =>
            compileAction(loadActionText(cut === undefined ? text : text.slice(0, cut % text.length), 'a.custom.json')),
          );
        }),
        { numRuns: RUNS },
      );
    }
  });

  it('triggers', () => {
    const files = [...solutionFiles('triggers', '.json'), join(ROOT, 'examples/bundle/trigger.json')];
    for (const file of files) {
      const doc = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      fc.assert(
        fc.property(mutation, ({ pathIndex, replacement }) => {
          readsOrRefuses(() => loadTrigger(mutate(doc, pathIndex, replacement)));
        }),
        { numRuns: RUNS },
      );
    }
  });

  it('flows of other types, as check reads them', () => {
    const doc = parse(`inboundCall:
  name: Main line
  startUpRef: "/inboundCall/tasks/task[start]"
  tasks:
    - task:
        name: Start
        refId: start
        actions:
          - callData:
              name: Look up
              category:
                Tools:
                  dataAction:
                    Get Caller:
                      inputs:
                        phone:
                          exp: Call.Ani
              outputs:
                success:
                  actions:
                    - callCommonModule:
                        name: Resolve
                        commonModule:
                          Resolve Contact:
                            ver_latestPublished:
                              inputs:
                                Common.phone:
                                  exp: Call.Ani
          - disconnect:
              name: Bye
`) as unknown;
    fc.assert(
      fc.property(mutation, ({ pathIndex, replacement, cut }) => {
        const text = stringify(mutate(doc, pathIndex, replacement) ?? null);
        readsOrRefuses(() =>
          readOtherArchy(
            cut === undefined ? text : text.slice(0, cut % text.length),
            'main.yaml',
            'inboundCall',
            'inbound call',
            [],
          ),
        );
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
