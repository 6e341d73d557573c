// The flows of types Switchboard does not run (inbound call, inbound message, bot…): loaded for what
// they call, and held to the data-action and common-module rules.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { action, flow, of } from './check/fixtures.test-util.ts';
import { reportJson } from './check/render.ts';
import { checkPath } from './check/runner.ts';

function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-other-flows-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

/** An Archy Call Data Action, at the indentation of a state's action list. */
const yamlCall = (dataAction: string, inputs = '{}') => `
        - callData:
            name: Call ${dataAction}
            category:
              Web Services:
                dataAction:
                  ${dataAction}:
                    inputs: ${inputs}
            outputs:
              success:
                actions:
                  - disconnect:
                      name: Done`;

/** An Archy flow of another type, with one state running `actions`. */
const archy = (key: string, name: string, ...actions: string[]) => `${key}:
  name: ${name}
  settingsActionDefaults:
    callData:
      processingPrompt:
        noValue: true
  startUpRef: "/${key}/states/state[Main_1]"
  states:
    - state:
        name: Main
        refId: Main_1
        actions:${actions.join('')}
`;

/** An Architect export: base64 of URI-encoded JSON. */
const exported = (doc: unknown) => Buffer.from(encodeURIComponent(JSON.stringify(doc)), 'latin1').toString('base64');

const slot = (text: string, literal = false) =>
  literal ? { config: { lit: { text, type: 'str' } }, text, type: 'str' } : { config: {}, text, type: 'str' };

/** A minimal inbound message flow export: a Call Data Action, then a Call Common Module. */
const inboundMessage = {
  name: 'SMS Intake',
  type: 'inboundshortmessage',
  initialSequence: 's1',
  flowSequenceItemList: [
    {
      __type: 'State',
      id: 's1',
      name: 'Initial State',
      startAction: 'a1',
      actionList: [
        {
          __type: 'DataAction',
          id: 'a1',
          name: 'Find customer',
          nextAction: 'a2',
          actionName: 'Find Customer',
          category: { name: 'Web Services' },
          inputs: [{ name: 'phone', value: { config: { emp: {} }, text: '' } }],
        },
        {
          __type: 'CallCommonModuleAction',
          id: 'a2',
          name: 'Route',
          flowName: 'Route Customer',
          inputs: [{ name: 'Common.phone', value: slot('Message.SenderAddress') }],
        },
      ],
    },
  ],
  // The module's snapshot: not the flow's own calls.
  commonModules: [{ flowSequenceItemList: [{ __type: 'DataAction', actionName: 'Snapshot Only', id: 'x' }] }],
};

const customerLookup = {
  ...(action('Find Customer') as Record<string, unknown>),
  contract: {
    input: { inputSchema: { type: 'object', properties: { phone: { type: 'string' } }, required: ['phone'] } },
    output: { successSchema: { type: 'object', properties: {} } },
  },
};

