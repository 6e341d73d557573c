// The redactor: known secrets, bearer tokens and secret-named JSON fields become [redacted];
// the server-sent-event stream is scrubbed even when a secret is split across chunks.
import { describe, expect, it } from 'vitest';
import { REDACTED, createRedactor, redactSseStream } from './redact.ts';

describe('createRedactor', () => {
  it('replaces every occurrence of a known secret', () => {
    const r = createRedactor(['s3cr3t-value-123']);
    expect(r.text('a s3cr3t-value-123 b s3cr3t-value-123')).toBe(`a ${REDACTED} b ${REDACTED}`);
  });

  it('ignores secrets too short to be specific, so ordinary text survives', () => {
    const r = createRedactor(['abc', undefined]);
    expect(r.text('abc abc')).toBe('abc abc');
  });

  it('blanks bearer tokens and secret-named JSON fields, keeping the JSON valid', () => {
    const r = createRedactor();
    const input = JSON.stringify({
      h: 'Bearer eyJhbGciOi.payload.sig',
      client_secret: 'x"y',
      access_token: 'tok',
      name: 'Bearer',
      other: 'keep',
    });
    const out = JSON.parse(r.text(input)) as Record<string, string>;
    expect(out).toEqual({
      h: `Bearer ${REDACTED}`,
      client_secret: REDACTED,
      access_token: REDACTED,
      name: 'Bearer',
      other: 'keep',
    });
  });

  it('learns secrets added later', () => {
    const r = createRedactor();
    expect(r.text('later-secret-1')).toBe('later-secret-1');
    r.add('later-secret-1');
    expect(r.text('later-secret-1')).toBe(REDACTED);
  });
});

describe('redactSseStream', () => {
  it('scrubs a secret split across chunks, message by message', async () => {
    const secret = 'split-secret-0123456789';
    const parts = [
      `event: event\ndata: {"x":"${secret.slice(0, 7)}`,
      `${secret.slice(7)}"}\n\n`,
      'event: ping\ndata: {}\n\n',
    ];
    const source = new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of parts) c.enqueue(new TextEncoder().encode(p));
        c.close();
      },
    });
    const text = await new Response(source.pipeThrough(redactSseStream(createRedactor([secret])))).text();
    expect(text).toBe(`event: event\ndata: {"x":"${REDACTED}"}\n\nevent: ping\ndata: {}\n\n`);
  });
});
