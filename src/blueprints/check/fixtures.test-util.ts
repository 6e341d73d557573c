// Small artifact fixtures for the check tests, written to a temp folder: data actions as
// .custom.json, Archy YAML flows built from a few action shapes, triggers as API JSON.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Finding } from './finding.ts';
import { checkPath } from './runner.ts';

/** A temp folder with the given files (path → text or JSON value). */
function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-check-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

/** A `.custom.json` data action. */
export function action(
  name: string,
  opts: {
    method?: string;
    url?: string;
    body?: string;
    defaults?: Record<string, string>;
    map?: Record<string, string>;
    success?: string;
    output?: Record<string, unknown>;
  } = {},
): unknown {
  return {
    name,
    integrationType: 'purecloud-data-actions',
    actionType: 'custom',
    config: {
      request: {
        requestUrlTemplate: opts.url ?? '/api/v2/conversations/${input.conversationId}',
        requestType: opts.method ?? 'GET',
        headers: {},
        requestTemplate: opts.body ?? '${input.rawRequest}',
      },
      response: {
        translationMap: opts.map ?? {},
        translationMapDefaults: opts.defaults ?? {},
        successTemplate: opts.success ?? '${rawResult}',
      },
    },
    contract: {
      input: {
        inputSchema: { type: 'object', properties: { conversationId: { type: 'string' } }, additionalProperties: true },
      },
      output: { successSchema: { type: 'object', properties: opts.output ?? {}, additionalProperties: true } },
    },
    secure: false,
  };
}

/** A flow variable declaration for {@link flow}. */
export interface VarSpec {
  name: string;
  kind?: 'stringVariable' | 'integerVariable' | 'stringCollectionVariable';
  input?: boolean;
  initial?: string;
}

function variable(v: VarSpec, indent: string): string {
  const init = v.initial === undefined ? 'noValue: true' : `lit: ${JSON.stringify(v.initial)}`;
  return [
    `${indent}- ${v.kind ?? 'stringVariable'}:`,
    `${indent}    name: ${v.name}`,
    `${indent}    initialValue:`,
    `${indent}      ${init}`,
    `${indent}    isInput: ${v.input === true}`,
    `${indent}    isOutput: false`,
  ].join('\n');
}

/** YAML of a Call Data Action calling `name` with `conversationId: Flow.conversationId`. */
export function callData(name: string, outputs: Record<string, string> = {}): string {
  const outs = Object.entries(outputs)
    .map(([k, v]) => `\n                        ${k}:\n                          var: ${v}`)
    .join('');
  return `
          - callData:
              name: Call ${name}
              timeout:
                lit:
                  minutes: 1
              category:
                Cat:
                  dataAction:
                    ${JSON.stringify(name)}:
                      inputs:
                        conversationId:
                          exp: Flow.conversationId
                      successOutputs:${outs || ' {}'}
                      failureOutputs: {}`;
}

/** YAML of a Decision on `condition` whose Yes branch ends the workflow. */
export function decision(condition: string): string {
  return `
          - decision:
              name: Check
              condition:
                exp: ${JSON.stringify(condition)}
              outputs:
                "yes":
                  actions:
                    - endWorkflow:
                        name: End
                        exitReason:
                          lit: Yes`;
}

/** YAML of an Update Data assigning a String variable. */
export function update(variableName: string, exp: string): string {
  return `
          - updateData:
              name: Assign
              statements:
                - string:
                    variable: ${variableName}
                    value:
                      exp: ${JSON.stringify(exp)}`;
}

/** An Archy YAML workflow. */
export function flow(name: string, opts: { flowVars?: VarSpec[]; stateVars?: VarSpec[]; actions: string[] }): string {
  const flowVars = opts.flowVars ?? [{ name: 'Flow.conversationId', input: true }];
  return `workflow:
  name: ${JSON.stringify(name)}
  division: Home
  startUpRef: "/workflow/states/state[Initial State_10]"
  defaultLanguage: en-us
  supportedLanguages:
    en-us:
      none: true
  variables:
${flowVars.map((v) => variable(v, '    ')).join('\n')}
  settingsErrorHandling:
    errorHandling:
      endWorkflow:
        none: true
  states:
    - state:
        name: Initial State
        refId: Initial State_10
        variables:${(opts.stateVars ?? []).length === 0 ? ' []' : `\n${(opts.stateVars ?? []).map((v) => variable(v, '          ')).join('\n')}`}
        actions:${opts.actions.join('')}
          - endWorkflow:
              name: Done
              exitReason:
                lit: Done
`;
}

/** A trigger as an API body targeting the flow named `workflow`. */
export function trigger(
  name: string,
  topic: string,
  workflow: string,
  criteria: unknown[] = [{ jsonPath: 'queueId', operator: 'Exists', value: false }],
  dataFormat?: string,
): unknown {
  return {
    name,
    topicName: `v2.detail.events.conversation.{id}.${topic}`,
    enabled: true,
    target: { id: workflow, type: 'Workflow', ...(dataFormat ? { workflowTargetSettings: { dataFormat } } : {}) },
    matchCriteria: criteria,
  };
}

/** The findings of `check` on a folder holding `files`. */
export const run = (files: Record<string, unknown>): Finding[] => [...checkPath(folder(files)).findings];

/** The findings of one rule. */
export const of = (findings: readonly Finding[], rule: string): Finding[] => findings.filter((f) => f.rule === rule);
