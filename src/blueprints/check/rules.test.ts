// Each check rule on a small folder that has the defect and on one that does not.
import { describe, expect, it } from 'vitest';
import { action, callData, decision, flow, of, run, trigger, update } from './fixtures.test-util.ts';
import { unescapedInputs } from './rules/action-unescaped-input.ts';
import { leadingNames } from './rules/trigger-unknown-field.ts';

describe('flow/missing-data-action', () => {
  it('reports a call to an action that is not present, naming the closest present one', () => {
    const found = of(
      run({
        'a.custom.json': action('Get Details'),
        'f.yaml': flow('F', { actions: [callData('Get Details (ConversationDirect)')] }),
      }),
      'flow/missing-data-action',
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'error',
      file: 'f.yaml',
      location: '"Call Get Details (ConversationDirect)" (0)',
    });
    expect(found[0]!.message).toBe(
      'flow "F" calls data action "Get Details (ConversationDirect)", which is not present; the closest present action is "Get Details"',
    );
  });
  it('is silent when the action is present', () => {
    expect(
      of(
        run({ 'a.custom.json': action('Get Details'), 'f.yaml': flow('F', { actions: [callData('Get Details')] }) }),
        'flow/missing-data-action',
      ),
    ).toEqual([]);
  });
});

describe('flow/unassigned-variable', () => {
  it('reports a State variable read but never assigned', () => {
    const found = of(
      run({ 'f.yaml': flow('F', { stateVars: [{ name: 'State.id' }], actions: [decision('IsSet(State.id)')] }) }),
      'flow/unassigned-variable',
    );
    expect(found.map((f) => [f.severity, f.message])).toEqual([
      ['error', 'flow "F" reads State.id (in `IsSet(State.id)`) but nothing assigns it, so it is always NOT_SET'],
    ]);
  });
  it('is silent when an Update Data, an output or an initial value assigns it', () => {
    const assigned = flow('F', {
      stateVars: [{ name: 'State.id' }],
      actions: [update('State.id', 'Flow.conversationId'), decision('IsSet(State.id)')],
    });
    const output = flow('G', {
      stateVars: [{ name: 'State.id' }],
      actions: [callData('A', { state: 'State.id' }), decision('IsSet(State.id)')],
    });
    const initial = flow('H', {
      stateVars: [{ name: 'State.id', initial: 'x' }],
      actions: [decision('IsSet(State.id)')],
    });
    expect(
      of(
        run({ 'a.custom.json': action('A'), 'f.yaml': assigned, 'g.yaml': output, 'h.yaml': initial }),
        'flow/unassigned-variable',
      ),
    ).toEqual([]);
  });
});

describe('trigger/input-never-sent', () => {
  const vars = (initial?: string) => [
    { name: 'Flow.conversationId', input: true },
    { name: 'Flow.phone', input: true, ...(initial === undefined ? {} : { initial }) },
  ];
  it('reports an input the topic never sends that the flow reads: error without an initial value, warning with one', () => {
    const files = {
      'f.yaml': flow('F', { flowVars: vars(), actions: [decision('IsSet(Flow.phone)')] }),
      'g.yaml': flow('G', { flowVars: vars('none'), actions: [decision('Flow.phone == "x"')] }),
      't1.json': trigger('T1', 'acd.start', 'F', [{ jsonPath: 'mediaType', operator: 'Equal', value: 'CALLBACK' }]),
      't2.json': trigger('T2', 'acd.start', 'G', [{ jsonPath: 'mediaType', operator: 'Equal', value: 'CALLBACK' }]),
    };
    const found = of(run(files), 'trigger/input-never-sent');
    expect(found.map((f) => [f.severity, f.file])).toEqual([
      ['error', 'f.yaml'],
      ['warning', 'g.yaml'],
    ]);
    expect(found[0]!.message).toBe(
      'flow "F" input Flow.phone is never sent by trigger "T1": the v2.detail.events.conversation.{id}.acd.start event has no top-level field "phone"; it is always NOT_SET where the flow reads it',
    );
  });
  it('reports an array field TopLevelPrimitives drops', () => {
    const f = flow('F', {
      flowVars: [{ name: 'Flow.callbackNumbers', input: true }],
      actions: [decision('IsSet(Flow.callbackNumbers)')],
    });
    const found = of(run({ 'f.yaml': f, 't.json': trigger('T', 'acd.start', 'F') }), 'trigger/input-never-sent');
    expect(found[0]!.message).toContain('"callbackNumbers" is not a top-level primitive');
  });
  it('is silent for an input the topic sends', () => {
    const f = flow('F', { actions: [decision('IsSet(Flow.conversationId)')] });
    expect(of(run({ 'f.yaml': f, 't.json': trigger('T', 'user.start', 'F') }), 'trigger/input-never-sent')).toEqual([]);
  });
});

