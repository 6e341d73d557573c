/**
 * @module
 * Notifications API (platform spec §6.1) and the EventBridge export control route (§6.2).
 *
 * | Method | Path | Permission |
 * |---|---|---|
 * | POST | `/api/v2/notifications/channels` | — |
 * | GET | `/api/v2/notifications/channels?includechannels=token\|oauthclient` | — |
 * | HEAD (and GET) | `/api/v2/notifications/channels/{channelId}` | — |
 * | GET, POST, PUT, DELETE | `/api/v2/notifications/channels/{channelId}/subscriptions` (POST, PUT: `?ignoreErrors=true`) | — |
 * | GET | `/_switchboard/eventbridge/events?suffix=&account=&region=&topic=&since=` | control API |
 * | GET | `/_switchboard/eventbridge/destinations` | control API |
 * | GET, PUT, DELETE | `/_switchboard/eventbridge/destinations/{name}` (PUT body: `{url, topics?, headers?, suffix?, maxEventAgeSeconds?, maxRetryAttempts?}`) | control API |
 * | GET | `/_switchboard/eventbridge/destinations/{name}/dead-letters?limit=` | control API |
 *
 * A destination is an EventBridge API destination (`api-destinations.ts`): the org's events on
 * its topics are queued durably and POSTed to its URL with retries and backoff over a 24 h
 * retention window, surviving a restart of the emulator (with a state file) or of the receiver.
 *
 * Limits: 20 channels per client + user (the 21st evicts the least recently used), 1,000 permitted
 * topics per channel (400 beyond), one socket per channel, 24 h lifetime (renewed by subscribing).
 * Topic subscriptions may use the emulator-only `{id}` wildcard (see `topics.ts`).
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { ApiError, badRequest, notFound } from '../../errors.ts';
import type { EmulatorApp, EmulatorEnv, Provider } from '../../provider-contract.ts';
import { parseBody } from '../conversations/validate.ts';
import { EMULATOR_ORG_ID } from '../seed.ts';
import { apiDestinationsOf } from './api-destinations.ts';
import { DEFAULT_MAX_EVENT_AGE_SECONDS, DEFAULT_MAX_RETRY_ATTEMPTS } from './delivery-policy.ts';
import type { ApiDestinations } from './api-destinations.ts';
import { toEventBridge, validSuffix } from './eventbridge.ts';
import { TopicLimitError, notificationHub } from './hub.ts';
import type { ChannelRecord, ChannelTopic } from './hub.ts';
import { checkTopic, topicMatches } from './topics.ts';

const BASE = '/api/v2/notifications/channels';

function channelView(ch: ChannelRecord): Record<string, unknown> {
  return { connectUri: ch.connectUri, id: ch.id, expires: new Date(ch.expires).toISOString() };
}

function topicsView(topics: readonly ChannelTopic[]): Record<string, unknown> {
  return { entities: topics.map((t) => ({ ...t })) };
}

/** The websocket base of the emulator's own address, as the request reached it. */
function wsBase(c: Context<EmulatorEnv>): string {
  const url = new URL(c.req.url);
  const host = c.req.header('Host') ?? url.host;
  return `${url.protocol === 'https:' ? 'wss' : 'ws'}://${host}`;
}

function channelOf(c: Context<EmulatorEnv>): ChannelRecord {
  const id = c.req.param('channelId')!;
  const ch = notificationHub(c.get('services')).get(c.get('org').orgId, id);
  if (!ch) throw notFound('channel', id);
  return ch;
}

const ChannelTopics = z.array(z.object({ id: z.string().min(1) }).loose());

async function readTopics(c: Context<EmulatorEnv>): Promise<string[]> {
  const text = await c.req.text();
  const value: unknown = text.trim() === '' ? [] : JSON.parse(text);
  return parseBody(ChannelTopics, value).map((t) => t.id);
}

/** `?ignoreErrors=`: a boolean, false when absent. */
function ignoreErrors(c: Context<EmulatorEnv>): boolean {
  const raw = c.req.query('ignoreErrors');
  if (raw === undefined) return false;
  const value = raw.toLowerCase();
  if (value !== 'true' && value !== 'false') {
    throw badRequest(
      `ignoreErrors must be true or false; got "${raw}"`,
      [{ errorCode: 'invalid.value', fieldName: 'ignoreErrors' }],
      'invalid.value',
    );
  }
  return value === 'true';
}

