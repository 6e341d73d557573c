/**
 * @module
 * The options every command that runs data actions shares for third-party hosts: `--mocks <file>`
 * (what they answer offline) and `--passthrough <host>` (sent to the real service); and the
 * credential options of `action test` for a web services action run alone.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { SwitchboardError, tryParseJson } from '../core/index.ts';
import {
  WEB_SERVICE_CREDENTIAL_TYPES,
  compileAction,
  createIntegrationAuth,
  loadAuthAction,
} from '../actions/index.ts';
import type { IntegrationAuth, WebServiceCredentialType } from '../actions/index.ts';
import { hostMatcher, parseMocksText } from '../third-party/index.ts';
import type { MockSpec } from '../third-party/index.ts';
import { collect } from './folder-input.ts';

/** The parsed `--mocks` / `--passthrough` options. */
export interface ThirdPartyCliOptions {
  mocks?: string;
  passthrough?: string[];
}

/** Add `--mocks` and `--passthrough` to a command. */
export function withThirdPartyOptions(command: Command): Command {
  return command
    .option(
      '--mocks <file>',
      'a mocks file (JSON or YAML): what requests to third-party hosts answer (method, URL pattern, body match → status, headers, body, delay; sequences)',
    )
    .option(
      '--passthrough <host>',
      'send requests for this host (api.example.com, *.example.com, localhost:8080) to the real service (repeatable)',
      collect,
    );
}

function readText(file: string, option: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new SwitchboardError(
      'SB_FILE_UNREADABLE',
      `${option} must name a readable file; ${file}: ${(e as Error).message}`,
      { details: { file, option } },
    );
  }
}

/**
 * The runtime's `thirdParty` option from the command line (passthrough patterns checked here, so
 * a typo is refused before anything starts).
 * @example
 * const thirdParty = thirdPartyOf({ mocks: 'mocks.json', passthrough: ['*.example.com'] });
 */
export function thirdPartyOf(o: ThirdPartyCliOptions): { mocks: MockSpec[]; passthrough: string[] } {
  const passthrough = o.passthrough ?? [];
  for (const p of passthrough) {
    if (!hostMatcher(p))
      throw new SwitchboardError(
        'SB_INPUT_INVALID',
        `--passthrough must be a host pattern (api.example.com, *.example.com, localhost:8080); got ${JSON.stringify(p)}`,
        { details: { option: '--passthrough' } },
      );
  }
  const mocks = o.mocks === undefined ? [] : parseMocksText(readText(o.mocks, '--mocks'), o.mocks);
  return { mocks, passthrough };
}

/** One line saying what third-party requests meet, for a command's banner. */
export function thirdPartyLine(
  o: ThirdPartyCliOptions,
  tp: { mocks: readonly MockSpec[]; passthrough: readonly string[] },
): string {
  const parts = [
    o.mocks === undefined ? 'no mocks' : `${tp.mocks.length} mock${tp.mocks.length === 1 ? '' : 's'} (${o.mocks})`,
  ];
  if (tp.passthrough.length > 0) parts.push(`passthrough ${tp.passthrough.join(', ')}`);
  return `${parts.join('; ')}; anything else is refused`;
}

/** The credential options of `action test`. */
export interface CredentialCliOptions {
  credential?: string[];
  credentialType?: string;
  authAction?: string;
}

/** Add `--credential`, `--credential-type` and `--auth-action` to a command. */
export function withCredentialOptions(command: Command): Command {
  return command
    .option(
      '--credential <name=value>',
      'a web services credential field, used as ${credentials.<name>} (repeatable)',
      collect,
    )
    .option(
      '--credential-type <type>',
      `the credential type: ${WEB_SERVICE_CREDENTIAL_TYPES.join(', ')} (default: userDefinedOAuth with --auth-action, else userDefined)`,
    )
    .option(
      '--auth-action <file>',
      "the integration's custom auth action (User Defined (OAuth)); its output is ${authResponse.*}",
    );
}

/**
 * The integration credentials `--credential`, `--credential-type` and `--auth-action` give, or
 * `undefined` when none is given.
 * @example
 * credentialsOf({ credential: ['apiKey=abc'] }) // a User Defined credential
 */
export function credentialsOf(o: CredentialCliOptions): IntegrationAuth | undefined {
  if (o.credential === undefined && o.credentialType === undefined && o.authAction === undefined) return undefined;
  const fields: Record<string, string> = {};
  for (const pair of o.credential ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0)
      throw new SwitchboardError(
        'SB_INPUT_INVALID',
        `--credential must be name=value; got ${JSON.stringify(pair.slice(0, 80))}`,
        { details: { option: '--credential' } },
      );
    fields[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const type = (o.credentialType ?? (o.authAction ? 'userDefinedOAuth' : 'userDefined')) as WebServiceCredentialType;
  if (!WEB_SERVICE_CREDENTIAL_TYPES.includes(type))
    throw new SwitchboardError(
      'SB_INPUT_INVALID',
      `--credential-type must be one of ${WEB_SERVICE_CREDENTIAL_TYPES.join(', ')}; got ${JSON.stringify(o.credentialType)}`,
      { details: { option: '--credential-type' } },
    );
  let authAction;
  if (o.authAction !== undefined) {
    const parsed = tryParseJson(readText(o.authAction, '--auth-action'));
    if (!parsed.ok)
      throw new SwitchboardError(
        'SB_INPUT_INVALID',
        `--auth-action must be a data-action JSON file; ${o.authAction}: ${parsed.error}`,
        { details: { option: '--auth-action' } },
      );
    authAction = compileAction(loadAuthAction(parsed.value, o.authAction));
  }
  try {
    return createIntegrationAuth({ type, fields, ...(authAction ? { authAction } : {}) });
  } catch (e) {
    throw new SwitchboardError(
      'SB_INPUT_INVALID',
      `the credential options must describe a usable credential; ${(e as Error).message}`,
      { details: { option: '--credential-type' } },
    );
  }
}
