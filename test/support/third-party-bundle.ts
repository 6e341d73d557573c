/**
 * @module
 * The bundle of the third-party end-to-end test: a workflow that reads a customer's tier from a CRM
 * (a web services integration with a custom auth action), the forecast from a weather service known
 * only from a mocks file, and tags the call with both through Genesys Cloud.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const contract = (inputs: Record<string, unknown>, outputs: Record<string, unknown>) => ({
  input: { inputSchema: { type: 'object', properties: inputs } },
  output: { successSchema: { type: 'object', properties: outputs } },
});

const ACTIONS = {
  'crm-auth.json': {
    name: 'CRM Auth',
    config: {
      request: {
        requestUrlTemplate: '${credentials.loginUrl}',
        requestType: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        requestTemplate:
          'grant_type=client_credentials&client_id=${credentials.clientId}&client_secret=${credentials.clientSecret}',
      },
      response: { translationMap: {}, successTemplate: '${rawResult}' },
    },
  },
  'get-customer-tier.custom.json': {
    name: 'Get Customer Tier',
    category: 'CRM',
    integrationType: 'custom-rest-actions',
    config: {
      request: {
        requestUrlTemplate: '${credentials.crmUrl}/customers/${input.customerId}',
        requestType: 'GET',
        headers: { Authorization: 'Bearer ${authResponse.access_token}' },
      },
      response: { translationMap: { tier: '$.customer.tier' }, successTemplate: '{"tier": ${tier}}' },
    },
    contract: contract({ customerId: { type: 'string' } }, { tier: { type: 'string' } }),
  },
  'get-forecast.custom.json': {
    name: 'Get Forecast',
    category: 'Weather',
    integrationType: 'custom-rest-actions',
    config: {
      request: {
        requestUrlTemplate: 'https://weather.example.com/v1/forecast/${input.city}',
        requestType: 'GET',
        headers: {},
      },
      response: { translationMap: { summary: '$.today.summary' }, successTemplate: '{"summary": ${summary}}' },
    },
    contract: contract({ city: { type: 'string' } }, { summary: { type: 'string' } }),
  },
  'tag-conversation.custom.json': {
    name: 'Tag Conversation',
    category: 'Tagging',
    config: {
      request: {
        requestUrlTemplate: '/api/v2/conversations/${input.conversationId}/tags',
        requestType: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        requestTemplate: '{"externalTag": "${input.tag}"}',
      },
      response: { translationMap: {}, successTemplate: '{}' },
    },
    contract: contract({ conversationId: { type: 'string' }, tag: { type: 'string' } }, {}),
  },
};

const call = (name: string, category: string, action: string, inputs: string, outputs = '') => `          - callData:
              name: ${name}
              timeout:
                lit:
                  seconds: 30
              category:
                ${category}:
                  dataAction:
                    ${action}:
                      inputs:
${inputs}${outputs}`;

const FLOW = `workflow:
  name: Tag With Tier And Weather
  division: Home
  startUpRef: "/workflow/states/state[Main_1]"
  defaultLanguage: en-us
  variables:
    - stringVariable:
        name: Flow.conversationId
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
    - stringVariable:
        name: Flow.tier
        initialValue:
          lit: "unknown"
        isInput: false
        isOutput: true
    - stringVariable:
        name: Flow.forecast
        initialValue:
          lit: "unknown"
        isInput: false
        isOutput: true
  settingsErrorHandling:
    errorHandling:
      endWorkflow:
        none: true
  states:
    - state:
        name: Main
        refId: Main_1
        actions:
${call(
  'Tier',
  'CRM',
  'Get Customer Tier',
  `                        customerId:
                          exp: Flow.conversationId
`,
  `                      successOutputs:
                        tier:
                          var: Flow.tier
`,
)}
${call(
  'Weather',
  'Weather',
  'Get Forecast',
  `                        city:
                          lit: "indianapolis"
`,
  `                      successOutputs:
                        summary:
                          var: Flow.forecast
`,
)}
${call(
  'Tag',
  'Tagging',
  'Tag Conversation',
  `                        conversationId:
                          exp: Flow.conversationId
                        tag:
                          exp: Append(Flow.tier, "/", Flow.forecast)
`,
)}
          - endWorkflow:
              name: Done
              exitReason:
                lit: Tagged
`;

const MOCKS = {
  mocks: [
    {
      name: 'forecast',
      method: 'GET',
      url: 'https://weather.example.com/v1/forecast/*',
      response: { status: 200, body: { today: { summary: 'sunny' } } },
    },
  ],
};

/**
 * Write the bundle into `dir`: the CRM integration (User Defined (OAuth), its client secret read from
 * `CRM_CLIENT_SECRET`, its service at `crmUrl`), the weather integration, the tag action, the flow,
 * the mocks file and the manifest with its no-queue trigger.
 */
export function writeTierBundle(dir: string, crmUrl: string): void {
  for (const [file, doc] of Object.entries(ACTIONS)) writeFileSync(join(dir, file), JSON.stringify(doc, null, 2));
  writeFileSync(join(dir, 'tag-with-tier.yaml'), FLOW);
  writeFileSync(join(dir, 'mocks.json'), JSON.stringify(MOCKS, null, 2));
  const manifest = {
    name: 'tier-tagging',
    integrations: [
      {
        name: 'CRM',
        type: 'custom-rest-actions',
        credentials: {
          type: 'userDefinedOAuth',
          fields: {
            loginUrl: `${crmUrl}/oauth/token`,
            crmUrl,
            clientId: 'switchboard',
            clientSecret: { env: 'CRM_CLIENT_SECRET' },
          },
        },
        authAction: 'crm-auth.json',
        actions: ['get-customer-tier.custom.json'],
      },
      { name: 'Weather', type: 'custom-rest-actions', actions: ['get-forecast.custom.json'] },
      { name: 'Tagging', permissions: ['conversation:externalTag:edit'], actions: ['tag-conversation.custom.json'] },
    ],
    workflows: [{ file: 'tag-with-tier.yaml' }],
    triggers: [
      {
        inline: {
          name: 'No queue',
          topicName: 'v2.detail.events.conversation.{id}.user.start',
          enabled: true,
          target: { id: 'x', type: 'Workflow' },
          matchCriteria: [{ jsonPath: 'queueId', operator: 'Exists', value: false }],
        },
        workflow: 'Tag With Tier And Weather',
      },
    ],
  };
  writeFileSync(join(dir, 'switchboard.json'), JSON.stringify(manifest, null, 2));
}