describe('action/invalid-default-json', () => {
  it('reports a default that is not JSON text', () => {
    const found = of(
      run({
        'a.custom.json': action('A', {
          defaults: { state: 'disconnected' },
          map: { state: '$.state' },
          success: '{"state": ${state}}',
        }),
      }),
      'action/invalid-default-json',
    );
    expect(found.map((f) => [f.severity, f.location, f.hint])).toEqual([
      [
        'error',
        '/config/response/translationMapDefaults/state',
        'Write the default as JSON text: "\\"disconnected\\"".',
      ],
    ]);
  });
  it('is silent for JSON defaults', () => {
    const a = action('A', {
      defaults: { state: '"disconnected"', n: '0', list: '[""]' },
      map: { state: '$.state', n: '$.n', list: '$.l' },
    });
    expect(of(run({ 'a.custom.json': a }), 'action/invalid-default-json')).toEqual([]);
  });
});

describe('action/unescaped-input-in-json', () => {
  it('finds inputs inside JSON strings only, and not escaped ones', () => {
    expect(
      unescapedInputs('{"tag": "${input.tag}", "n": ${input.n}, "s": "$esc.jsonString(${input.s})", "t": "$input.t"}'),
    ).toEqual(['tag', 't']);
    expect(unescapedInputs('{"a": "x\\"${input.q}"}')).toEqual(['q']);
  });
  it('treats the URL escapes as escaped: their percent-encoded output holds no quote or backslash', () => {
    const template =
      '{"u": "$esc.url(${input.u})", "f": "$esc.urlFormEncode($input.f)", "r": "https://x/?q=$esc.uriEncode( ${input.r} )", "j": "$esc.jsonEncode(${input.j})", "b": "$!{esc.jsonString($input.b)}"}';
    expect(unescapedInputs(template)).toEqual([]);
  });
  it('still reports a decoding or HTML escape, and an escape that wraps something else', () => {
    expect(
      unescapedInputs(
        '{"a": "$esc.unurl(${input.a})", "h": "$esc.html(${input.h})", "w": "$esc.url(${input.other})-${input.w}"}',
      ),
    ).toEqual(['a', 'h', 'w']);
  });
  it('reports a request body with an unescaped input in a string', () => {
    const a = action('Tag', {
      method: 'PUT',
      url: '/api/v2/conversations/${input.conversationId}/tags',
      body: '{\n  "externalTag": "${input.externalTagName}"\n}',
    });
    const found = of(run({ 'a.custom.json': a }), 'action/unescaped-input-in-json');
    expect(found.map((f) => [f.severity, f.location])).toEqual([['warning', '/config/request/requestTemplate']]);
    expect(found[0]!.hint).toBe('Write "$esc.jsonString(${input.externalTagName})" inside the quotes.');
  });
  it('is silent for an escaped input, and for GET (whose body is not sent)', () => {
    const escaped = action('Tag', {
      method: 'PUT',
      body: '{"externalTag": "$esc.jsonString(${input.externalTagName})"}',
    });
    const get = action('Get', { body: '{"x": "${input.conversationId}"}' });
    const url = action('Link', {
      method: 'POST',
      body: '{"link": "https://example.com/c?id=$esc.url(${input.conversationId})"}',
    });
    expect(
      of(
        run({ 'a.custom.json': escaped, 'b.custom.json': get, 'c.custom.json': url }),
        'action/unescaped-input-in-json',
      ),
    ).toEqual([]);
  });
});

