/**
 * @module
 * Agentless outbound messages and emails (sent by an OAuth client, no agent): recorded in the org
 * and answered with Genesys's response models.
 *
 * | Method | Path | Permission (ANY) |
 * |---|---|---|
 * | POST | `/api/v2/conversations/messages/agentless` | `conversation:message:create` `[INFERRED]` |
 * | POST | `/api/v2/conversations/emails/agentless` | `conversation:email:create` `[INFERRED]` |
 * | GET | `/_switchboard/agentless` | (control API: what was sent) |
 *
 * Genesys sends agentless messages with a client-credentials token only; a user token is refused
 * (the SDK documents "using a client credential grant"). An SMS goes from and to E.164 numbers.
 */
import { z } from 'zod';
import { badRequest } from '../../errors.ts';
import { readJsonObject } from '../../http.ts';
import type { EmulatorApp, Provider } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { EMULATOR_ORG_ID } from '../seed.ts';
import { AGENTLESS_KEEP, agentlessStore } from './store.ts';
import type { AgentlessEmailRecord, AgentlessMessageRecord } from './store.ts';

const MESSENGER_TYPES = ['sms', 'facebook', 'twitter', 'line', 'whatsapp', 'open', 'instagram', 'apple'] as const;
const E164 = /^\+[1-9]\d{6,14}$/;

const MessageBody = z
  .object({
    fromAddress: z.string().min(1),
    toAddress: z.string().min(1).optional(),
    externalContactId: z.string().optional(),
    toAddressMessengerType: z.enum(MESSENGER_TYPES),
    textBody: z.string().max(10_000).optional(),
    messagingTemplate: z.object({ responseId: z.string() }).loose().optional(),
    useExistingActiveConversation: z.boolean().optional(),
  })
  .loose();

const Address = z.object({ email: z.email().optional(), name: z.string().optional() }).loose();
const EmailBody = z
  .object({
    senderType: z.enum(['Outbound', 'System', 'User']),
    conversationId: z.string().optional(),
    fromAddress: Address,
    toAddresses: z.array(Address).min(1).max(100),
    replyToAddress: Address.optional(),
    subject: z.string().max(1_000).optional(),
    textBody: z.string().optional(),
    htmlBody: z.string().optional(),
  })
  .loose();

function invalid(what: string, issues: readonly z.core.$ZodIssue[]): never {
  const first = issues[0]!;
  const field = first.path.join('.') || what;
  throw badRequest(
    `The agentless ${what} is invalid: ${issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')}`,
    [{ errorCode: 'invalid.value', fieldName: field }],
  );
}

function keep<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > AGENTLESS_KEEP) list.splice(0, list.length - AGENTLESS_KEEP);
}

