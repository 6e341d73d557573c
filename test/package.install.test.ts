/**
 * The package as a user's project gets it: `npm pack` of the built package, installed into a new
 * TypeScript project (strict, NodeNext) beside nothing else. The project defines a workflow and a
 * trigger with the public API, tests them with `switchboard/testing` on the embedded emulator and
 * a virtual clock, compiles with `tsc --strict` and runs with node; the installed command line
 * answers `--version`. It packs the current build (`npm test` builds first).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv } from './support/clean-env.ts';

const ROOT = resolve(import.meta.dirname, '..');
const INSTALL_MS = 8 * 60_000;

const versionOf = (dep: string): string =>
  (JSON.parse(readFileSync(join(ROOT, 'node_modules', dep, 'package.json'), 'utf8')) as { version: string }).version;

const WORKFLOW = `import { defineWorkflow } from 'switchboard';
import type { WorkflowDefinition } from 'switchboard';
import { z } from 'zod';

export interface FollowUp {
  readonly conversationId: string;
  readonly waitedMinutes: number;
  readonly note: string;
}

export const followUp: WorkflowDefinition<{ conversationId: string }, FollowUp> = defineWorkflow(
  { name: 'follow-up', inputs: z.object({ conversationId: z.string() }) },
  async ({ input, step, now }): Promise<FollowUp> => {
    const started = now();
    await step.sleep({ minutes: 10 });
    const note = await step.run('note', () => \`followed up \${input.conversationId.length > 0 ? 'a call' : 'nothing'}\`);
    return { conversationId: input.conversationId, waitedMinutes: (now() - started) / 60_000, note };
  },
);
`;

const TRIGGER = `import { defineTrigger } from 'switchboard';
import type { Trigger } from 'switchboard';

export const outboundWithoutQueue: Trigger = defineTrigger({
  name: 'Outbound call without a queue',
  topicName: 'v2.detail.events.conversation.{id}.user.start',
  enabled: true,
  target: { id: 'follow-up', type: 'Workflow' },
  matchCriteria: [
    { jsonPath: 'direction', operator: 'Equal', value: 'OUTBOUND' },
    { jsonPath: 'queueId', operator: 'Exists', value: false },
  ],
});
`;

const MAIN = `import { createGenesysClient, defineTrigger, isSwitchboardError } from 'switchboard';
import { DEMO, createTestHarness } from 'switchboard/testing';
import type { TestHarness } from 'switchboard/testing';
import { followUp } from './workflow.js';
import { outboundWithoutQueue } from './trigger.js';

const say = (what: string, value: unknown): void => console.log(JSON.stringify({ what, value }));

// The declarations are real types, not any: a trigger without a target does not compile.
// @ts-expect-error target is required
const untyped = (): unknown => defineTrigger({ name: 'No target', topicName: 'v2.detail.events.conversation.{id}.user.start', enabled: true });
void untyped;

try {
  defineTrigger({ name: 'Bad', topicName: 'v2.nothing', enabled: true, target: { id: 'follow-up', type: 'Workflow' } });
} catch (e) {
  say('invalid trigger', isSwitchboardError(e) ? e.code : String(e));
}

const h: TestHarness = await createTestHarness({ workflows: [followUp], triggers: [outboundWithoutQueue], dbPath: process.argv[2] ?? ':memory:' });
const call = await h.org.sim('/calls', { fromUserId: DEMO.users.bob, to: { phoneNumber: '+13175550100' } });
await h.advance('5m');
say('after 5 minutes', (await h.runs()).map((r) => r.status));
await h.advance('10m');
const run = await h.expectRun('follow-up', { status: 'completed', sleeps: 1 });
say('output', run.output);
say('same conversation', (run.output as { conversationId: string }).conversationId === call.id);

const client = createGenesysClient({ clientId: h.emulator.admin.clientId, clientSecret: h.emulator.admin.clientSecret, baseUrl: 'http://emulator.local', fetch: h.emulator.fetch, clock: h.clock });
const queues = await client.get<{ entities: { id: string }[] }>('/api/v2/routing/queues');
say('queues', queues.entities.some((q) => q.id === DEMO.queues.sales));
await h.stop();
`;

describe('the packed package in a TypeScript project of its own', () => {
  let parent: string;
  let app: string;
  let tarball: string;

  beforeAll(() => {
    for (const built of [
      'dist/index.js',
      'dist/index.d.ts',
      'dist/testing.js',
      'dist/testing.d.ts',
      'dist/eslint-plugin.d.ts',
      'dist/cli-bundle/switchboard.js',
    ]) {
      if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` first`);
    }
    parent = mkdtempSync(join(tmpdir(), 'sb-package-'));
    // The build is already there; packing must not rebuild (prepare) what the unit suite just tested.
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', parent], {
        cwd: ROOT,
        env: cleanEnv(),
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    ) as {
      filename: string;
      files: { path: string }[];
    }[];
    tarball = join(parent, packed[0]!.filename);
    writeFileSync(join(parent, 'files.json'), JSON.stringify(packed[0]!.files.map((f) => f.path)));
    app = join(parent, 'app');
    mkdirSync(join(app, 'src'), { recursive: true });
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'callback-tools', version: '1.0.0', private: true, type: 'module' }, null, 2),
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify(
        {
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            outDir: 'out',
            rootDir: 'src',
            types: ['node'],
            skipLibCheck: true,
          },
          include: ['src'],
        },
        null,
        2,
      ),
    );
    writeFileSync(join(app, 'src', 'workflow.ts'), WORKFLOW);
    writeFileSync(join(app, 'src', 'trigger.ts'), TRIGGER);
    writeFileSync(join(app, 'src', 'main.ts'), MAIN);
    execFileSync(
      'npm',
      [
        'install',
        tarball,
        `typescript@${versionOf('typescript')}`,
        `@types/node@${versionOf('@types/node')}`,
        `zod@${versionOf('zod')}`,
        `eslint@${versionOf('eslint')}`,
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
      ],
      { cwd: app, env: cleanEnv(), stdio: ['ignore', 'ignore', 'pipe'], timeout: INSTALL_MS },
    );
  }, INSTALL_MS + 60_000);

  afterAll(() => {
    if (parent) rmSync(parent, { recursive: true, force: true });
  });

  it('ships what a user needs and nothing of the repository besides', () => {
    const files = JSON.parse(readFileSync(join(parent, 'files.json'), 'utf8')) as string[];
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'bin/switchboard.mjs',
        'dist/index.d.ts',
        'dist/testing.d.ts',
        'dist/eslint-plugin.d.ts',
        'dist/cli-bundle/switchboard.js',
        'solutions/callback-prioritization/switchboard.json',
      ]),
    );
    expect(files.some((f) => f.startsWith('dist/console-ui/'))).toBe(true);
    expect(
      files.filter((f) => /^(src|test|examples|scripts|bench|docs|node_modules)\//.test(f) || f.endsWith('.test.ts')),
    ).toEqual([]);
    // A module left in dist/ by an older build (its source since removed) must not ship: the build starts from an empty dist/.
    const compiled = files.filter(
      (f) => f.startsWith('dist/') && f.endsWith('.js') && !/^dist\/(cli-bundle|console-ui)\//.test(f),
    );
    expect(
      compiled.filter((f) => !existsSync(join(ROOT, f.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')))),
    ).toEqual([]);
  });

  it('compiles a workflow, a trigger and a harness script with tsc --strict, and runs them', () => {
    const bin = (name: string): string => join(app, 'node_modules', '.bin', name);
    execFileSync(bin('tsc'), ['--strict', '-p', 'tsconfig.json'], {
      cwd: app,
      env: cleanEnv(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = execFileSync(process.execPath, [join(app, 'out', 'main.js'), join(parent, 'runs.sqlite')], {
      cwd: app,
      env: cleanEnv(),
      encoding: 'utf8',
      timeout: 60_000,
    });
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { what: string; value: unknown });
    expect(lines).toEqual([
      { what: 'invalid trigger', value: 'SB_TRIGGER_INVALID' },
      { what: 'after 5 minutes', value: ['waiting'] },
      { what: 'output', value: { conversationId: expect.any(String), waitedMinutes: 10, note: 'followed up a call' } },
      { what: 'same conversation', value: true },
      { what: 'queues', value: true },
    ]);
    expect(existsSync(join(parent, 'runs.sqlite'))).toBe(true);
  });

  it('ships an ESLint plugin that reports the wall clock in a workflow body and accepts it inside step.run', () => {
    mkdirSync(join(app, 'lint'), { recursive: true });
    writeFileSync(
      join(app, 'eslint.config.js'),
      "import switchboard from 'switchboard/eslint-plugin';\nexport default [{ files: ['lint/**/*.js'], ...switchboard.configs.recommended }];\n",
    );
    writeFileSync(
      join(app, 'lint', 'good.js'),
      "import { defineWorkflow } from 'switchboard';\nexport const w = defineWorkflow({ name: 'w' }, async ({ step }) => step.run('at', () => Date.now()));\n",
    );
    writeFileSync(
      join(app, 'lint', 'bad.js'),
      "import { defineWorkflow } from 'switchboard';\nexport const w = defineWorkflow({ name: 'w' }, async () => Math.random());\n",
    );
    const eslint = join(app, 'node_modules', '.bin', 'eslint');
    const good = spawnSync(eslint, ['lint/good.js'], { cwd: app, env: cleanEnv(), encoding: 'utf8' });
    expect(good.stdout + good.stderr).toBe('');
    expect(good.status).toBe(0);
    const bad = spawnSync(eslint, ['lint/bad.js'], { cwd: app, env: cleanEnv(), encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('Math.random() in a workflow body is not replay-safe');
    expect(bad.stdout).toContain('switchboard/workflow-determinism');
  });

  it('installs the command line', () => {
    const version = execFileSync(join(app, 'node_modules', '.bin', 'switchboard'), ['--version'], {
      cwd: app,
      env: cleanEnv(),
      encoding: 'utf8',
    }).trim();
    expect(version).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });
});
