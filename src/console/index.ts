/**
 * @module
 * The web console: a Preact UI built at build time (`npm run build:console`) and served by the
 * runtime, on top of the runtime's JSON API, with live updates over server-sent events, a
 * server-side proxy to the emulator's call simulator, and access control (loopback by default,
 * a token off loopback; secrets never reach the browser or the logs).
 */
export { serveConsole } from './serve.ts';
export type { ListeningConsole } from './serve.ts';
export { embeddedEmulatorLink, urlEmulatorLink } from './emulator-link.ts';
export { TOKEN_HEADER } from './access.ts';
