// The seven published seed workflows: import from .i3WorkFlow and YAML and compare the two models.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blueprintPath } from '../../test/support/shared.ts';
import { importArchyYaml } from './import/archy-yaml.ts';
import { importI3WorkFlow } from './import/i3workflow.ts';
import { rebindDataActions } from './rebind.ts';
import { validateFlow } from './validate.ts';
import {
  TERM,
  PRES,
  CB,
  actionsBeside,
  i3,
  yaml,
  logic,
  vars,
  TERM_PARAMS,
  CB_PARAMS,
  flows,
} from './seeds.test-util.ts';

describe('seed workflows import', () => {
  it.each(Object.entries(flows))('%s imports from its .i3WorkFlow with every data action available', (_name, load) => {
    const flow = load();
    expect(flow.states).toHaveLength(1);
    expect(flow.states[0]!.actions.length).toBeGreaterThan(0);
  });

  it('every .i3WorkFlow export in the blueprints imports (the old branches too)', () => {
    const all = [
      [TERM, 'initial-creation-jan-2024/Terminate Outbound Call Missing Queue.i3WorkFlow'],
      [TERM, 'initial-creation-jan-2024/Terminate Outbound Call Missing Queue with PSTN Call Leg Check.i3WorkFlow'],
      [PRES, 'initial-blueprint-creation/Set GC User to Available.i3WorkFlow'],
      [PRES, 'nov-23-update__support-group-calls/Set GC User to Available.i3WorkFlow'],
    ];
    for (const parts of all) expect(i3(...parts).name).toMatch(/Terminate|Available/);
  });

  it('the main "Set GC User to Busy" names two data actions its own exports do not define (blueprints.md §3.1)', () => {
    const file = blueprintPath(PRES, 'main/Set GC User to Busy.i3WorkFlow');
    const text = readFileSync(file, 'utf8');
    expect(() => importI3WorkFlow(text, { dataActions: actionsBeside(file) })).toThrow(
      /flow "Set GC User to Busy" breaks 3 import rules:\n {2}- flow "Set GC User to Busy", action "Call Data Action" \([0-9a-f-]+\): \[unavailable-data-action\]/,
    );
    const flow = importI3WorkFlow(text, { validate: false });
    const issues = validateFlow(flow, { dataActions: actionsBeside(file) });
    expect(new Set(issues.map((i) => i.rule))).toEqual(new Set(['unavailable-data-action']));
    expect(new Set(issues.map((i) => i.message))).toEqual(
      new Set([
        'data action "GetInboundConversationDetailsForPickUp (Includes Group Check) (ConversationDirect)" is not available',
        'data action "GetOutboundConversationDetailsForPickUp (ConversationDirect)" is not available',
      ]),
    );
    const rebound = rebindDataActions(flow, {
      'GetInboundConversationDetailsForPickUp (Includes Group Check) (ConversationDirect)':
        'GetInboundConversationDetailsForPickUp (Includes Group Check)',
      'GetOutboundConversationDetailsForPickUp (ConversationDirect)': 'GetOutboundConversationDetailsForPickUp',
    });
    expect(validateFlow(rebound, { dataActions: actionsBeside(file) })).toEqual([]);
  });

  it.each([
    [
      'terminate',
      () => flows.terminate(),
      () =>
        yaml(TERM_PARAMS, TERM, 'main/terraform-without-pbx/modules/flow/terminate-outbound-call-missing-queue.yaml'),
    ],
    [
      'terminate (root YAML)',
      () => flows.terminate(),
      () => yaml({}, TERM, 'initial-creation-jan-2024/Terminate Outbound Call Missing Queue.yaml'),
    ],
    [
      'pstn',
      () => flows.pstn(),
      () =>
        yaml(
          TERM_PARAMS,
          TERM,
          'main/terraform-with-pbx/modules/flow/terminate-outbound-call-missing-queue-with-pstn-call-leg-check.yaml',
        ),
    ],
    [
      'pstn (root YAML)',
      () => flows.pstn(),
      () =>
        yaml({}, TERM, 'initial-creation-jan-2024/Terminate Outbound Call Missing Queue with PSTN Call Leg Check.yaml'),
    ],
    ['available', () => flows.available(), () => yaml({}, PRES, 'main/Set GC User to Available.yaml')],
    [
      'busy',
      () =>
        importI3WorkFlow(readFileSync(blueprintPath(PRES, 'main/Set GC User to Busy.i3WorkFlow'), 'utf8'), {
          validate: false,
        }),
      () => yaml({}, PRES, 'main/Set GC User to Busy.yaml'),
    ],
    ['callback', () => flows.callback(), () => yaml(CB_PARAMS, CB, 'terraform/Callback-Prioritization-Workflow.yaml')],
  ])('%s: the .i3WorkFlow and the YAML give the same logic', (_name, fromI3, fromYaml) => {
    const a = fromI3();
    const b = fromYaml();
    expect(b.source).toBe('yaml');
    expect(logic(b.states[0]!.actions)).toEqual(logic(a.states[0]!.actions));
    // Every variable of the export is declared with the same type in the YAML (the YAML may declare
    // more unused inputs: addressTo, ani, dnis, provider).
    const vb = vars(b);
    for (const [name, decl] of Object.entries(vars(a))) expect(vb[name], name).toEqual(decl);
  });

  it('the Terraform YAML needs its substitutions, and names the missing ones', () => {
    const text = readFileSync(blueprintPath(CB, 'terraform/Callback-Prioritization-Workflow.yaml'), 'utf8');
    expect(() => importArchyYaml(text, { params: { flow_name: 'x' } })).toThrow(
      'workflow YAML: every {{placeholder}} needs a substitution value; missing "division", "default_language", "data_action_category", "get_interaction_state", "get_callback_priority", "update_callback_priority"',
    );
    expect(yaml(CB_PARAMS, CB, 'terraform/Callback-Prioritization-Workflow.yaml').name).toBe('Callback Prioritization');
  });

  it('timeouts come across from both formats (1 minute)', () => {
    const pstn = flows.pstn();
    const call = pstn.states[0]!.actions[1]!;
    expect(call.type === 'callData' && call.timeoutMs).toBe(60_000);
  });
});
