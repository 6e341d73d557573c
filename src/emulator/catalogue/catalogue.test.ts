import { describe, expect, it } from 'vitest';
import { catalogueIndex, parseCatalogue, platformCatalogue, templateKey } from './catalogue.ts';
import { CATALOGUE_SDK_VERSION } from './catalogue-data.ts';
import { coverage } from './coverage.ts';
import { OperationIndex } from './operation-index.ts';

describe('Platform API catalogue', () => {
  const rows = platformCatalogue();

  it('holds every operation of the SDK it was generated from', () => {
    expect(CATALOGUE_SDK_VERSION).toBe('262.0.0');
    expect(rows).toHaveLength(3315);
    expect(new Set(rows.flatMap((r) => r.sdkClasses)).size).toBe(87);
    expect(new Set(rows.map((r) => `${r.method} ${r.path}`)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.operationId)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.path).toMatch(/^\/api\/v2\//);
      expect(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).toContain(r.method);
    }
  });

  it('knows getUser and postConversationsMessagesAgentless with their models', () => {
    expect(rows.find((r) => r.operationId === 'getUser')).toEqual({
      method: 'GET',
      path: '/api/v2/users/{userId}',
      operationId: 'getUser',
      sdkClasses: ['UsersApi'],
      requestModel: '',
      responseModel: 'User',
    });
    expect(rows.find((r) => r.operationId === 'postConversationsMessagesAgentless')).toEqual({
      method: 'POST',
      path: '/api/v2/conversations/messages/agentless',
      operationId: 'postConversationsMessagesAgentless',
      sdkClasses: ['ConversationsApi'],
      requestModel: 'SendAgentlessOutboundMessageRequest',
      responseModel: 'SendAgentlessOutboundMessageResponse',
    });
  });

  it('merges an operation the SDK repeats in several classes', () => {
    expect(rows.find((r) => r.operationId === 'postAnalyticsConversationsDetailsQuery')?.sdkClasses).toEqual([
      'AnalyticsApi',
      'ConversationsApi',
    ]);
  });

  it('refuses a malformed line', () => {
    expect(() => parseCatalogue('GET /users getUser')).toThrow(/malformed catalogue line/);
  });

  it('erases parameter names in template keys', () => {
    expect(templateKey('/api/v2/users/{userId}/')).toBe('/api/v2/users/{}');
  });
});

describe('OperationIndex', () => {
  const index = catalogueIndex();

  it('finds an operation by a concrete path', () => {
    expect(index.match('GET', '/api/v2/users/42').operation?.operationId).toBe('getUser');
    expect(index.match('GET', '/api/v2/users/42/').operation?.operationId).toBe('getUser');
    expect(index.match('GET', '/api/v2/routing/queues/q1/members').operation?.operationId).toBe(
      'getRoutingQueueMembers',
    );
  });

  it('prefers literal segments over parameters', () => {
    expect(index.match('GET', '/api/v2/users/me').operation?.operationId).toBe('getUsersMe');
    // /users/me has no DELETE of its own: the parameter template answers.
    expect(index.match('DELETE', '/api/v2/users/me').operation?.operationId).toBe('deleteUser');
  });

  it('lists the methods of a known path, and none for an unknown one', () => {
    expect(index.match('PUT', '/api/v2/users/42')).toEqual({
      operation: undefined,
      methods: ['DELETE', 'GET', 'PATCH'],
    });
    expect(index.match('GET', '/api/v2/no/such/thing')).toEqual({ operation: undefined, methods: [] });
  });

  it('matches segments that mix text and a parameter', () => {
    const i = new OperationIndex([
      { method: 'GET', path: '/a/{name}.json' },
      { method: 'GET', path: '/a/{id}' },
    ]);
    expect(i.match('GET', '/a/x.json').operation?.path).toBe('/a/{name}.json');
    expect(i.match('GET', '/a/x').operation?.path).toBe('/a/{id}');
  });

  it('looks up far faster than a scan of every template', () => {
    const start = performance.now();
    for (let i = 0; i < 10_000; i++)
      index.match('PATCH', `/api/v2/conversations/calls/c${i}/participants/p${i}/attributes`);
    // 10,000 lookups: well under a millisecond each.
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});

describe('coverage', () => {
  it('counts the catalogue operations the routes serve, per class, whatever their parameter names', () => {
    const rows = platformCatalogue();
    const cov = coverage(rows, [
      { method: 'GET', path: '/api/v2/users/{id}' },
      { method: 'GET', path: '/api/v2/notifications/channels/{channelId}' },
      { method: 'GET', path: '/api/v2/not/an/operation' },
    ]);
    expect(cov.modeled.map((r) => r.operationId)).toEqual(['headNotificationsChannel', 'getUser']);
    expect(cov.classes.find((c) => c.sdkClass === 'UsersApi')).toMatchObject({ modeled: 1 });
    expect(cov.extra).toEqual([
      { method: 'GET', path: '/api/v2/notifications/channels/{channelId}' },
      { method: 'GET', path: '/api/v2/not/an/operation' },
    ]);
  });
});
