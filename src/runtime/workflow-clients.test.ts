// A bundle workflow whose platform actions call Genesys Cloud gets its own least-privilege client
// from the runtime: on the embedded emulator, Find User by Id and Find Queue work, and a workflow
// without such actions gets no client at all.
import { afterEach, describe, expect, it } from 'vitest';
import { importArchyYaml } from '../architect/index.ts';
import type { LoadedBundle } from '../blueprints/index.ts';
import { VirtualClock } from '../core/index.ts';
import { DEMO, createEmulator } from '../emulator/index.ts';
import { loadPublishedBundle } from '../../test/support/published-bundles.ts';
import { createRuntime } from './create-runtime.ts';
import type { Credentials } from './credentials.ts';
import { workflowGenesys } from './workflow-clients.ts';

const YAML = `workflow:
  name: Who Is It
  startUpRef: "/workflow/states/state[S]"
  variables:
    - stringVariable:
        name: Flow.userId
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
    - userVariable:
        name: Flow.user
        initialValue:
          noValue: true
        isInput: false
        isOutput: true
    - queueVariable:
        name: Flow.queue
        initialValue:
          noValue: true
        isInput: false
        isOutput: true
  states:
    - state:
        name: Main
        refId: S
        actions:
          - findUserById:
              name: Find the user
              userId:
                exp: Flow.userId
              findResult:
                var: Flow.user
          - findQueue:
              name: Find the queue
              queueName:
                lit: Support
              findResult:
                var: Flow.queue
          - endWorkflow:
              name: Done
              exitReason:
                exp: Append(Flow.user.name, " in ", Flow.queue.name)
`;

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe('workflow clients', () => {
  it('a bundle workflow with platform actions runs them through its own client', async () => {
    const clock = new VirtualClock();
    const emulator = createEmulator({ clock, rateLimitPerMinute: 0 });
    cleanup.push(() => emulator.close());
    const base = loadPublishedBundle('terminate-no-queue');
    const bundle: LoadedBundle = {
      ...base,
      triggers: [],
      workflows: [{ name: 'Who Is It', file: 'who-is-it.yaml', flow: importArchyYaml(YAML) }],
    };
    const runtime = await createRuntime({ target: { kind: 'emulator', emulator }, bundles: [bundle], clock });
    cleanup.push(() => runtime.stop());
    await runtime.start();
    await runtime.startWorkflow('Who Is It', { userId: DEMO.users.carol });
    await runtime.idle();
    const [run] = await runtime.runs();
    expect(run).toMatchObject({ status: 'completed', exitReason: 'Carol Chen in Support' });
  });

  it('asks for a client only with the permissions the flow needs, only when first used', async () => {
    const asked: Array<{ name: string; permissions?: readonly string[] | undefined }> = [];
    const credentials: Credentials = {
      baseUrl: 'http://x',
      async client(request) {
        asked.push({ name: request.name, permissions: request.permissions });
        return { client: { fetch: async () => new Response('{}', { status: 200 }) } as never, description: 'test' };
      },
    };
    const flow = importArchyYaml(YAML);
    const fetch = workflowGenesys(credentials, 'b', { name: 'Who Is It', file: 'f.yaml', flow });
    expect(asked).toEqual([]);
    await fetch?.('/api/v2/users/u');
    await fetch?.('/api/v2/users/v');
    expect(asked).toEqual([
      { name: 'b / Who Is It (workflow)', permissions: ['directory:user:view', 'routing:queue:view'] },
    ]);
    const plain = importArchyYaml(
      YAML.replace(/ {10}- findUserById:[\s\S]*? {10}- endWorkflow:/, '          - endWorkflow:').replace(
        'exp: Append(Flow.user.name, " in ", Flow.queue.name)',
        'lit: none',
      ),
    );
    expect(workflowGenesys(credentials, 'b', { name: 'Plain', file: 'p.yaml', flow: plain })).toBeUndefined();
  });
});
