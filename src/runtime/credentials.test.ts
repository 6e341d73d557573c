// An emulator URL that restarts without its state no longer knows the runtime's OAuth clients:
// the client is created again and the call goes through, instead of `invalid_client` forever.
import { describe, expect, it } from 'vitest';
import { SystemClock, silentLogger } from '../core/index.ts';
import { createEmulator } from '../emulator/index.ts';
import { targetCredentials } from './credentials.ts';

describe('emulator URL credentials', () => {
  it('re-create a client the emulator forgot (restarted without its state file) and carry on', async () => {
    const first = createEmulator({ statePath: ':memory:' });
    const listening = await first.listen(0);
    const creds = targetCredentials({ kind: 'emulator-url', url: listening.url }, new SystemClock(), silentLogger);
    const { client } = await creds.client({ name: 'directory reader', permissions: ['directory:user:view'] });
    expect((await client.fetch('/api/v2/users')).status).toBe(200);
    await first.close();

    const second = createEmulator({ statePath: ':memory:' });
    await second.listen(listening.port);
    try {
      // The cached token is unknown (401), the client too (invalid_client): both are made again.
      const res = await client.fetch('/api/v2/users');
      expect(res.status).toBe(200);
      // The new client holds the same grants: no more than the bundle declared.
      expect((await client.fetch('/api/v2/routing/queues')).status).toBe(403);
    } finally {
      await second.close();
    }
  });
});
