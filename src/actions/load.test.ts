import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blueprintPath } from '../../test/support/shared.ts';
import { SwitchboardError } from '../core/index.ts';
import { compileAction, validateAction } from './compile.ts';
import { detectActionFormat, loadAction, loadActionText } from './load.ts';

const cbPriority = (): string =>
  readFileSync(blueprintPath('callback-prioritization/main/exports/Get-Callback-Priority.custom.json'), 'utf8');

function thrown(fn: () => unknown): SwitchboardError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SwitchboardError) return e;
    throw e;
  }
  throw new Error('expected a SwitchboardError');
}

describe('loadAction', () => {
  it('reads a .custom.json export', () => {
    const def = loadActionText(cbPriority(), 'Get-Callback-Priority.custom.json');
    expect(def.source).toBe('custom-json');
    expect(def.name).toBe('Get Callback Priority');
    expect(def.integrationType).toBe('purecloud-data-actions');
    expect(def.request.requestType).toBe('GET');
    expect(def.request.requestUrlTemplate).toBe('/api/v2/conversations/callbacks/${input.conversationId}');
    expect(def.response.translationMapDefaults).toEqual({ pIdArray: '[""]' });
    expect(def.contract.input.required).toEqual(['conversationId']);
  });

  it('reads the integrations API shape (PostActionInput) with category and integrationId', () => {
    const doc = JSON.parse(cbPriority()) as Record<string, unknown>;
    delete doc.integrationType;
    delete doc.actionType;
    const def = loadAction({
      ...doc,
      category: 'Callback Prioritization',
      integrationId: 'i-1',
      config: { ...(doc.config as object), timeoutSeconds: 10 },
    });
    expect(def.source).toBe('api');
    expect(def.category).toBe('Callback Prioritization');
    expect(def.integrationId).toBe('i-1');
    expect(def.timeoutSeconds).toBe(10);
    expect(def.integrationType).toBe('purecloud-data-actions');
  });

  it('reads Terraform genesyscloud_integration_action attributes with JSON-encoded contracts', () => {
    // The attributes of callback-prioritization/main/terraform/main.tf action-1, as Terraform holds them.
    const attrs = {
      name: 'Get Callback Priority',
      category: 'Callback Prioritization',
      integration_id: 'i-1',
      contract_input: JSON.stringify({
        type: 'object',
        properties: { conversationId: { type: 'string' } },
        required: ['conversationId'],
      }),
      contract_output: JSON.stringify({ type: 'object', properties: { priority: { type: 'integer' } } }),
      config_request: [
        {
          request_url_template: '/api/v2/conversations/callbacks/${input.conversationId}',
          request_type: 'GET',
          request_template: '${input.rawRequest}',
          headers: {},
        },
      ],
      config_response: [
        {
          translation_map: { pIdArray: "$.participants[?(@.purpose=='acd')].conversationRoutingData.priority" },
          translation_map_defaults: { pIdArray: '[""]' },
          success_template:
            '{"priority": ${successTemplateUtils.firstFromArray("${pIdArray}", "$esc.quote$esc.quote")}}',
        },
      ],
    };
    expect(detectActionFormat(attrs)).toBe('terraform');
    const def = loadAction(attrs);
    const fromExport = loadActionText(cbPriority());
    expect(def.request).toEqual(fromExport.request);
    expect(def.response).toEqual(fromExport.response);
    expect(def.contract.input.required).toEqual(['conversationId']);
    expect(def.integrationId).toBe('i-1');
  });

  it('lists every structural problem with its JSON pointer', () => {
    const e = thrown(() =>
      loadAction(
        {
          name: '',
          integrationType: 'purecloud-data-actions',
          config: { request: { requestType: 'FETCH', headers: { A: 1 } }, timeoutSeconds: 90 },
          contract: { input: {} },
        },
        'bad.custom.json',
      ),
    );
    expect(e.code).toBe('SB_ACTION_INVALID');
    const pointers = (e.details.issues as { pointer: string }[]).map((i) => i.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining([
        '/name',
        '/config/request/requestUrlTemplate',
        '/config/request/requestType',
        '/config/request/headers/A',
        '/config/timeoutSeconds',
        '/contract/output',
        '/contract/input/inputSchema',
      ]),
    );
    expect(e.message).toContain('bad.custom.json');
  });

  it('names the line and column of a JSON syntax error in the file', () => {
    const e = thrown(() => loadActionText('{\n  "name": "x",\n  oops\n}', 'broken.custom.json'));
    expect(e.code).toBe('SB_ACTION_INVALID');
    expect(e.details).toMatchObject({ file: 'broken.custom.json', line: 3, column: 3 });
  });

  it('rejects a Terraform contract that is not valid JSON, naming the attribute', () => {
    const e = thrown(() =>
      loadAction({
        name: 'x',
        contract_input: '{"type": ',
        contract_output: '{}',
        config_request: { request_url_template: '/a', request_type: 'GET' },
      }),
    );
    expect((e.details.issues as { pointer: string }[])[0]!.pointer).toBe('/contract_input');
  });
});

describe('validateAction / compileAction', () => {
  it('reports template, JSONPath and schema problems together, each with a pointer and code', () => {
    const def = loadAction({
      name: 'Broken',
      integrationType: 'purecloud-data-actions',
      config: {
        request: {
          requestUrlTemplate: '/api/v2/users/${input.id',
          requestType: 'GET',
          headers: { 'X-Tag': '#if($a)x' },
        },
        response: { translationMap: { a: '$.x[?(@.y==)]' }, successTemplate: '${rawResult}' },
      },
      contract: { input: { inputSchema: { type: 'objekt' } }, output: { successSchema: { type: 'object' } } },
    });
    const issues = validateAction(def);
    expect(issues.map((i) => [i.pointer, i.code])).toEqual([
      ['/contract/input/inputSchema/type', 'SB_ACTION_INVALID'],
      ['/config/request/requestUrlTemplate', 'SB_ACTION_TEMPLATE'],
      ['/config/request/headers/X-Tag', 'SB_ACTION_TEMPLATE'],
      ['/config/response/translationMap/a', 'SB_ACTION_JSONPATH'],
    ]);
    const e = thrown(() => compileAction(def));
    expect(e.message).toContain('and 3 more');
  });

  it('rejects a contract that declares another JSON Schema draft', () => {
    const def = loadAction({
      name: 'x',
      config: { request: { requestUrlTemplate: '/a', requestType: 'GET' } },
      contract: {
        input: { inputSchema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' } },
        output: { successSchema: {} },
      },
    });
    expect(validateAction(def)[0]).toMatchObject({ pointer: '/contract/input/inputSchema/$schema' });
  });
});