describe('flows of other types, loaded for what they call', () => {
  it('loads an Archy inbound call flow and bot flow by type, and reports only the data action absent', () => {
    const report = checkPath(
      folder({
        'get-account.custom.json': action('Get Account'),
        'flows/ivr.yaml': archy('inboundCall', 'Main IVR', yamlCall('Get Account')),
        'flows/bot.yaml': archy('botFlow', 'Order Bot', yamlCall('Get Account'), yamlCall('Lookup Order')),
      }),
    );
    expect(report.skipped).toEqual([]);
    expect(report.loaded.filter((a) => a.kind !== 'data action')).toEqual([
      { kind: 'bot flow', file: join('flows', 'bot.yaml'), name: 'Order Bot', flowType: 'bot' },
      { kind: 'inbound call flow', file: join('flows', 'ivr.yaml'), name: 'Main IVR', flowType: 'inboundcall' },
    ]);
    const missing = of(report.findings, 'flow/missing-data-action');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({
      severity: 'error',
      file: join('flows', 'bot.yaml'),
      location: '"Call Lookup Order"',
      message: 'bot flow "Order Bot" calls data action "Lookup Order", which is not present',
    });
    expect(missing[0]!.hint).toContain('Add the data action');
    // The flow type is said once per flow, as info: it is read, not run.
    expect(of(report.findings, 'flow/other-type').map((f) => [f.severity, f.file])).toEqual([
      ['info', join('flows', 'bot.yaml')],
      ['info', join('flows', 'ivr.yaml')],
    ]);
    expect(of(report.findings, 'flow/invalid')).toEqual([]);
  });

  it('loads an inbound message export, and checks its inputs and the common module it calls', () => {
    const report = checkPath(
      folder({
        'Find Customer.custom.json': customerLookup,
        'SMS Intake.i3InboundMessage': exported(inboundMessage),
        'route.yaml': flow('Route Customr', { actions: [] }).replace(/^workflow:/, 'commonModule:'),
      }),
    );
    expect(report.loaded.map((a) => [a.kind, a.name])).toContainEqual(['inbound message flow', 'SMS Intake']);
    // The module snapshot's "Snapshot Only" is not the flow's call.
    expect(of(report.findings, 'flow/missing-data-action')).toEqual([]);
    expect(of(report.findings, 'flow/data-action-input').map((f) => [f.location, f.message])).toEqual([
      [
        '"Find customer" (a1)',
        'inbound message flow "SMS Intake" calls "Find Customer" without its required input "phone"; the action refuses the input and the call takes its Failure path every time',
      ],
    ]);
    expect(of(report.findings, 'flow/common-module').map((f) => [f.severity, f.location, f.message])).toEqual([
      [
        'error',
        '"Route" (a2)',
        'inbound message flow "SMS Intake" calls common module "Route Customer", which is not present; the closest present module is "Route Customr"',
      ],
    ]);
  });

  it('holds an Archy flow to the inputs and compatible flow types of the common module it calls', () => {
    const module = `commonModule:
  name: Tag Call
  settingsCommonModule:
    compatibleFlowTypes:
      - flowType: inboundcall
  variables:
    - stringVariable:
        name: Common.tag
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
  startUpTaskActions:
    - endTask:
        name: End
`;
    const call = `
        - callCommonModule:
            name: Tag it
            commonModule:
              Tag Call:
                ver_latestPublished:
                  inputs:
                    Common.tag:
                      lit: vip
                    Common.colour:
                      lit: red`;
    const report = checkPath(
      folder({
        'module.yaml': module,
        'ivr.yaml': archy('inboundCall', 'IVR', call),
        'bot.yaml': archy('botFlow', 'Bot', call),
      }),
    );
    expect(of(report.findings, 'flow/common-module').map((f) => [f.file, f.location, f.message])).toEqual([
      [
        'bot.yaml',
        '"Tag it"',
        'bot flow "Bot" gives common module "Tag Call" the input Common.colour, which it does not take (its inputs: Common.tag)',
      ],
      [
        'bot.yaml',
        '"Tag it"',
        'common module "Tag Call" is not compatible with bot flows (its flow types: inboundcall), yet bot flow "Bot" calls it',
      ],
      [
        'ivr.yaml',
        '"Tag it"',
        'inbound call flow "IVR" gives common module "Tag Call" the input Common.colour, which it does not take (its inputs: Common.tag)',
      ],
    ]);
  });

  it('a malformed export or YAML is a flow/invalid finding naming the file, never a crash', () => {
    const report = checkPath(
      folder({
        'a.i3InboundMessage': '{}',
        'b.i3BotFlow': exported({ name: 'No sequences' }),
        'c.yaml': 'inboundCall:\n  name: [unclosed\n',
        'd.yaml': 'inboundCall:\n  states: []\n',
        'ok.custom.json': action('Ok'),
      }),
    );
    expect(report.loaded.map((a) => a.kind)).toEqual(['data action']);
    expect(of(report.findings, 'flow/invalid').map((f) => [f.file, f.severity, f.message])).toEqual([
      [
        'a.i3InboundMessage',
        'error',
        'an Architect inbound message flow export is base64 of URI-encoded JSON; the content is not base64',
      ],
      [
        'b.i3BotFlow',
        'error',
        'an Architect bot flow export is base64 of URI-encoded JSON; the JSON has no flowSequenceItemList, so it is not an Architect flow',
      ],
      ['c.yaml', 'error', expect.stringMatching(/^the inbound call flow must be valid YAML; /)],
      ['d.yaml', 'error', 'the inbound call flow has no name (inboundCall: name:)'],
    ]);
  });

  it('stops a walk past its depth bound with a warning, keeping what it read', () => {
    let deep: unknown = { __type: 'DataAction', id: 'z', name: 'Deep', actionName: 'Nowhere' };
    for (let i = 0; i < 300; i++) deep = [deep];
    const doc = { ...inboundMessage, flowSequenceItemList: [...inboundMessage.flowSequenceItemList, deep] };
    const report = checkPath(folder({ 'x.i3InboundMessage': exported(doc) }));
    expect(report.loaded.map((a) => a.kind)).toEqual(['inbound message flow']);
    expect(of(report.findings, 'flow/invalid').map((f) => f.severity)).toEqual(['warning']);
    expect(report.findings.some((f) => f.message.includes('"Nowhere"'))).toBe(false);
  });

  it('fills {{placeholders}} from the genesyscloud_flow that deploys it, and reports them when nothing does', () => {
    const yaml = archy('inboundShortMessage', '{{flow_name}}', yamlCall('{{action_name}}'));
    const tf = `resource "genesyscloud_flow" "sms" {
  filepath = "\${path.module}/deployed.yaml"
  substitutions = {
    flow_name   = "SMS Flow"
    action_name = "Absent Action"
  }
}
`;
    const report = checkPath(folder({ 'main.tf': tf, 'deployed.yaml': yaml, 'loose.yaml': yaml }));
    expect(report.loaded.map((a) => [a.kind, a.file, a.name])).toContainEqual([
      'inbound message flow',
      'deployed.yaml',
      'SMS Flow',
    ]);
    expect(report.loaded.some((a) => a.file === 'loose.yaml')).toBe(false);
    expect(of(report.findings, 'flow/unresolved-placeholders').map((f) => f.file)).toEqual(['loose.yaml']);
    expect(of(report.findings, 'flow/missing-data-action').map((f) => [f.file, f.message])).toEqual([
      ['deployed.yaml', 'inbound message flow "SMS Flow" calls data action "Absent Action", which is not present'],
    ]);
  });

  it('the JSON report lists them under loaded with their kind and flow type', () => {
    const report = checkPath(folder({ 'SMS Intake.i3InboundMessage': exported(inboundMessage) }));
    const json = JSON.parse(reportJson(report)) as { loaded: unknown[]; skipped: unknown[] };
    expect(json.loaded).toEqual([
      {
        kind: 'inbound message flow',
        file: 'SMS Intake.i3InboundMessage',
        name: 'SMS Intake',
        flowType: 'inboundshortmessage',
      },
    ]);
    expect(json.skipped).toEqual([]);
  });
});
