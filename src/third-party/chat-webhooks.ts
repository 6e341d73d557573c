/**
 * @module
 * Genesys Cloud chat webhooks, answered offline. A webhook integration gives a group chat room a
 * URL, `https://apps.<region>/webhooks/api/v1/webhook/<id>`, that takes an unauthenticated
 * `POST { "message": "…", "metadata": "…" }` (developer.genesys.cloud "Webhooks"; help "Set up an
 * integration using the generic webhook": `message` required, `metadata` optional). It is a
 * Genesys host but not the Platform API (no token), so data actions reach it through the
 * third-party fetch; with no mock for it and the host not passed through, it is answered here.
 */
import { isPlainObject, tryParseJson } from '../core/index.ts';

const APPS_HOST = /^apps\.(mypurecloud\.(com|ie|de|jp|com\.au)|[a-z0-9-]+\.pure\.cloud)$/i;
const WEBHOOK_PATH = /^\/webhooks\/api\/v1\/webhook\/[A-Za-z0-9-]{1,64}\/?$/;
/** Whether a URL is a Genesys Cloud chat webhook's (pure). */
export function isChatWebhookUrl(url: URL): boolean {
  return APPS_HOST.test(url.hostname) && WEBHOOK_PATH.test(url.pathname);
}

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function refused(status: number, code: string, message: string): Response {
  // The Platform API's error shape (platform.md §5) [INFERRED: the webhook service's own is not documented].
  return answer(status, { message, code, status });
}

/**
 * What a chat webhook answers a request (pure): 200 for a POST whose body has a `message`, else the
 * refusal naming the rule. The request's run trace shows what was posted.
 * @example
 * chatWebhookAnswer('POST', '{"message":"hi"}').status // 200
 */
export function chatWebhookAnswer(method: string, body: string): Response {
  if (method !== 'POST') return refused(405, 'method.not.allowed', `a chat webhook takes POST; got ${method}`);
  const parsed = tryParseJson(body);
  if (!parsed.ok || !isPlainObject(parsed.value))
    return refused(400, 'bad.request', `a chat webhook's body must be a JSON object { "message": "…" }`);
  const { message, metadata } = parsed.value;
  if (typeof message !== 'string' || message === '')
    return refused(400, 'bad.request', `a chat webhook's body needs "message", a non-empty text`);
  if (metadata !== undefined && typeof metadata !== 'string')
    return refused(400, 'bad.request', `a chat webhook's "metadata" must be a text`);
  // [INFERRED] the answer's body is not documented; an empty JSON object keeps `${rawResult}` valid JSON.
  return answer(200, {});
}
