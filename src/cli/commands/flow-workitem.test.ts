// `switchboard flow run` on a workitem flow: the built-ins come from --input, each workitem action
// calls the embedded emulator's Task Management, and a Failure shows the service's answer.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../../bin/switchboard.mjs');
const dir = mkdtempSync(join(tmpdir(), 'flow-workitem-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  join(dir, 'review.yaml'),
  `workitem:
  name: Review
  startUpRef: "/workitem/states/state[S]"
  worktype:
    name: Claims
  states:
    - state:
        name: Main
        refId: S
        actions:
          - decision:
              name: Needs review?
              condition:
                exp: Workitem.Workitem.status.name == "Review"
              outputs:
                yes:
                  actions:
                    - disconnectWorkitem:
                        name: Take it back
          - exitWorkitemFlow:
              name: Done
`,
);

describe('switchboard flow run on a workitem flow', () => {
  it('takes the workitem from --input and shows why a workitem action took Failure', () => {
    const input = { 'Workitem.Workitem': { id: 'wi-404', name: 'Claim', status: { id: 's', name: 'Review' } } };
    const r = spawnSync(
      process.execPath,
      [BIN, 'flow', 'run', join(dir, 'review.yaml'), '--input', JSON.stringify(input)],
      {
        encoding: 'utf8',
        env: { ...process.env, SWITCHBOARD_LOG_LEVEL: 'warn' },
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('flow "Review": completed');
    expect(r.stdout).toMatch(/workitem +Take it back → failure: not\.found: .*wi-404/);
    expect(r.stdout).toMatch(/exitWorkitemFlow +Done → end/);
  });
});
