// Update Workitem: statements on the workitem's attributes become one PATCH of the workitem, then
// the flow reads the workitem as it now is; a target that is no workitem attribute is refused at import.
import { describe, expect, it } from 'vitest';
import { importArchyYaml } from './import/archy-yaml.ts';
import { runFlow } from './interpreter.ts';
import type { GenesysRequest, GenesysResponse } from './platform-actions.ts';
import { ScriptedTools } from './scripted-tools.test-util.ts';

const flowWith = (statements: string) => `workitem:
  name: Escalate
  startUpRef: "/workitem/states/state[S]"
  worktype:
    name: Claims
  variables:
    - stringVariable:
        name: Flow.after
        initialValue:
          noValue: true
        isOutput: true
  states:
    - state:
        name: Main
        refId: S
        actions:
          - updateWorkitem:
              name: Escalate it
              statements:
${statements}
              failureOutputs:
                errorMessage:
                  var: Flow.after
          - updateData:
              name: Read back
              statements:
                - string:
                    variable: Flow.after
                    value:
                      exp: Append(ToString(Workitem.Workitem.priority), " ", Workitem.Workitem.status.name)
`;

const STATEMENTS = `                - integer:
                    variable: Workitem.Workitem.priority
                    value:
                      exp: Workitem.Workitem.priority + 10
                - worktypeStatus:
                    variable: Workitem.Workitem.status
                    value:
                      lit: st-escalated
                - string:
                    variable: Workitem.Workitem.customFields.reason_text
                    value:
                      lit: SLA at risk
                - dateTime:
                    variable: Workitem.Workitem.dateDue
                    value:
                      noValue: true`;

function tools(answer: (r: GenesysRequest) => GenesysResponse) {
  const requests: GenesysRequest[] = [];
  return Object.assign(new ScriptedTools(), {
    requests,
    genesys: async (_stepId: string, r: GenesysRequest) => {
      requests.push(r);
      return answer(r);
    },
  });
}

const input = {
  'Workitem.Workitem': { id: 'wi-7', name: 'Claim', priority: 3, status: { id: 'st-open', name: 'Open' } },
};

describe('Update Workitem', () => {
  it('sends the statements as one PATCH, then reads the workitem back for what follows', async () => {
    const t = tools((r) =>
      r.method === 'GET'
        ? { status: 200, body: { id: 'wi-7', priority: 13, status: { id: 'st-escalated', name: 'Escalated' } } }
        : { status: 200, body: { id: 'wi-7' } },
    );
    const r = await runFlow(importArchyYaml(flowWith(STATEMENTS)), input, t);
    expect(r.status).toBe('completed');
    expect(t.requests[0]).toEqual({
      method: 'PATCH',
      path: '/api/v2/taskmanagement/workitems/wi-7',
      body: { priority: 13, statusId: 'st-escalated', customFields: { reason_text: 'SLA at risk' }, dateDue: null },
    });
    expect(t.requests[1]).toMatchObject({
      method: 'GET',
      path: '/api/v2/taskmanagement/workitems/wi-7?expands=status,type,queue,assignee',
    });
    expect(r.outputs['Flow.after']).toBe('13 Escalated');
  });

  it('takes Failure with the answer’s message when the service refuses', async () => {
    const t = tools(() => ({
      status: 400,
      body: { code: 'bad.request', message: 'statusId: not a status of the worktype' },
    }));
    const flow = importArchyYaml(flowWith(STATEMENTS).replace(/ {10}- updateData:[\s\S]*$/, ''));
    const r = await runFlow(flow, input, t);
    expect(r.outputs['Flow.after']).toBe('statusId: not a status of the worktype');
    expect(t.requests).toHaveLength(1);
  });

  it('refuses at import a statement on anything but a workitem attribute it sets', () => {
    const bad = `                - string:
                    variable: Workitem.Workitem.typeName
                    value:
                      lit: x
                - string:
                    variable: Flow.after
                    value:
                      lit: y`;
    expect(() => importArchyYaml(flowWith(bad), { file: 'escalate.yaml' })).toThrow(
      /Update Workitem cannot set Workitem\.Workitem\.typeName[\s\S]*Update Workitem assigns the workitem's attributes \(Workitem\.Workitem\.<attribute>\); got Flow\.after/,
    );
  });
});
