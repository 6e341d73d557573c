// AWS Lambda data actions answered by a local handler module named in the mocks file: the rendered
// request body is the event, the context names the function of the action's ARN, the return value
// is the response; a throwing handler fails the action with its message; a broken module is a coded
// error naming it.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileAction, executeAction, loadAction } from '../src/actions/index.ts';
import { SystemClock, isSwitchboardError } from '../src/core/index.ts';
import type { Fetch } from '../src/core/index.ts';
import { createThirdPartyFetch, parseMocksText } from '../src/third-party/index.ts';

const clock = new SystemClock();
const dir = mkdtempSync(join(tmpdir(), 'sb-lambda-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'lambda'));
writeFileSync(
  join(dir, 'lambda', 'tier.mjs'),
  `export async function handler(event, context) {
  if (event.customerId === 'boom') throw new TypeError('no customer ' + event.customerId);
  return { tier: event.customerId === 'c-1' ? 'gold' : 'basic', fn: context.functionName, arn: context.invokedFunctionArn, left: context.getRemainingTimeInMillis() > 0 };
}
`,
);
writeFileSync(join(dir, 'lambda', 'empty.mjs'), 'export const notAFunction = 1;\n');

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:tier';
const mocksFile = join(dir, 'mocks.yaml');
writeFileSync(
  mocksFile,
  `- name: tier lambda
  method: POST
  url: https://aws-lambda-data-actions.integration.invalid/arn:aws:lambda:*:*:function:tier
  lambda:
    module: ./lambda/tier.mjs
- url: https://aws-lambda-data-actions.integration.invalid/arn:aws:lambda:*:*:function:empty
  lambda:
    module: ./lambda/empty.mjs
`,
);
const thirdParty = createThirdPartyFetch({ mocks: parseMocksText(readFileSync(mocksFile, 'utf8'), mocksFile), clock });
afterAll(() => thirdParty.close());

const genesys: Fetch = () => Promise.reject(new Error('a Lambda action must not reach Genesys Cloud'));
const lambdaAction = (arn: string) =>
  compileAction(
    loadAction({
      name: 'Customer tier',
      integrationType: 'aws-lambda-data-actions',
      config: {
        request: { requestUrlTemplate: arn, requestType: 'POST', headers: {}, requestTemplate: '${input.rawRequest}' },
        response: {
          translationMap: { tier: '$.tier', fn: '$.fn', arn: '$.arn', left: '$.left' },
          successTemplate: '{"tier": ${tier}, "fn": ${fn}, "arn": ${arn}, "left": ${left}}',
        },
      },
      contract: {
        input: { inputSchema: { type: 'object', properties: { customerId: { type: 'string' } } } },
        output: { successSchema: { type: 'object' } },
      },
    }),
  );

describe('AWS Lambda data actions with a local handler', () => {
  it('runs the handler with the request body as the event and the ARN in the context, and maps what it returns', async () => {
    const r = await executeAction(
      lambdaAction(ARN),
      { customerId: 'c-1' },
      { fetch: genesys, thirdParty: thirdParty.fetch, clock },
    );
    expect(r.status).toBe('success');
    expect(r.outputs).toEqual({ tier: 'gold', fn: 'tier', arn: ARN, left: true });
    expect(r.trace.response).toMatchObject({ route: 'mock', mock: 'tier lambda' });
  });

  it('a handler that throws fails the action with its message, in Lambda error shape', async () => {
    const r = await executeAction(
      lambdaAction(ARN),
      { customerId: 'boom' },
      { fetch: genesys, thirdParty: thirdParty.fetch, clock },
    );
    expect(r.status).toBe('failure');
    expect(JSON.stringify(r)).toContain('no customer boom');
    const res = await thirdParty.fetch(`https://aws-lambda-data-actions.integration.invalid/${ARN}`, {
      method: 'POST',
      body: '{"customerId":"boom"}',
    });
    expect(res.status).toBe(502);
    expect(res.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(await res.json()).toEqual({ errorMessage: 'no customer boom', errorType: 'TypeError' });
  });

  it('a module without the export is SB_THIRD_PARTY_MOCKS_INVALID naming the module and the export', async () => {
    const e = await thirdParty
      .fetch('https://aws-lambda-data-actions.integration.invalid/arn:aws:lambda:us-east-1:1:function:empty', {
        method: 'POST',
        body: '{}',
      })
      .catch((x: unknown) => x);
    expect(isSwitchboardError(e) && e.code).toBe('SB_THIRD_PARTY_MOCKS_INVALID');
    expect((e as Error).message).toContain('empty.mjs');
    expect((e as Error).message).toContain('"handler"');
  });

  it('refuses a mock with both a response and a lambda, naming the rule', () => {
    const e = (() => {
      try {
        parseMocksText(
          JSON.stringify([{ url: 'https://x.example/*', response: { status: 200 }, lambda: { module: './a.mjs' } }]),
          'mocks.json',
        );
      } catch (x) {
        return x;
      }
      return undefined;
    })();
    expect(isSwitchboardError(e) && e.code).toBe('SB_THIRD_PARTY_MOCKS_INVALID');
    expect((e as Error).message).toContain('exactly one of "response", "responses" and "lambda"');
  });
});
