// A folder whose workflow calls a common module: the module is read (listed by check as a common
// module), the inferred bundle's workflow carries its snapshot, and a call to a module the folder
// lacks is named by check and keeps the workflow from running.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPath, inferBundle, loadBundle, writeInferredManifest } from './index.ts';

const MODULE = `commonModule:
  name: Classify Direction
  variables:
    - stringVariable:
        name: Common.direction
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
    - stringVariable:
        name: Common.label
        initialValue:
          lit: other
        isInput: false
        isOutput: true
  startUpTaskActions:
    - decision:
        name: Outbound?
        condition:
          exp: Common.direction == "OUTBOUND"
        outputs:
          yes:
            actions:
              - updateData:
                  name: Label
                  statements:
                    - string:
                        variable: Common.label
                        value:
                          lit: placed by an agent
    - endTask:
        name: Exit Common Module
`;

const workflow = (module: string): string => `workflow:
  name: Label Calls
  startUpRef: "/workflow/states/state[main]"
  variables:
    - stringVariable:
        name: Flow.direction
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
    - stringVariable:
        name: Flow.label
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
              name: Classify
              commonModule:
                ${module}:
                  ver_latestPublished:
                    inputs:
                      Common.direction:
                        exp: Flow.direction
                    outputs:
                      Common.label:
                        var: Flow.label
          - endWorkflow:
              name: Done
              exitReason:
                exp: Flow.label
`;

const TRIGGER = {
  name: 'Calls',
  topicName: 'v2.detail.events.conversation.{id}.user.start',
  enabled: true,
  target: { id: 'Label Calls', type: 'Workflow', workflowTargetSettings: { dataFormat: 'TopLevelPrimitives' } },
  matchCriteria: [{ jsonPath: 'direction', operator: 'Equal', value: 'OUTBOUND' }],
};

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function folder(module: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'common-modules-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'classify.yaml'), MODULE);
  writeFileSync(join(dir, 'label-calls.yaml'), workflow(module));
  writeFileSync(join(dir, 'trigger.json'), JSON.stringify(TRIGGER));
  return dir;
}

describe('a folder with a common module', () => {
  it('check lists the module and finds nothing wrong; the inferred workflow carries its snapshot', () => {
    const dir = folder('Classify Direction');
    const report = checkPath(dir);
    expect(report.loaded.map((l) => [l.kind, l.name])).toEqual(
      expect.arrayContaining([
        ['common module', 'Classify Direction'],
        ['flow', 'Label Calls'],
      ]),
    );
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const { bundle, inferred } = inferBundle(dir);
    expect(inferred.found).toContain('common module classify.yaml  "Classify Direction" (called by "Label Calls")');
    expect(bundle.workflows.map((w) => w.name)).toEqual(['Label Calls']);
    expect(Object.keys(bundle.workflows[0]!.flow.commonModules ?? {})).toEqual(['Classify Direction']);
    expect(bundle.triggers.map((t) => t.workflow)).toEqual(['Label Calls']);
  });

  it('the manifest written for it lists the module as an entry of its own, and loads back to the same bundle', () => {
    const dir = folder('Classify Direction');
    const { bundle, inferred } = inferBundle(dir);
    const path = writeInferredManifest(dir, bundle, inferred);
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as { workflows: Array<{ file: string }> };
    expect(manifest.workflows.map((w) => w.file)).toEqual(['label-calls.yaml', 'classify.yaml']);
    const loaded = loadBundle(dir);
    expect(loaded.workflows.map((w) => [w.name, Object.keys(w.flow.commonModules ?? {})])).toEqual([
      ['Label Calls', ['Classify Direction']],
    ]);
  });

  it('a manifest whose trigger starts a common module is refused, naming it', () => {
    const dir = folder('Classify Direction');
    writeFileSync(
      join(dir, 'switchboard.json'),
      JSON.stringify({
        name: 'modules',
        workflows: [{ file: 'label-calls.yaml' }, { file: 'classify.yaml' }],
        triggers: [{ file: 'trigger.json', workflow: 'Classify Direction' }],
      }),
    );
    expect(() => loadBundle(dir)).toThrow(
      /"Classify Direction" \(classify\.yaml\) is a common module, which only workflows call/,
    );
  });

  it('a call to a module the folder lacks is a check error with the closest name, and the workflow does not run', () => {
    const dir = folder('Classify Directions');
    const report = checkPath(dir);
    expect(report.findings.filter((f) => f.rule === 'flow/common-module').map((f) => f.message)).toEqual([
      'flow "Label Calls", action "Classify" (0): [unavailable-common-module] common module "Classify Directions" is not available; the closest present module is "Classify Direction"',
    ]);
    expect(() => inferBundle(dir)).toThrow(/common module "Classify Directions" is not available/);
  });
});
