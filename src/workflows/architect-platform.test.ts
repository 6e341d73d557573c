// The platform actions of an Architect workflow (Find User/Queue/Group, Get External Contact,
// Get/Set Participant Data) on the durable engine, against the emulator through a client that holds
// only the permissions the actions need.
import { afterEach, describe, expect, it } from 'vitest';
import { importArchyYaml } from '../architect/index.ts';
import type { Fetch } from '../core/index.ts';
import { VirtualClock } from '../core/index.ts';
import { DEMO } from '../emulator/index.ts';
import { clientFetch, startApi } from '../emulator/services/conversations/api.test-support.ts';
import type { ApiFixture } from '../emulator/services/conversations/api.test-support.ts';
import { createMemoryStore } from '../store/index.ts';
import { architectWorkflow } from './architect-workflow.ts';
import { runUntilIdle } from './testing.ts';
import { runArchitectOnce } from './architect-runs.test-util.ts';
import { createWorker } from './worker.ts';

const PERMISSIONS = [
  'directory:user:view',
  'routing:queue:view',
  'directory:group:view',
  'externalContacts:contact:view',
  'externalContacts:externalOrganization:view',
  'conversation:communication:view',
];

const stringVar = (name: string, io = 'true') => `    - stringVariable:
        name: ${name}
        initialValue:
          noValue: true
        isInput: ${io}
        isOutput: ${io === 'true' ? 'false' : 'true'}
`;
const typedVar = (kind: string, name: string) => `    - ${kind}Variable:
        name: ${name}
        initialValue:
          noValue: true
        isInput: false
        isOutput: true
`;
const lookup = (
  kind: string,
  keyName: string,
  keyExp: string,
  result: string,
  resultKey = 'findResult',
) => `          - ${kind}:
              name: ${kind}
              ${keyName}:
                exp: ${JSON.stringify(keyExp)}
              ${resultKey}:
                var: ${result}
              outputs:
                notFound:
                  actions:
                    - endWorkflow:
                        name: Missing ${kind}
                        exitReason:
                          lit: ${kind} found nothing
`;

const YAML = `workflow:
  name: Directory Tour
  startUpRef: "/workflow/states/state[S]"
  variables:
${stringVar('Flow.userId')}${stringVar('Flow.email')}${stringVar('Flow.queueName')}${stringVar('Flow.groupName')}${stringVar('Flow.contactId')}${stringVar('Flow.organizationId')}${typedVar('externalOrganization', 'Flow.organization')}${stringVar('Flow.conversationId')}${typedVar('user', 'Flow.byId')}${typedVar('user', 'Flow.byEmail')}${typedVar('queue', 'Flow.queue')}${typedVar('queue', 'Flow.queueAgain')}${typedVar('group', 'Flow.group')}${typedVar('group', 'Flow.groupAgain')}${typedVar('externalContact', 'Flow.contact')}${stringVar('Flow.readBack', 'false')}  states:
    - state:
        name: Main
        refId: S
        actions:
${lookup('findUserById', 'userId', 'Flow.userId', 'Flow.byId')}${lookup('findUser', 'email', 'Flow.email', 'Flow.byEmail')}${lookup('findQueue', 'queueName', 'Flow.queueName', 'Flow.queue')}${lookup('findQueueById', 'queueId', 'Flow.queue.id', 'Flow.queueAgain')}${lookup('findGroup', 'groupName', 'Flow.groupName', 'Flow.group')}${lookup('findGroupById', 'groupId', 'Flow.group.id', 'Flow.groupAgain')}${lookup('getExternalContact', 'externalContactId', 'Flow.contactId', 'Flow.contact', 'externalResult')}${lookup('getExternalOrganization', 'externalOrganizationId', 'Flow.organizationId', 'Flow.organization', 'externalResult')}          - setParticipantData:
              name: Note the agent
              conversationId:
                exp: Flow.conversationId
              attributes:
                - attribute:
                    name:
                      lit: agentEmail
                    value:
                      exp: Flow.byId.email
          - getParticipantData:
              name: Read it back
              conversationId:
                exp: Flow.conversationId
              attributes:
                - attribute:
                    name:
                      lit: agentEmail
                    variable: Flow.readBack
          - endWorkflow:
              name: Done
              exitReason:
                exp: Append(Flow.byId.name, "|", Flow.byEmail.name, "|", Flow.queueAgain.name, "|", Flow.groupAgain.name, "|", Flow.contact.lastName, "|", Flow.organization.name, "|", Flow.readBack)
`;

let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

const runTour = (genesys: Fetch, input: Record<string, unknown>) => runArchitectOnce(YAML, input, genesys);

