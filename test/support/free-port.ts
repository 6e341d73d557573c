// A loopback TCP port that was free a moment ago, for a child process to listen on (a process told
// `--port 0` would have to report its port back instead).
import { createServer } from 'node:net';

/** A port on 127.0.0.1 nothing listened on when asked. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
