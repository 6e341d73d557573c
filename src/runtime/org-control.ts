/**
 * @module
 * A small driver of an emulator's org for scenarios and the demo: the simulator's control API
 * (`/_switchboard/simulator/…`) and reads of the org's own state (analytics details, presence,
 * routing priority) as an admin. Works in process (`emulator.fetch`) or over HTTP.
 */
import { SwitchboardError } from '../core/index.ts';
import type { Fetch } from '../core/index.ts';
import type { Emulator } from '../emulator/index.ts';
import { RuntimeErrors } from './errors.ts';

/** A JSON answer. */
export interface Answer {
  readonly status: number;
  // Emulator bodies are Genesys JSON, read field by field by the callers.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** Drives and reads one emulator org. */
export interface OrgControl {
  /** A simulator command; throws on a non-2xx answer. */
  sim(path: string, body?: unknown): Promise<Answer['body']>;
  api(method: string, path: string, body?: unknown): Promise<Answer>;
  /** The system presence of a user (`Available`, `Busy`, `On Queue`…). */
  presence(userId: string): Promise<string>;
  setPresence(userId: string, definitionId: string): Promise<void>;
  /** Analytics conversation details, or undefined when the conversation is unknown. */
  details(conversationId: string): Promise<Answer['body'] | undefined>;
  /** The routing priority of a callback's acd participant. */
  callbackPriority(conversationId: string): Promise<number | undefined>;
}

/**
 * Control of an embedded emulator (in process).
 * @example
 * const org = orgControl(emulator);
 * const conv = await org.sim('/calls', { fromUserId: DEMO.users.bob, to: { phoneNumber: '+13175550100' } });
 */
export function orgControl(emulator: Emulator): OrgControl {
  return orgControlOver(emulator.fetch, 'http://emulator.local', () => emulator.adminToken());
}

/**
 * Control of an emulator reached through `fetch` at `baseUrl`, with an admin token.
 * @example
 * const org = orgControlOver(globalThis.fetch, 'http://127.0.0.1:8080', () => token);
 */
function orgControlOver(fetch: Fetch, baseUrl: string, token: () => string): OrgControl {
  const api = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token()}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed };
  };
  return {
    api,
    async sim(path, body = {}) {
      const r = await api('POST', `/_switchboard/simulator${path}`, body);
      if (r.status >= 300)
        throw new SwitchboardError(
          RuntimeErrors.SB_RUNTIME_ORG_CONTROL,
          `a simulator request must succeed; ${path} answered ${r.status}: ${JSON.stringify(r.body)?.slice(0, 300)}`,
          { details: { path, status: r.status } },
        );
      return r.body;
    },
    async presence(userId) {
      const r = await api('GET', `/api/v2/users/${userId}/presences/purecloud`);
      return String(r.body?.presenceDefinition?.systemPresence ?? 'unknown');
    },
    async setPresence(userId, definitionId) {
      const r = await api('PATCH', `/api/v2/users/${userId}/presences/purecloud`, {
        presenceDefinition: { id: definitionId },
      });
      if (r.status !== 200)
        throw new SwitchboardError(
          RuntimeErrors.SB_RUNTIME_ORG_CONTROL,
          `setting a presence must succeed; for ${userId} it answered ${r.status}`,
          { details: { userId, status: r.status } },
        );
    },
    async details(id) {
      const r = await api('GET', `/api/v2/analytics/conversations/${id}/details`);
      return r.status === 200 ? r.body : undefined;
    },
    async callbackPriority(id) {
      const r = await api('GET', `/api/v2/conversations/callbacks/${id}`);
      if (r.status !== 200) return undefined;
      const acd = (
        r.body?.participants as { purpose?: string; conversationRoutingData?: { priority?: number } }[] | undefined
      )?.find((p) => p.purpose === 'acd');
      return acd?.conversationRoutingData?.priority;
    },
  };
}
