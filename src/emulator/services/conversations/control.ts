/**
 * @module
 * The simulator's control API under `/_switchboard/simulator/` (no token, like the rest of the
 * control API; it acts on the emulator's org, or `?orgId=`). Bodies are validated; errors are
 * Genesys `ErrorBody`s. Conversations are returned in the simulator's own model (epoch-ms times,
 * segment history).
 *
 * | Method | Path | Body |
 * |---|---|---|
 * | GET | `/_switchboard/simulator/test-numbers` | — |
 * | GET, PATCH | `/_switchboard/simulator/timing` | `{dialingMs?, ringTimeoutMs?, answerAfterMs?, talkMs?, wrapupTimeoutMs?}` |
 * | GET | `/_switchboard/simulator/conversations[/{id}]` | — |
 * | POST | `/_switchboard/simulator/calls` | `{fromUserId, to: {phoneNumber}\|{userId}\|{groupId}\|{queueId}, queueId?, callerId?}` |
 * | POST | `/_switchboard/simulator/inbound-calls` | `{ani, queueId, dnis?, priority?, customerName?}` |
 * | POST | `/_switchboard/simulator/callbacks` | `{queueId, callbackNumbers, callbackUserName?, callbackScheduledTime?, priority?}` |
 * | POST | `/_switchboard/simulator/conversations/{id}/answer` | `{participantId?}` |
 * | POST | `…/{id}/busy`, `…/no-answer`, `…/fail`, `…/cancel-callback`, `…/disconnect` | — |
 * | POST | `…/{id}/hold`, `…/resume` | `{participantId?}` |
 * | POST | `…/{id}/hang-up` | `{side: caller\|callee\|agent\|customer}` or `{participantId}` |
 * | POST | `…/{id}/route` (offer to an agent), `…/connect-callback` | `{userId}` |
 * | POST | `…/{id}/route-next` (offer to the queue's member idle longest: routing status IDLE, on no other conversation) | — |
 * | POST | `…/{id}/wrap-up` | `{participantId, code, notes?}` |
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { notFound } from '../../errors.ts';
import type { EmulatorApp, EmulatorEnv, Provider } from '../../provider-contract.ts';
import { testNumbers } from '../../simulator/index.ts';
import type { SimConversation, Simulator } from '../../simulator/index.ts';
import { EMULATOR_ORG_ID } from '../seed.ts';
import { sim, simulatorFor } from './simulators.ts';
import { parseBody } from './validate.ts';

const P = '/_switchboard/simulator';
const id = z.string().min(1);
const ms = z
  .number()
  .int()
  .min(0)
  .max(7 * 24 * 3_600_000);

const Target = z.union(
  [
    z.object({ phoneNumber: id }).strict(),
    z.object({ userId: id }).strict(),
    z.object({ groupId: id }).strict(),
    z.object({ queueId: id }).strict(),
  ],
  { error: 'to must be exactly one of {phoneNumber}, {userId}, {groupId}, {queueId}' },
);

const Schemas = {
  timing: z
    .object({ dialingMs: ms, ringTimeoutMs: ms, answerAfterMs: ms, talkMs: ms, wrapupTimeoutMs: ms })
    .partial()
    .strict(),
  call: z.object({ fromUserId: id, to: Target, queueId: id.optional(), callerId: id.optional() }).strict(),
  inbound: z
    .object({
      ani: id,
      queueId: id,
      dnis: id.optional(),
      priority: z.number().int().optional(),
      customerName: z.string().optional(),
    })
    .strict(),
  callback: z
    .object({
      queueId: id,
      callbackNumbers: z.array(id),
      callbackUserName: z.string().optional(),
      callbackScheduledTime: z.number().int().optional(),
      priority: z.number().int().optional(),
    })
    .strict(),
  participant: z.object({ participantId: id.optional() }).strict(),
  hangUp: z.union(
    [
      z.object({ side: z.enum(['caller', 'callee', 'agent', 'customer']) }).strict(),
      z.object({ participantId: id }).strict(),
    ],
    { error: 'hang-up needs {side: caller|callee|agent|customer} or {participantId}' },
  ),
  user: z.object({ userId: id }).strict(),
  wrapUp: z.object({ participantId: id, code: id, notes: z.string().optional() }).strict(),
};

function simulatorOf(c: Context<EmulatorEnv>): Simulator {
  return simulatorFor(c.get('services'), c.req.query('orgId') ?? EMULATOR_ORG_ID);
}

async function body<T>(c: Context<EmulatorEnv>, schema: z.ZodType<T>): Promise<T> {
  const text = await c.req.text();
  return parseBody(schema, text.trim() === '' ? {} : JSON.parse(text));
}

function existing(c: Context<EmulatorEnv>): { simulator: Simulator; conv: SimConversation } {
  const simulator = simulatorOf(c);
  const cid = c.req.param('id')!;
  const conv = simulator.get(cid);
  if (!conv) throw notFound('conversation', cid);
  return { simulator, conv };
}

/** A command on one conversation: parse the body, run, answer with the conversation. */
function command<T>(
  app: EmulatorApp,
  verb: string,
  schema: z.ZodType<T> | undefined,
  run: (s: Simulator, convId: string, b: T) => unknown,
): void {
  app.post(`${P}/conversations/:id/${verb}`, async (c) => {
    const { simulator, conv } = existing(c);
    const b = schema ? await body(c, schema) : (undefined as T);
    sim(() => run(simulator, conv.id, b));
    return c.json(simulator.get(conv.id) ?? conv);
  });
}

