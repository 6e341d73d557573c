// The check rules about what reaches a data action: a Velocity reference that renders literally, and
// a flow's inputs to a data action (a collection to a scalar, an input never set).
import { describe, expect, it } from 'vitest';
import { action, callData, flow, of, run } from './fixtures.test-util.ts';

describe('action/literal-reference', () => {
  it('reports references the template has nothing for: a wrong case, an unknown property of a closed contract, credentials outside web services', () => {
    const closed = {
      ...(action('Get Customer', {
        url: '/api/v2/external/${INPUT.id}/${input.customerID}',
        success: '{"tier": ${tier}, "raw": ${rawResult}, "total": ${totl}}',
        map: { tier: '$.tier', total: '$.total' },
      }) as Record<string, unknown>),
      contract: {
        input: {
          inputSchema: { type: 'object', properties: { customerId: { type: 'string' } }, additionalProperties: false },
        },
        output: { successSchema: { type: 'object' } },
      },
    };
    const found = of(
      run({
        'a.custom.json': closed,
        'b.custom.json': action('Keyed', { url: '/api/v2/x?key=${credentials.apiKey}' }),
      }),
      'action/literal-reference',
    );
    expect(found.map((f) => [f.file, f.location, f.message, f.hint])).toEqual([
      [
        'a.custom.json',
        '/config/request/requestUrlTemplate',
        'data action "Get Customer": ${INPUT.id} will be sent as the text "${INPUT.id}" — "INPUT" is not in the template\'s context',
        'Did you mean $input? Velocity names are case-sensitive.',
      ],
      [
        'a.custom.json',
        '/config/request/requestUrlTemplate',
        'data action "Get Customer": ${input.customerID} will be sent as the text "${input.customerID}" — the input contract has no property "customerID"',
        'Did you mean ${input.customerId}? Names are case-sensitive.',
      ],
      [
        'a.custom.json',
        '/config/response/successTemplate',
        'data action "Get Customer": ${totl} will be sent as the text "${totl}" — "totl" is not in the template\'s context',
        'Did you mean $total? Velocity names are case-sensitive.',
      ],
      [
        'b.custom.json',
        '/config/request/requestUrlTemplate',
        'data action "Keyed": ${credentials.apiKey} will be sent as the text "${credentials.apiKey}" — "credentials" is not in the template\'s context',
        expect.stringContaining('The template has'),
      ],
    ]);
  });

  it("does not report quiet references, escaped dollars, #set/#foreach names, tools, or a web services action's credentials", () => {
    const web = {
      ...(action('Web', {
        method: 'POST',
        url: 'https://crm.example.com/${credentials.tenant}/find',
        body: '#set($q = $input.conversationId)#foreach($p in $input.list)$p $velocityCount#end {"q": "$esc.jsonString($q)", "cost": "\\$5", "x": "$!{nothing}", "auth": "${authResponse.token}", "d": "$date.get(\'yyyy\')"}',
      }) as Record<string, unknown>),
      integrationType: 'custom-rest-actions',
    };
    expect(of(run({ 'w.custom.json': web }), 'action/literal-reference')).toEqual([]);
  });
});

describe('flow/data-action-input', () => {
  const withContract = (name: string, properties: Record<string, unknown>, required: string[]) => ({
    ...(action(name) as Record<string, unknown>),
    contract: {
      input: { inputSchema: { type: 'object', properties, required } },
      output: { successSchema: { type: 'object' } },
    },
  });

  it('reports a required input the call leaves not set', () => {
    const found = of(
      run({
        'a.custom.json': withContract('Tag', { conversationId: { type: 'string' }, tag: { type: 'string' } }, [
          'conversationId',
          'tag',
        ]),
        'f.yaml': flow('F', { actions: [callData('Tag')] }),
      }),
      'flow/data-action-input',
    );
    expect(found.map((f) => f.message)).toEqual([
      'flow "F" calls "Tag" without its required input "tag"; the action refuses the input and the call takes its Failure path every time',
    ]);
  });

  it('reports a collection passed to an input that is not an array, and not one passed to an array', () => {
    const vars = [{ name: 'Flow.conversationId', kind: 'stringCollectionVariable' as const, input: true }];
    const scalar = of(
      run({
        'a.custom.json': withContract('Tag', { conversationId: { type: 'string' } }, []),
        'f.yaml': flow('F', { flowVars: vars, actions: [callData('Tag')] }),
      }),
      'flow/data-action-input',
    );
    expect(scalar.map((f) => f.message)).toEqual([
      'flow "F" passes the collection Flow.conversationId to input "conversationId" of "Tag", which is not an array in the action\'s contract',
    ]);
    const array = of(
      run({
        'a.custom.json': withContract('Tag', { conversationId: { type: 'array', items: { type: 'string' } } }, []),
        'f.yaml': flow('F', { flowVars: vars, actions: [callData('Tag')] }),
      }),
      'flow/data-action-input',
    );
    expect(array).toEqual([]);
  });
});
