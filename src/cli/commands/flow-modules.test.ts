// `switchboard flow run --module`: a workflow calling a common module runs as a child process with
// the module given as a file; without it, the run is refused naming the module.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../../bin/switchboard.mjs');
const dir = mkdtempSync(join(tmpdir(), 'flow-modules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MODULE = `commonModule:
  name: Greeting
  variables:
    - stringVariable:
        name: Common.who
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
    - stringVariable:
        name: Common.text
        initialValue:
          noValue: true
        isInput: false
        isOutput: true
  startUpTaskActions:
    - updateData:
        name: Compose
        statements:
          - string:
              variable: Common.text
              value:
                exp: Append("Hello, ", Common.who)
`;

const WORKFLOW = `workflow:
  name: Greet
  startUpRef: "/workflow/states/state[main]"
  variables:
    - stringVariable:
        name: Flow.name
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
    - stringVariable:
        name: Flow.greeting
        initialValue:
          noValue: true
        isInput: false
        isOutput: true
  states:
    - state:
        name: Main
        refId: main
        actions:
          - callCommonModule:
              name: Greet them
              commonModule:
                Greeting:
                  ver_latestPublished:
                    inputs:
                      Common.who:
                        exp: Flow.name
                    outputs:
                      Common.text:
                        var: Flow.greeting
          - endWorkflow:
              name: Done
              exitReason:
                exp: Flow.greeting
`;

writeFileSync(join(dir, 'greeting.yaml'), MODULE);
writeFileSync(join(dir, 'greet.yaml'), WORKFLOW);

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'flow', 'run', join(dir, 'greet.yaml'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, SWITCHBOARD_LOG_LEVEL: 'warn' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('switchboard flow run --module', () => {
  it('runs a workflow with the common module it calls, its output back in the workflow', () => {
    const r = run(['--module', join(dir, 'greeting.yaml'), '--input', '{"name":"Ada"}', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { status: string; exitReason: string; outputs: Record<string, unknown> };
    expect(out).toMatchObject({
      status: 'completed',
      exitReason: 'Hello, Ada',
      outputs: { 'Flow.greeting': 'Hello, Ada' },
    });
  });

  it('without the module, the flow is refused naming it (exit 2); a workflow given as --module is refused too', () => {
    const missing = run(['--input', '{"name":"Ada"}']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('common module "Greeting" is not available');
    const wrong = run(['--module', join(dir, 'greet.yaml')]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--module must name a common module');
  });
});
