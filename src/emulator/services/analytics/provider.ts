/**
 * @module
 * Analytics conversation details (platform spec §4.4), derived live from the call simulator's
 * conversations — available as soon as the conversation exists.
 *
 * | Method | Path | Permission (ANY) |
 * |---|---|---|
 * | GET | `/api/v2/analytics/conversations/{conversationId}/details` | `analytics:conversationDetail:view`, `analytics:agentConversationDetail:view` |
 * | GET | `/api/v2/analytics/conversations/details?id=a,b` | same |
 * | POST | `/api/v2/analytics/conversations/details/query` | same (see `query.ts`) |
 */
import { badRequest, notFound } from '../../errors.ts';
import type { EmulatorApp, Provider } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import type { SimConversation } from '../../simulator/index.ts';
import { simOf } from '../conversations/shared.ts';
import { analyticsConversation } from './details.ts';
import { registerAggregates } from './aggregates.ts';
import { registerObservations } from './observations.ts';
import { registerDetailsQuery } from './query.ts';

const VIEW = ['analytics:conversationDetail:view', 'analytics:agentConversationDetail:view'];

function register(app: EmulatorApp): void {
  registerDetailsQuery(app, VIEW);
  registerObservations(app);
  registerAggregates(app);
  app.get('/api/v2/analytics/conversations/details', requirePermission(...VIEW), (c) => {
    const ids = (c.req.queries('id') ?? [])
      .flatMap((v) => v.split(','))
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (ids.length === 0)
      throw badRequest('id is required: one or more conversation ids, comma separated', [
        { errorCode: 'missing.value', fieldName: 'id' },
      ]);
    if (ids.length > 100)
      throw badRequest(
        `id takes at most 100 conversation ids; got ${ids.length}`,
        [{ errorCode: 'invalid.value', fieldName: 'id' }],
        'invalid.value',
      );
    const simulator = simOf(c);
    const conversations = ids.map((id) => simulator.get(id)).filter((x): x is SimConversation => x !== undefined);
    return c.json({ conversations: conversations.map(analyticsConversation) });
  });

  app.get('/api/v2/analytics/conversations/:conversationId/details', requirePermission(...VIEW), (c) => {
    const id = c.req.param('conversationId');
    const conv = simOf(c).get(id);
    if (!conv) throw notFound('conversation', id);
    return c.json(analyticsConversation(conv));
  });
}

/** The analytics conversation-details provider. */
export const analyticsProvider: Provider = { name: 'analytics', register };
