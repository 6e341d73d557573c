/**
 * @module
 * `switchboard start` (what `npm start` runs): the emulator with the demo seed. It grows into the
 * full runtime (emulator + triggers + workflows) as those parts land.
 */
import type { Command } from 'commander';
import { DEFAULT_STATE_FILE, parsePort, serveEmulator } from './emulator.ts';

/** Register `switchboard start`. */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Start Switchboard locally: the Genesys Cloud emulator with the demo org')
    .option('--port <port>', 'port to listen on', '8080')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .action(async (o: { port: string; host: string }) => {
      await serveEmulator({ port: parsePort(o.port), host: o.host, seed: 'demo', statePath: DEFAULT_STATE_FILE });
    });
}
