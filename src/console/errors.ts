/**
 * @module
 * Error codes of the web console (its server, access control and the simulator proxy).
 */
import { defineErrorCodes } from '../core/index.ts';

/** The console's error codes. */
export const ConsoleErrors = defineErrorCodes('console', {
  SB_CONSOLE_UNAUTHORIZED: {
    summary: 'A console API request carried no access token, or the wrong one.',
    retry: 'never',
    hint: 'Open the console URL printed at start (it carries ?token=…), or send the token as `Authorization: Bearer <token>` or the `X-Switchboard-Token` header.',
    status: 401,
  },
  SB_CONSOLE_FORBIDDEN: {
    summary:
      'A console API request came from another web site, or was addressed to a host name that is not the console.',
    retry: 'never',
    hint: 'Use the console from its own page (the URL printed at start). Scripts and CLIs send no Origin header; a browser page of another site cannot drive the console.',
    status: 403,
  },
  SB_CONSOLE_CONFIG: {
    summary: 'The console server options are invalid.',
    retry: 'never',
    hint: 'Give a host to bind (127.0.0.1 by default), a port from 0 to 65535, and a token of at least 16 characters when you set one.',
    status: 400,
  },
  SB_CONSOLE_NO_SIMULATOR: {
    summary: 'The call simulator is only there when the runtime runs against an emulator.',
    retry: 'never',
    hint: 'Start Switchboard against the embedded emulator (the default) or an emulator URL to use the simulator panel.',
    status: 404,
  },
  SB_CONSOLE_NOT_FOUND: {
    summary: 'The console route does not exist.',
    retry: 'never',
    hint: 'See the route table in the console server module; the console UI is served at /.',
    status: 404,
  },
  SB_CONSOLE_METHOD_NOT_ALLOWED: {
    summary: 'The console route exists, but not with this HTTP method.',
    retry: 'never',
    hint: 'Use one of the methods the Allow header of the answer lists (see the route table in the console server module).',
    status: 405,
  },
  SB_CONSOLE_BODY_TOO_LARGE: {
    summary: 'A request body to the console or runtime API is larger than the server accepts.',
    retry: 'never',
    hint: "Send a smaller body: split a batch of events over several POST /events, or raise the server's maxBodyBytes option.",
    status: 413,
  },
  SB_CONSOLE_UPSTREAM: {
    summary: 'The emulator behind the simulator panel could not be reached.',
    retry: 'backoff',
    hint: 'Check that the emulator is running and reachable at the URL the runtime was started with.',
    status: 502,
  },
});