function subscribe(c: Context<EmulatorEnv>, topics: string[], replace: boolean): Response {
  const ch = channelOf(c);
  const options = { ignoreErrors: ignoreErrors(c) };
  try {
    const result = notificationHub(c.get('services')).subscribe(ch, topics, replace, options);
    return c.json(topicsView(result));
  } catch (e) {
    if (e instanceof TopicLimitError) {
      throw new ApiError(400, 'bad.request', e.message, {
        limit: { namespace: 'notifications', key: 'topics.per.channel', value: e.limit },
      });
    }
    throw e;
  }
}

/** AWS API destination names: letters, digits, `.`, `-`, `_`, at most 64. */
const DESTINATION_NAME = /^[A-Za-z0-9._-]{1,64}$/;
/** A header name (RFC 9110 token) and a value without line breaks. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const DestinationBody = z.strictObject({
  url: z.string().refine((u) => {
    try {
      const p = new URL(u).protocol;
      return p === 'http:' || p === 'https:';
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL'),
  topics: z
    .array(
      z
        .string()
        .refine(
          (t) => checkTopic(t).ok,
          'must be a notification topic such as v2.detail.events.conversation.{id}.user.start',
        ),
    )
    .max(1_000)
    .default([]),
  headers: z
    .record(
      z.string().regex(HEADER_NAME, 'must be a header name'),
      z
        .string()
        .max(8_192)
        .refine((v) => !/[\r\n]/.test(v), 'must not contain line breaks'),
    )
    .refine((h) => Object.keys(h).length <= 20, 'at most 20 headers')
    .default({}),
  suffix: z.string().refine(validSuffix, 'must be 1-64 letters, digits, ".", "-" or "_"').default('switchboard'),
  maxEventAgeSeconds: z
    .number()
    .int()
    .min(60)
    .max(DEFAULT_MAX_EVENT_AGE_SECONDS)
    .default(DEFAULT_MAX_EVENT_AGE_SECONDS),
  maxRetryAttempts: z.number().int().min(0).max(DEFAULT_MAX_RETRY_ATTEMPTS).default(DEFAULT_MAX_RETRY_ATTEMPTS),
});

function destinations(c: Context<EmulatorEnv>): ApiDestinations {
  const d = apiDestinationsOf(c.get('services'));
  if (!d)
    throw new ApiError(
      501,
      'not.implemented',
      'this emulator has no EventBridge API destinations (it was created without a state file)',
    );
  return d;
}

function destinationName(c: Context<EmulatorEnv>): string {
  const name = c.req.param('name') ?? '';
  if (!DESTINATION_NAME.test(name)) {
    throw badRequest(
      `a destination name must be 1-64 letters, digits, ".", "-" or "_"; got "${name.slice(0, 100)}"`,
      [{ errorCode: 'invalid.value', fieldName: 'name' }],
      'invalid.value',
    );
  }
  return name;
}

function registerDestinations(app: EmulatorApp): void {
  const base = '/_switchboard/eventbridge/destinations';
  const orgOf = (c: Context<EmulatorEnv>): string => c.req.query('orgId') ?? EMULATOR_ORG_ID;
  app.get(base, (c) => c.json({ entities: destinations(c).list(orgOf(c)) }));
  app.get(`${base}/:name`, (c) => {
    const name = destinationName(c);
    const view = destinations(c).view(orgOf(c), name);
    if (!view) throw notFound('EventBridge destination', name);
    return c.json(view);
  });
  app.put(`${base}/:name`, async (c) => {
    const name = destinationName(c);
    const text = await c.req.text();
    let value: unknown;
    try {
      value = text.trim() === '' ? {} : JSON.parse(text);
    } catch (e) {
      throw badRequest(`The request body is not valid JSON: ${(e as Error).message}`, [{ errorCode: 'invalid.json' }]);
    }
    const body = parseBody(DestinationBody, value);
    const d = destinations(c);
    const existed = d.view(orgOf(c), name) !== undefined;
    return c.json(d.save(orgOf(c), { name, ...body }), existed ? 200 : 201);
  });
  app.delete(`${base}/:name`, (c) => {
    const name = destinationName(c);
    if (!destinations(c).remove(orgOf(c), name)) throw notFound('EventBridge destination', name);
    return c.body(null, 204);
  });
  app.get(`${base}/:name/dead-letters`, (c) => {
    const name = destinationName(c);
    const raw = c.req.query('limit') ?? '100';
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 1_000) {
      throw badRequest(
        `limit must be an integer from 1 to 1000; got "${raw.slice(0, 50)}"`,
        [{ errorCode: 'invalid.value', fieldName: 'limit' }],
        'invalid.value',
      );
    }
    const d = destinations(c);
    if (!d.view(orgOf(c), name)) throw notFound('EventBridge destination', name);
    const entities = d.deadLetters(orgOf(c), name, Number(raw)).map((l) => ({
      eventId: l.eventId,
      attempts: l.attempts,
      firstAt: new Date(l.firstAt).toISOString(),
      failedAt: new Date(l.failedAt).toISOString(),
      error: l.error,
      event: JSON.parse(l.envelope) as unknown,
    }));
    return c.json({ entities });
  });
}

function register(app: EmulatorApp): void {
  registerDestinations(app);
  app.post(BASE, (c) => {
    const ch = notificationHub(c.get('services')).create(c.get('principal'), wsBase(c));
    return c.json(channelView(ch));
  });

  app.get(BASE, (c) => {
    const scope = (c.req.query('includechannels') ?? 'token').toLowerCase();
    if (scope !== 'token' && scope !== 'oauthclient') {
      throw badRequest(
        `includechannels must be token or oauthclient; got "${scope}"`,
        [{ errorCode: 'invalid.value', fieldName: 'includechannels' }],
        'invalid.value',
      );
    }
    const list = notificationHub(c.get('services')).list(c.get('principal'), scope);
    return c.json({ entities: list.map(channelView) });
  });

  // Hono serves HEAD through the GET route (without the body): HEAD answers 200 or 404 (§6.1).
  // A GET of the channel is an emulator convenience.
  app.get(`${BASE}/:channelId`, (c) => {
    const ch = notificationHub(c.get('services')).get(c.get('org').orgId, c.req.param('channelId'));
    if (c.req.method === 'HEAD') return c.body(null, ch ? 200 : 404);
    if (!ch) throw notFound('channel', c.req.param('channelId'));
    return c.json(channelView(ch));
  });

  app.get(`${BASE}/:channelId/subscriptions`, (c) => c.json(topicsView(channelOf(c).topics)));
  app.post(`${BASE}/:channelId/subscriptions`, async (c) => subscribe(c, await readTopics(c), false));
  app.put(`${BASE}/:channelId/subscriptions`, async (c) => subscribe(c, await readTopics(c), true));
  app.delete(`${BASE}/:channelId/subscriptions`, (c) => {
    notificationHub(c.get('services')).unsubscribeAll(channelOf(c));
    return c.body(null, 204);
  });

  app.get('/_switchboard/eventbridge/events', (c) => {
    const services = c.get('services');
    const orgId = c.req.query('orgId') ?? EMULATOR_ORG_ID;
    const suffix = c.req.query('suffix') ?? 'switchboard';
    if (!validSuffix(suffix)) {
      throw badRequest(
        `suffix must be 1-64 letters, digits, ".", "-" or "_"; got "${suffix}"`,
        [{ errorCode: 'invalid.value', fieldName: 'suffix' }],
        'invalid.value',
      );
    }
    const sinceRaw = c.req.query('since');
    const since = sinceRaw === undefined ? undefined : /^\d+$/.test(sinceRaw) ? Number(sinceRaw) : Date.parse(sinceRaw);
    if (since !== undefined && Number.isNaN(since)) {
      throw badRequest(
        `since must be epoch milliseconds or an ISO-8601 time; got "${sinceRaw}"`,
        [{ errorCode: 'invalid.value', fieldName: 'since' }],
        'invalid.value',
      );
    }
    const topic = c.req.query('topic');
    const hub = notificationHub(services);
    hub.track(orgId);
    const account = c.req.query('account');
    const region = c.req.query('region');
    const settings = {
      orgId,
      suffix,
      ...(account === undefined ? {} : { account }),
      ...(region === undefined ? {} : { region }),
    };
    const entries = hub
      .eventLog(orgId)
      .filter(
        (l) =>
          (since === undefined || l.at >= since) && (topic === undefined || topicMatches(topic, l.event.topicName)),
      )
      .map((l) => toEventBridge(l.event, settings, { id: l.event.metadata.CorrelationId, at: l.at }));
    return c.json({ entries });
  });
}

/** The Notifications API provider (channels, subscriptions) plus the EventBridge export. */
export const notificationsProvider: Provider = { name: 'notifications', register };