describe('Architect platform actions against the emulator', () => {
  it('finds users, queues, groups and an external contact, and writes then reads participant data', async () => {
    api = startApi();
    const organization = await api.call('POST', '/api/v2/externalcontacts/organizations', { name: 'Acme' });
    const contact = await api.call('POST', '/api/v2/externalcontacts/contacts', {
      firstName: 'Cy',
      lastName: 'Doe',
      workEmail: 'cy@example.com',
      externalOrganization: { id: organization.json.id },
    });
    expect(contact.status).toBe(200);
    const call = await api.call('POST', '/_switchboard/simulator/inbound-calls', {
      ani: '+13175550100',
      queueId: DEMO.queues.support,
    });
    expect(call.status).toBe(201);
    const input = {
      userId: DEMO.users.alice,
      email: 'BOB@example.com',
      queueName: 'sales',
      groupName: 'Call Pickup',
      contactId: contact.json.id,
      organizationId: organization.json.id,
      conversationId: call.json.id,
    };
    const { done, journal } = await runTour(await clientFetch(api, PERMISSIONS), input);
    expect(done).toMatchObject({
      status: 'completed',
      exitReason: 'Alice Anders|Bob Brandt|Sales|Call Pickup|Doe|Acme|alice@example.com',
    });
    const outputs = (done?.output as { outputs: Record<string, unknown> }).outputs;
    expect(outputs['Flow.byEmail']).toMatchObject({ $type: 'User', id: DEMO.users.bob, email: 'bob@example.com' });
    expect(outputs['Flow.contact']).toMatchObject({
      $type: 'ExternalContact',
      id: contact.json.id,
      firstName: 'Cy',
      workEmail: 'cy@example.com',
      externalOrganizationId: organization.json.id,
    });
    // Every request is a journaled step.
    expect(journal.every((s) => s.kind === 'run')).toBe(true);
    expect(journal.length).toBeGreaterThanOrEqual(10);
    const conversation = await api.call('GET', `/api/v2/conversations/${call.json.id}`);
    const customer = (
      conversation.json.participants as Array<{ purpose: string; attributes?: Record<string, string> }>
    ).find((p) => p.purpose === 'customer');
    expect(customer?.attributes).toMatchObject({ agentEmail: 'alice@example.com' });
  });

  it('takes Not Found for an unknown id, and fails naming the permission a client lacks', async () => {
    api = startApi();
    const base = {
      userId: DEMO.users.alice,
      email: 'bob@example.com',
      queueName: 'Sales',
      groupName: 'Call Pickup',
      contactId: 'no-such-contact',
      conversationId: 'c',
    };
    const missing = await runTour(await clientFetch(api, PERMISSIONS), base);
    expect(missing.done).toMatchObject({ status: 'completed', exitReason: 'getExternalContact found nothing' });
    const refused = await runTour(await clientFetch(api, ['directory:user:view']), base);
    expect(refused.done?.status).toBe('failed');
    expect(refused.done?.error?.message).toContain(
      "Find Queue: GET /api/v2/routing/queues answered 403; the workflow's client needs the permission routing:queue:view",
    );
  });

  it('finds a skill and a language skill by name (any case), with the one permission they need', async () => {
    api = startApi();
    const yaml = `workflow:
  name: Skills
  startUpRef: "/workflow/states/state[S]"
  variables:
${stringVar('Flow.skillName')}${stringVar('Flow.languageName')}${typedVar('skill', 'Flow.skill')}${typedVar('languageSkill', 'Flow.language')}  states:
    - state:
        name: Main
        refId: S
        actions:
${lookup('findSkill', 'skillName', 'Flow.skillName', 'Flow.skill')}${lookup('findLanguageSkill', 'languageSkillName', 'Flow.languageName', 'Flow.language')}          - endWorkflow:
              name: Done
              exitReason:
                exp: Append(Flow.skill.id, "|", Flow.language.name)
`;
    const store = createMemoryStore();
    const clock = new VirtualClock();
    const genesys = await clientFetch(api, ['routing:skill:manage']);
    const worker = createWorker({
      store,
      workflows: [architectWorkflow(importArchyYaml(yaml), { genesys })],
      invoker: async () => ({ status: 'success', outputs: {} }),
      clock,
    });
    const found = await worker.enqueue('Skills', { skillName: 'BILLING', languageName: 'english' });
    const missing = await worker.enqueue('Skills', { skillName: 'Juggling', languageName: 'English' });
    await runUntilIdle(clock, worker);
    expect(await store.getRun(found.id)).toMatchObject({
      status: 'completed',
      exitReason: `${DEMO.skills.billing}|English`,
    });
    expect(await store.getRun(missing.id)).toMatchObject({
      status: 'completed',
      exitReason: 'findSkill found nothing',
    });
    await worker.stop();
  });
});