describe('integration/missing-permission', () => {
  const tag = action('Put Tag', {
    method: 'PUT',
    url: '/api/v2/conversations/${input.conversationId}/tags',
    body: '{}',
  });
  const bundle = (permissions?: string[]) => ({
    'switchboard.json': {
      name: 'b',
      integrations: [
        { name: 'Tags', role: 'Tagger', ...(permissions ? { permissions } : {}), actions: ['tag.custom.json'] },
      ],
    },
    'tag.custom.json': tag,
  });
  it('reports a permission the role lacks', () => {
    const found = of(run(bundle(['conversation:communication:disconnect'])), 'integration/missing-permission');
    expect(found.map((f) => [f.severity, f.location])).toEqual([['error', '/integrations/0']]);
    expect(found[0]!.message).toBe(
      'integration "Tags" (role "Tagger"): data action "Put Tag" (PUT /api/v2/conversations/{}/tags) needs conversation:externalTag:edit, which the role does not grant (it grants conversation:communication:disconnect)',
    );
  });
  it('warns when the setup names no permissions', () => {
    expect(of(run(bundle()), 'integration/missing-permission').map((f) => f.severity)).toEqual(['warning']);
  });
  it('asks no Genesys permission of a web-services action calling another service', () => {
    const files = {
      'switchboard.json': {
        name: 'b',
        integrations: [
          { name: 'Zoom', role: 'Zoom', permissions: [], actions: ['zoom.custom.json', 'auth.custom.json'] },
        ],
      },
      'zoom.custom.json': action('Set Zoom Presence', {
        method: 'PUT',
        url: 'https://api.zoom.us/v2/users/${input.user}/presence_status',
        body: '{}',
      }),
      'auth.custom.json': action('Zoom Auth', { method: 'POST', url: '${credentials.loginUrl}', body: '{}' }),
    };
    expect(of(run(files), 'integration/missing-permission')).toEqual([]);
  });
  it('accepts the permission as an id, an admin UI label or a wildcard', () => {
    for (const p of [
      'conversation:externalTag:edit',
      'Conversation > ExternalTag > Edit',
      'Conversation > All Permissions',
    ]) {
      expect(of(run(bundle([p])), 'integration/missing-permission')).toEqual([]);
    }
  });
});

describe('trigger/unknown-field', () => {
  it('reads the leading names of Jayway paths', () => {
    expect(leadingNames('$.presence.presenceDefinition.id')).toEqual(['presence', 'presenceDefinition', 'id']);
    expect(leadingNames("$['queueId']")).toEqual(['queueId']);
    expect(leadingNames('callbackNumbers[*]')).toEqual(['callbackNumbers']);
    expect(leadingNames('$..id')).toEqual([]);
  });
  it('reports a criterion on a field the topic does not have, with the near name', () => {
    const found = of(
      run({ 't.json': trigger('T', 'user.start', 'F', [{ jsonPath: 'queueID', operator: 'Exists', value: false }]) }),
      'trigger/unknown-field',
    );
    expect(found.map((f) => [f.severity, f.location, f.hint])).toEqual([
      ['error', '/matchCriteria/0', 'Did you mean "queueId"? Field names are case-sensitive.'],
    ]);
  });
  it('follows object fields', () => {
    const t = {
      name: 'A',
      topicName: 'v2.users.{id}.activity',
      enabled: true,
      target: { id: 'F', type: 'Workflow' },
      matchCriteria: [{ jsonPath: 'presence.presenceDefinition.sysPresence', operator: 'Equal', value: 'AWAY' }],
    };
    expect(of(run({ 't.json': t }), 'trigger/unknown-field')[0]!.message).toContain(
      'presence.presenceDefinition.sysPresence is not a field',
    );
  });
  it('is silent for fields of the schema', () => {
    const t = trigger('T', 'user.start', 'F', [
      { jsonPath: 'queueId', operator: 'Exists', value: false },
      { jsonPath: '$.dnis', operator: 'Contains', value: 'tel:+' },
    ]);
    expect(of(run({ 't.json': t }), 'trigger/unknown-field')).toEqual([]);
  });
});

describe('trigger/json-without-jsondata', () => {
  it('reports a Json trigger whose flow has no jsonData input', () => {
    const found = of(
      run({
        'f.yaml': flow('F', { actions: [] }),
        't.json': trigger(
          'T',
          'attributes',
          'F',
          [{ jsonPath: 'conversationId', operator: 'Exists', value: true }],
          'Json',
        ),
      }),
      'trigger/json-without-jsondata',
    );
    expect(found.map((f) => [f.severity, f.file, f.location])).toEqual([
      ['error', 't.json', '/target/workflowTargetSettings/dataFormat'],
    ]);
  });
  it('is silent when the flow has Flow.jsonData', () => {
    const f = flow('F', { flowVars: [{ name: 'Flow.jsonData', input: true }], actions: [] });
    expect(
      of(run({ 'f.yaml': f, 't.json': trigger('T', 'attributes', 'F', [], 'Json') }), 'trigger/json-without-jsondata'),
    ).toEqual([]);
  });
});

