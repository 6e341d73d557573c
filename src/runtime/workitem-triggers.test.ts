// A process-automation trigger on the Task Management topic, as Genesys's developer documentation
// shows it: `v2.taskmanagement.workitems.{id}` with criteria on `operation` and a custom field,
// `dataFormat: Json`, the workflow reading `Flow.jsonData`. The emulator publishes the workitem's
// notification; the runtime's trigger starts the workflow only for the matching workitem.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inferBundle } from '../blueprints/index.ts';
import { createTestHarness } from './test-harness.ts';
import type { TestHarness } from './test-harness.ts';

const TRIGGER = {
  name: 'Workitem for task routing',
  topicName: 'v2.taskmanagement.workitems.{id}',
  enabled: true,
  target: { id: 'Route task', type: 'Workflow', workflowTargetSettings: { dataFormat: 'Json' } },
  matchCriteria: [
    { jsonPath: 'operation', operator: 'Equal', value: 'add' },
    { jsonPath: 'customFields.route_text.value', operator: 'Equal', value: 'TaskRouting' },
  ],
};

const WORKFLOW = `workflow:
  name: Route task
  startUpRef: "/workflow/states/state[S]"
  variables:
    - jsonVariable:
        name: Flow.jsonData
        initialValue:
          noValue: true
        isInput: true
  states:
    - state:
        name: Main
        refId: S
        actions:
          - endWorkflow:
              name: End
              exitReason:
                exp: Append(ToString(Flow.jsonData.name), " of ", ToString(Flow.jsonData.typeName))
`;

let h: TestHarness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  h = undefined;
  dir = undefined;
});

describe('a trigger on the workitems topic', () => {
  it('starts its workflow for the workitem its criteria match, with the notification as jsonData', async () => {
    dir = mkdtempSync(join(tmpdir(), 'wi-trigger-'));
    writeFileSync(join(dir, 'trigger.json'), JSON.stringify(TRIGGER));
    writeFileSync(join(dir, 'route-task.yaml'), WORKFLOW);
    const { bundle } = inferBundle(dir);
    h = await createTestHarness({ bundles: [bundle] });
    const api = async (method: string, path: string, body?: unknown) => {
      const r = await h!.org.api(method, path, body);
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
      return r.body as Record<string, unknown>;
    };
    const bin = await api('POST', '/api/v2/taskmanagement/workbins', { name: 'Tasks' });
    const type = await api('POST', '/api/v2/taskmanagement/worktypes', { name: 'Task', defaultWorkbinId: bin.id });
    await h.org.sim('/workitems', { name: 'Routed one', typeId: type.id, customFields: { route_text: 'TaskRouting' } });
    await h.org.sim('/workitems', { name: 'Other one', typeId: type.id, customFields: { route_text: 'Manual' } });
    await h.advance('1s');
    const runs = await h.runtime.runs();
    expect(runs.map((r) => [r.flow, r.status, r.exitReason])).toEqual([
      ['Route task', 'completed', 'Routed one of Task'],
    ]);
  });
});
