// The conversation page's pure logic: which runs the events started, and which of their requests
// were about the conversation.
import { describe, expect, it } from 'vitest';
import type { EventView, RunDetail, StepView } from './types.ts';
import { apiCallsOf, runIdsOf } from './views/conversation.tsx';
import { conversationOfInput } from './views/run-detail.tsx';

const decision = (triggerId: string, runId?: string) => ({
  triggerId,
  name: triggerId,
  matches: true,
  decision: { action: 'start' as const, at: 0 },
  ...(runId ? { runId } : {}),
});
const event = (seq: number, decisions: EventView['decisions']): EventView => ({
  seq,
  id: `e${seq}`,
  topic: 't',
  body: {},
  receivedAt: seq,
  source: 'bus',
  listened: true,
  decisions,
});

const action = (
  seq: number,
  name: string,
  method: string,
  url: string,
  status: number,
  startedAt: number,
  body?: string,
): StepView =>
  ({
    stepId: `s${seq}`,
    seq,
    kind: 'action',
    name,
    status: 'ok',
    startedAt,
    completedAt: startedAt + 1,
    durationMs: 1,
    path: 'success',
    trace: {
      request: { method, url, headers: {}, ...(body ? { body } : {}) },
      response: { status, headers: {}, body: '', durationMs: 1 },
    },
  }) as unknown as StepView;

const run = (id: string, flow: string, steps: StepView[]): RunDetail =>
  ({ id, flow, steps, status: 'completed', input: {} }) as unknown as RunDetail;

describe('conversation page', () => {
  it('lists each run the events started once, in event order', () => {
    expect(
      runIdsOf([event(1, [decision('a', 'r1'), decision('b')]), event(2, [decision('a', 'r1'), decision('c', 'r2')])]),
    ).toEqual(['r1', 'r2']);
  });

  it('keeps the requests that name the conversation in the URL or body, oldest first, across runs', () => {
    const calls = apiCallsOf(
      [
        run('r2', 'presence', [
          action(0, 'Set Tag', 'PUT', 'https://api.example/api/v2/conversations/c1/tags', 202, 30),
        ]),
        run('r1', 'no-queue', [
          action(0, 'Get User', 'GET', '/api/v2/users/u1', 200, 5),
          action(1, 'Disconnect', 'POST', '/api/v2/conversations/c1/disconnect', 202, 10),
          action(2, 'Tag', 'PUT', '/api/v2/conversations/c2/tags', 202, 12),
          action(3, 'Callback', 'POST', '/api/v2/conversations/callbacks', 200, 20, '{"conversationId":"c1"}'),
        ]),
      ],
      'c1',
    );
    expect(calls.map((c) => [c.at, c.method, c.action, c.runId, c.status])).toEqual([
      [10, 'POST', 'Disconnect', 'r1', 202],
      [20, 'POST', 'Callback', 'r1', 200],
      [30, 'PUT', 'Set Tag', 'r2', 202],
    ]);
  });

  it("finds a run's conversation in the inputs triggers give", () => {
    expect(conversationOfInput({ conversationId: 'c1' })).toBe('c1');
    expect(conversationOfInput({ 'Flow.conversationId': 'c2' })).toBe('c2');
    expect(conversationOfInput({ other: 1 })).toBeUndefined();
    expect(conversationOfInput('c1')).toBeUndefined();
  });
});
