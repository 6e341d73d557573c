import { describe, expect, it } from 'vitest';
import { routePermissions } from './permissions.ts';

describe('routePermissions', () => {
  it('reads the hand-kept table first', () => {
    expect(routePermissions('PUT', '/api/v2/conversations/${input.conversationId}/tags')).toEqual({
      anyOf: ['conversation:externalTag:edit'],
      all: false,
    });
  });

  it('falls back to the permissions the emulator checks for the routes it models', () => {
    expect(routePermissions('POST', '/api/v2/conversations/messages/agentless')).toEqual({
      anyOf: ['conversation:message:create'],
      all: false,
    });
    expect(routePermissions('POST', '/api/v2/analytics/queues/observations/query')).toEqual({
      anyOf: ['analytics:queueObservation:view'],
      all: false,
    });
    expect(routePermissions('GET', '/api/v2/conversations/$input.conversationId/summaries')).toEqual({
      anyOf: ['conversation:summary:view'],
      all: false,
    });
  });

  it('prefers a literal path over a templated one', () => {
    expect(routePermissions('GET', '/api/v2/routing/queues/${input.queueId}/estimatedwaittime')?.anyOf).toEqual([
      'routing:queue:view',
    ]);
  });

  it('knows nothing of a route neither table lists', () => {
    expect(routePermissions('POST', '/api/v2/externalcontacts/relationships')).toBeUndefined();
    // One the emulator now models, with the permission it asks.
    expect(routePermissions('POST', '/api/v2/externalcontacts/merge/contacts')?.anyOf).toEqual([
      'externalContacts:contact:edit',
    ]);
  });
});
