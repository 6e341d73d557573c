import { cpSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, freePort, sleep, start, until } from './processes.ts';
const dir = mkdtempSync('/tmp/leak/run-');
const bundle = join(dir, 'bundle');
cpSync(join(ROOT, 'solutions/terminate-no-queue'), bundle, { recursive: true });
const emuPort = await freePort();
const emuUrl = `http://127.0.0.1:${emuPort}`;
const emulator = start(['emulator', '--port', String(emuPort), '--state', join(dir, 'emulator.sqlite'), '--rate-limit', '0']);
await until('emu', emulator, 'GENESYSCLOUD_OAUTHCLIENT_SECRET');
const apiPort = await freePort();
const runtime = start(['up', bundle, '--target', emuUrl, '--db', join(dir, 'runs.sqlite'), '--api-port', String(apiPort)], { NODE_OPTIONS: `--import=/tmp/leak/fr.mjs` });
await until('rt', runtime, 'Switchboard is running');
const ps = [];
for (let i = 0; i < 300; i++) { ps.push(fetch(`${emuUrl}/_switchboard/simulator/calls`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ fromUserId: 'b0b00000-0000-4000-8000-000000000002', to: { phoneNumber: '+13175550100' } }) }).then(r => r.arrayBuffer())); await sleep(20); }
await Promise.all(ps); await sleep(16000);
const out = runtime.output().split('\n').filter(l => l.startsWith('FRSTACKS')).pop();
for (const [st, n] of JSON.parse(out!.slice(9))) console.log(n, '\n', st, '\n');
runtime.child.kill('SIGKILL'); emulator.child.kill('SIGKILL');
