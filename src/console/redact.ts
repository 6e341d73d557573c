/**
 * @module
 * The last guard before bytes reach the browser: every known secret (OAuth client secrets, the
 * console token) and every bearer token is replaced with `[redacted]` in API answers and in the
 * live stream. The engines should never put a secret in a response; this makes sure of it.
 */

/** What replaces a secret. */
export const REDACTED = '[redacted]';

const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi;
const SECRET_FIELD =
  /("(?:client_?secret|access_?token|refresh_?token|password|authorization)"\s*:\s*")((?:[^"\\]|\\.)*)(")/gi;

/** Scrubs secrets out of text. */
export interface Redactor {
  /** Add a secret to scrub from now on (ignored when shorter than 8 characters). */
  add(secret: string | undefined): void;
  /** The text with every secret replaced (pure for a given set of secrets). */
  text(input: string): string;
}

/**
 * A redactor for the given secrets.
 * @example
 * const r = createRedactor(['s3cr3t-value']);
 * r.text('{"x":"s3cr3t-value","h":"Bearer abcdefghij"}') // '{"x":"[redacted]","h":"Bearer [redacted]"}'
 */
export function createRedactor(secrets: readonly (string | undefined)[] = []): Redactor {
  const known = new Set<string>();
  const r: Redactor = {
    add(secret) {
      if (secret !== undefined && secret.length >= 8) known.add(secret);
    },
    text(input) {
      let out = input;
      for (const s of known) if (out.includes(s)) out = out.split(s).join(REDACTED);
      return out
        .replace(BEARER, (_m, p: string) => `${p}${REDACTED}`)
        .replace(SECRET_FIELD, (_m, a: string, _v: string, z: string) => `${a}${REDACTED}${z}`);
    },
  };
  for (const s of secrets) r.add(s);
  return r;
}

/**
 * A stream that redacts server-sent events message by message (a secret split across chunks is
 * still caught: text is held until the blank line that ends a message).
 */
export function redactSseStream(redactor: Redactor): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let held = '';
  return new TransformStream({
    transform(chunk, controller) {
      held += decoder.decode(chunk, { stream: true });
      const end = held.lastIndexOf('\n\n');
      if (end < 0) return;
      controller.enqueue(encoder.encode(redactor.text(held.slice(0, end + 2))));
      held = held.slice(end + 2);
    },
    flush(controller) {
      held += decoder.decode();
      if (held !== '') controller.enqueue(encoder.encode(redactor.text(held)));
    },
  });
}
