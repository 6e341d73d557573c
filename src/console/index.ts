/**
 * @module
 * The web console: a Preact UI built at build time (`npm run build:console`) and served by the
 * runtime, on top of the runtime's JSON API, with live updates over server-sent events, a
 * server-side proxy to the emulator's call simulator, and access control (loopback by default,
 * a token off loopback; secrets never reach the browser or the logs).
 */
export { createConsoleApp } from './server.ts';
export type { ConsoleApp, ConsoleOptions } from './server.ts';
export { serveConsole } from './serve.ts';
export type { ListeningConsole, Passthrough, ServeConsoleOptions } from './serve.ts';
export { embeddedEmulatorLink, urlEmulatorLink, readDirectory } from './emulator-link.ts';
export type { EmulatorLink } from './emulator-link.ts';
export { TOKEN_COOKIE, TOKEN_HEADER, accessPolicy, isLoopback, generateToken } from './access.ts';
export type { AccessPolicy } from './access.ts';
export { REDACTED, createRedactor } from './redact.ts';
export type { Redactor } from './redact.ts';
export { DEFAULT_ASSETS_DIR, missingAssetsPage } from './static.ts';
export { ConsoleErrors } from './errors.ts';
export type { ConsoleInfo, DirectoryEntry } from './wire.ts';
