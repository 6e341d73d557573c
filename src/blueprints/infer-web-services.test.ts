// A plain folder's web services actions get an integration of their own, with the folder's
// exported custom auth action (*.customAuth.json) and the --credential fields.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inferBundle } from './infer-bundle.ts';

const action = (name: string, url: string, headers: Record<string, string> = {}) =>
  JSON.stringify({
    name,
    integrationType: 'custom-rest-actions',
    actionType: 'custom',
    config: {
      request: { requestUrlTemplate: url, requestType: 'GET', headers, requestTemplate: '${input.rawRequest}' },
      response: { translationMap: {}, translationMapDefaults: {}, successTemplate: '${rawResult}' },
    },
    contract: { input: { inputSchema: { type: 'object' } }, output: { successSchema: { type: 'object' } } },
    secure: false,
  });

const FLOW = `workflow:
  name: Presence sync
  startUpRef: "/workflow/states/state[S]"
  states:
    - state:
        name: Main
        refId: S
        actions:
          - endWorkflow:
              name: End
              exitReason:
                noValue: true
`;

const TRIGGER = JSON.stringify({
  name: 'Agent joins',
  topicName: 'v2.detail.events.conversation.{id}.user.start',
  enabled: true,
  target: { id: 'Presence sync', type: 'Workflow' },
  matchCriteria: [],
});

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function folder(): string {
  dir = mkdtempSync(join(tmpdir(), 'infer-web-'));
  writeFileSync(
    join(dir, 'Set-Presence.custom.json'),
    action('Set Teams Presence', 'https://graph.example.com/users/${input.id}/presence', {
      Authorization: 'Bearer ${authResponse.access_token}',
    }),
  );
  writeFileSync(
    join(dir, 'Get-User.custom.json'),
    action('Get Genesys User', '/api/v2/users/${input.id}').replace('custom-rest-actions', 'purecloud-data-actions'),
  );
  writeFileSync(join(dir, 'Graph-Auth.customAuth.json'), action('Graph Auth', '${credentials.loginUrl}'));
  writeFileSync(join(dir, 'flow.yaml'), FLOW);
  writeFileSync(join(dir, 'trigger.json'), TRIGGER);
  return dir;
}

describe("a folder's web services integration", () => {
  it('takes the web services actions, the exported custom auth action and the --credential fields', () => {
    const { bundle } = inferBundle(folder(), {
      name: 'teams',
      credentials: { loginUrl: 'https://login.example.com/token', clientId: 'abc' },
    });
    const byName = new Map(bundle.integrations.map((i) => [i.name, i]));
    expect(bundle.integrations.map((i) => [i.name, [...i.actions]]).sort()).toEqual([
      ['teams data actions', ['Get Genesys User']],
      ['teams web services', ['Set Teams Presence']],
    ]);
    expect(byName.get('teams web services')).toMatchObject({
      credentials: { type: 'userDefinedOAuth', fields: { clientId: 'abc' } },
    });
    expect(byName.get('teams web services')?.authAction?.definition.name).toBe('Graph Auth');
    // The custom auth action is the integration's, not an action a flow calls.
    expect(bundle.actions.map((a) => a.name)).not.toContain('Graph Auth');
  });

  it('without --credential, says which fields its custom auth action needs', () => {
    const { bundle, inferred } = inferBundle(folder(), { name: 'teams' });
    expect(bundle.integrations.find((i) => i.name === 'teams web services')?.credentials).toBeUndefined();
    expect(inferred.left.join('\n')).toContain(
      'integration "teams web services": its custom auth action Graph-Auth.customAuth.json needs the credential fields (${credentials.*}) the org holds; give them with --credential name=value',
    );
  });
});