function register(app: EmulatorApp): void {
  app.post('/api/v2/conversations/messages/agentless', requirePermission('conversation:message:create'), async (c) => {
    const principal = c.get('principal');
    if (principal.userId !== undefined)
      throw badRequest('Agentless messages are sent with a client-credentials token; this token acts as a user', [
        { errorCode: 'invalid.value', fieldName: 'Authorization' },
      ]);
    const parsed = MessageBody.safeParse(await readJsonObject(c));
    if (!parsed.success) invalid('message', parsed.error.issues);
    const body = parsed.data;
    if (body.toAddress === undefined && body.externalContactId === undefined)
      throw badRequest('toAddress or externalContactId is required', [
        { errorCode: 'missing.value', fieldName: 'toAddress' },
      ]);
    if (body.textBody === undefined && body.messagingTemplate === undefined)
      throw badRequest('textBody or messagingTemplate is required', [
        { errorCode: 'missing.value', fieldName: 'textBody' },
      ]);
    if (body.toAddressMessengerType === 'sms') {
      if (!E164.test(body.fromAddress))
        throw badRequest(`fromAddress ${JSON.stringify(body.fromAddress)} is not an E.164 SMS number`, [
          { errorCode: 'invalid.value', fieldName: 'fromAddress' },
        ]);
      if (body.toAddress !== undefined && !E164.test(body.toAddress))
        throw badRequest(`toAddress ${JSON.stringify(body.toAddress)} is not an E.164 phone number`, [
          { errorCode: 'invalid.value', fieldName: 'toAddress' },
        ]);
    }
    const services = c.get('services');
    const org = c.get('org');
    const store = org.get(agentlessStore);
    const timestamp = new Date(services.clock.now()).toISOString();
    // Genesys re-uses an ongoing conversation between the same addresses when asked to.
    const existing = body.useExistingActiveConversation
      ? store.messages.findLast(
          (m) => m.fromAddress === body.fromAddress && m.toAddress === (body.toAddress ?? body.externalContactId),
        )
      : undefined;
    const record: AgentlessMessageRecord = {
      id: services.ids.uuid(),
      conversationId: existing?.conversationId ?? services.ids.uuid(),
      fromAddress: body.fromAddress,
      toAddress: body.toAddress ?? body.externalContactId!,
      messengerType: body.toAddressMessengerType,
      ...(body.textBody === undefined ? {} : { textBody: body.textBody }),
      ...(body.messagingTemplate === undefined ? {} : { template: body.messagingTemplate }),
      useExistingActiveConversation: body.useExistingActiveConversation ?? false,
      timestamp,
      clientId: principal.clientId,
    };
    keep(store.messages, record);
    org.touch(agentlessStore);
    return c.json({
      id: record.id,
      conversationId: record.conversationId,
      fromAddress: record.fromAddress,
      toAddress: record.toAddress,
      messengerType: record.messengerType,
      useExistingActiveConversation: record.useExistingActiveConversation,
      message: {
        id: record.id,
        timestamp,
        fromAddress: record.fromAddress,
        toAddress: record.toAddress,
        direction: 'outbound',
        messengerType: record.messengerType,
        status: 'queued',
        conversationId: record.conversationId,
        selfUri: `/api/v2/conversations/messages/${record.conversationId}/messages/${record.id}`,
      },
      timestamp,
      selfUri: `/api/v2/conversations/messages/${record.conversationId}`,
    });
  });

  app.post('/api/v2/conversations/emails/agentless', requirePermission('conversation:email:create'), async (c) => {
    const parsed = EmailBody.safeParse(await readJsonObject(c));
    if (!parsed.success) invalid('email', parsed.error.issues);
    const body = parsed.data;
    if (body.textBody === undefined && body.htmlBody === undefined)
      throw badRequest('textBody or htmlBody is required', [{ errorCode: 'missing.value', fieldName: 'textBody' }]);
    const services = c.get('services');
    const org = c.get('org');
    const record: AgentlessEmailRecord = {
      id: services.ids.uuid(),
      conversationId: body.conversationId ?? services.ids.uuid(),
      senderType: body.senderType,
      fromAddress: body.fromAddress,
      toAddresses: body.toAddresses,
      ...(body.replyToAddress === undefined ? {} : { replyToAddress: body.replyToAddress }),
      ...(body.subject === undefined ? {} : { subject: body.subject }),
      ...(body.textBody === undefined ? {} : { textBody: body.textBody }),
      ...(body.htmlBody === undefined ? {} : { htmlBody: body.htmlBody }),
      dateCreated: new Date(services.clock.now()).toISOString(),
    };
    keep(org.get(agentlessStore).emails, record);
    org.touch(agentlessStore);
    const { textBody: _t, htmlBody: _h, ...view } = record;
    return c.json({ ...view, selfUri: `/api/v2/conversations/emails/${record.conversationId}` });
  });

  app.get('/_switchboard/agentless', (c) => {
    const store = c
      .get('services')
      .org(c.req.query('orgId') ?? EMULATOR_ORG_ID)
      .get(agentlessStore);
    return c.json({ messages: store.messages, emails: store.emails });
  });
}

/** The agentless messaging provider. */
export const agentlessProvider: Provider = { name: 'agentless', register };