describe('the other rules', () => {
  it('trigger/no-criteria warns about a trigger that fires on every event, and not about one with criteria', () => {
    expect(
      of(run({ 't.json': trigger('T', 'user.start', 'F', []) }), 'trigger/no-criteria').map((f) => f.severity),
    ).toEqual(['warning']);
    expect(of(run({ 't.json': trigger('T', 'user.start', 'F') }), 'trigger/no-criteria')).toEqual([]);
  });
  it('flow/collection-tostring-compare warns on ToString(collection) == x, not on Contains', () => {
    const vars = [{ name: 'State.seg', kind: 'stringCollectionVariable' as const }];
    const bad = flow('F', {
      stateVars: vars,
      actions: [callData('A', { segment: 'State.seg' }), decision('ToString(State.seg) == "outbound"')],
    });
    const good = flow('G', {
      stateVars: vars,
      actions: [callData('A', { segment: 'State.seg' }), decision('Contains(State.seg, "outbound")')],
    });
    const found = of(
      run({
        'a.custom.json': action('A', { output: { segment: { type: 'array', items: { type: 'string' } } } }),
        'f.yaml': bad,
        'g.yaml': good,
      }),
      'flow/collection-tostring-compare',
    );
    expect(found.map((f) => [f.severity, f.file])).toEqual([['warning', 'f.yaml']]);
  });
  it('flow/duplicate-name warns on two flows of one format with one name, not on the same flow in two formats', () => {
    const found = of(
      run({
        'a.yaml': flow('Same', { actions: [] }),
        'b.yaml': flow('Same', { actions: [] }),
        'c.yaml': flow('Other', { actions: [] }),
      }),
      'flow/duplicate-name',
    );
    expect(found.map((f) => [f.severity, f.file])).toEqual([['warning', 'b.yaml']]);
  });
  it('flow/unused-variable notes declared variables nothing reads, but not loop indexes or read ones', () => {
    const f = flow('F', {
      flowVars: [
        { name: 'Flow.conversationId', input: true },
        { name: 'Flow.delay', input: true, initial: '5' },
      ],
      actions: [decision('IsSet(Flow.conversationId)')],
    });
    expect(of(run({ 'f.yaml': f }), 'flow/unused-variable').map((x) => [x.severity, x.location])).toEqual([
      ['info', 'variable Flow.delay'],
    ]);
  });
  it('terraform/action-name-mismatch warns when Terraform names an action close to, but not as, its export', () => {
    const tf = (name: string) =>
      `resource "genesyscloud_integration_action" "a" {\n  name = "${name}"\n  category = "Cat"\n  integration_id = "x"\n}\n`;
    const files = (name: string) => ({
      'a.custom.json': action('Check Conversation For PSTN Leg'),
      'tf/main.tf': tf(name),
    });
    const found = of(run(files('Check Conversation for PTSN Leg')), 'terraform/action-name-mismatch');
    expect(found.map((f) => [f.severity, f.file, f.location])).toEqual([
      ['warning', 'tf/main.tf', 'resource genesyscloud_integration_action.a (line 1)'],
    ]);
    expect(of(run(files('Check Conversation For PSTN Leg')), 'terraform/action-name-mismatch')).toEqual([]);
  });
  it('check/pairing notes a trigger whose flow cannot be told and a flow no trigger starts', () => {
    const found = of(
      run({ 'f.yaml': flow('F', { actions: [] }), 't.json': trigger('T', 'user.start', 'my-workflow-id') }),
      'check/pairing',
    );
    expect(found.map((f) => [f.severity, f.file])).toEqual([
      ['info', 'f.yaml'],
      ['info', 't.json'],
    ]);
    expect(
      of(run({ 'f.yaml': flow('F', { actions: [] }), 't.json': trigger('T', 'user.start', 'F') }), 'check/pairing'),
    ).toEqual([]);
  });
  it('a broken artifact is an error finding naming its file, and the rest is still checked', () => {
    const found = run({ 'bad.custom.json': '{ not json', 'a.custom.json': action('A', { defaults: { s: 'x' } }) });
    expect(found.filter((f) => f.severity === 'error').map((f) => [f.rule, f.file])).toEqual([
      ['action/invalid-default-json', 'a.custom.json'],
      ['action/invalid', 'bad.custom.json'],
    ]);
  });
});
