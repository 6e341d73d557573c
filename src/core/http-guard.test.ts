import { describe, expect, it } from 'vitest';
import { browserAccessRefusal, formatBytes, isLoopback, limitRequestBody } from './http-guard.ts';

const guard = { name: 'the API', loopbackHostOnly: true, refuseSimplePosts: true };
const req = (url: string, init: RequestInit = {}): Request => new Request(url, init);

/** A request whose body arrives as a stream of `n` chunks of `size` bytes, counting the chunks pulled. */
function streamed(n: number, size: number): { request: Request; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === n) controller.close();
      else {
        pulled++;
        controller.enqueue(new Uint8Array(size).fill(0x61));
      }
    },
  });
  return {
    request: new Request('http://127.0.0.1/x', { method: 'POST', body, duplex: 'half' } as RequestInit),
    pulled: () => pulled,
  };
}

describe('isLoopback', () => {
  it('knows the loopback names and addresses', () => {
    expect(['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '192.168.1.5', 'attacker.example', 'localhost.attacker.example'].some(isLoopback)).toBe(false);
  });
});

describe('browserAccessRefusal', () => {
  it('lets a script through: no Origin, a loopback host, a JSON POST', () => {
    expect(browserAccessRefusal(req('http://127.0.0.1:8080/x'), guard)).toBeUndefined();
    expect(
      browserAccessRefusal(
        req('http://localhost:8080/x', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json; charset=utf-8' },
        }),
        guard,
      ),
    ).toBeUndefined();
    expect(
      browserAccessRefusal(req('http://127.0.0.1:8080/x', { headers: { Origin: 'http://127.0.0.1:8080' } }), guard),
    ).toBeUndefined();
  });

  it('refuses a page of another site, a null origin, a rebound host name and a simple POST', () => {
    expect(
      browserAccessRefusal(req('http://127.0.0.1:8080/x', { headers: { Origin: 'https://evil.example' } }), guard),
    ).toMatchObject({ field: 'Origin', message: expect.stringContaining('https://evil.example') });
    expect(browserAccessRefusal(req('http://127.0.0.1:8080/x', { headers: { Origin: 'null' } }), guard)?.field).toBe(
      'Origin',
    );
    expect(browserAccessRefusal(req('http://attacker.example:8080/x'), guard)).toMatchObject({
      field: 'Host',
      message: expect.stringContaining('attacker.example:8080'),
    });
    expect(
      browserAccessRefusal(req('http://attacker.example:8080/x'), { ...guard, loopbackHostOnly: false }),
    ).toBeUndefined();
    for (const type of [
      undefined,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonp',
    ]) {
      const r = browserAccessRefusal(
        req('http://127.0.0.1:8080/x', { method: 'POST', ...(type ? { headers: { 'Content-Type': type } } : {}) }),
        guard,
      );
      expect(r?.field, String(type)).toBe('Content-Type');
    }
    expect(
      browserAccessRefusal(req('http://127.0.0.1:8080/x', { method: 'POST' }), { ...guard, refuseSimplePosts: false }),
    ).toBeUndefined();
  });
});

describe('limitRequestBody', () => {
  it('passes a body within the limit through, readable again', async () => {
    const r = await limitRequestBody(req('http://127.0.0.1/x', { method: 'POST', body: '{"a":1}' }), 7);
    expect(r.ok && (await r.request.text())).toBe('{"a":1}');
    const none = await limitRequestBody(req('http://127.0.0.1/x'), 1);
    expect(none.ok).toBe(true);
  });

  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    const { request, pulled } = streamed(100, 1024);
    request.headers.set('Content-Length', String(100 * 1024));
    expect(await limitRequestBody(request, 1024)).toEqual({ ok: false, declared: 100 * 1024 });
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it('cuts a streamed body off once it passes the limit, leaving the rest unread', async () => {
    const { request, pulled } = streamed(1000, 1024);
    expect(await limitRequestBody(request, 4 * 1024)).toEqual({ ok: false, declared: undefined });
    expect(pulled()).toBeLessThan(10);
  });

  it('formats limits for people', () => {
    expect([1024 * 1024, 10 * 1024 * 1024, 2048, 300, 1].map(formatBytes)).toEqual([
      '1 MiB',
      '10 MiB',
      '2 KiB',
      '300 bytes',
      '1 byte',
    ]);
  });
});