function register(app: EmulatorApp): void {
  app.get(`${P}/test-numbers`, (c) => c.json({ entities: testNumbers() }));
  app.get(`${P}/timing`, (c) => c.json(simulatorOf(c).timing));
  app.patch(`${P}/timing`, async (c) => {
    const s = simulatorOf(c);
    Object.assign(s.timing, await body(c, Schemas.timing));
    return c.json(s.timing);
  });
  app.get(`${P}/conversations`, (c) => c.json({ entities: simulatorOf(c).list() }));
  app.get(`${P}/conversations/:id`, (c) => c.json(existing(c).conv));

  app.post(`${P}/calls`, async (c) => {
    const b = await body(c, Schemas.call);
    const s = simulatorOf(c);
    const conv = sim(() =>
      s.placeCall({
        fromUserId: b.fromUserId,
        to: b.to,
        ...(b.queueId === undefined ? {} : { queueId: b.queueId }),
        ...(b.callerId === undefined ? {} : { callerId: b.callerId }),
      }),
    );
    return c.json(conv, 201);
  });
  app.post(`${P}/inbound-calls`, async (c) => {
    const b = await body(c, Schemas.inbound);
    const s = simulatorOf(c);
    return c.json(
      sim(() => s.inboundAcdCall(b)),
      201,
    );
  });
  app.post(`${P}/callbacks`, async (c) => {
    const b = await body(c, Schemas.callback);
    const s = simulatorOf(c);
    return c.json(
      sim(() => s.createCallback(b)),
      201,
    );
  });

  command(app, 'answer', Schemas.participant, (s, cid, b) => s.answer(cid, b.participantId));
  command(app, 'busy', undefined, (s, cid) => s.busy(cid));
  command(app, 'no-answer', undefined, (s, cid) => s.noAnswer(cid));
  command(app, 'fail', undefined, (s, cid) => s.fail(cid));
  command(app, 'hold', Schemas.participant, (s, cid, b) => s.hold(cid, b.participantId));
  command(app, 'resume', Schemas.participant, (s, cid, b) => s.resume(cid, b.participantId));
  command(app, 'hang-up', Schemas.hangUp, (s, cid, b) =>
    s.hangUp(cid, 'side' in b ? b.side : { participantId: b.participantId }),
  );
  command(app, 'route', Schemas.user, (s, cid, b) => s.routeToAgent(cid, b.userId));
  command(app, 'route-next', undefined, (s, cid) => s.routeToNextAgent(cid));
  command(app, 'connect-callback', Schemas.user, (s, cid, b) => s.connectCallback(cid, b.userId));
  command(app, 'cancel-callback', undefined, (s, cid) => s.cancelCallback(cid));
  command(app, 'wrap-up', Schemas.wrapUp, (s, cid, b) =>
    s.wrapUp(cid, b.participantId, { code: b.code, ...(b.notes === undefined ? {} : { notes: b.notes }) }),
  );
  command(app, 'disconnect', undefined, (s, cid) => s.disconnectAll(cid, 'SYSTEM', true));
}

/** The simulator's control routes. */
export const simulatorControlProvider: Provider = { name: 'simulator-control', register };
