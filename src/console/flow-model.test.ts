// GET /api/flows/{name}/model through the console: a loaded Architect workflow's graph, 404 otherwise.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedEmulatorLink } from './emulator-link.ts';
import { startHarness } from './harness.test-support.ts';
import type { Harness } from './harness.test-support.ts';
import { createConsoleApp } from './server.ts';
import type { ConsoleApp } from './server.ts';

let h: Harness;
let web: ConsoleApp;
let assets: string;

beforeAll(async () => {
  h = await startHarness();
  assets = mkdtempSync(join(tmpdir(), 'console-assets-'));
  web = createConsoleApp({
    runtime: h.runtime,
    emulator: embeddedEmulatorLink(h.emulator),
    assetsDir: assets,
    secrets: h.secrets,
  });
});

afterAll(async () => {
  await h.close();
  rmSync(assets, { recursive: true, force: true });
});

describe('GET /api/flows/{name}/model', () => {
  it('answers the graph of a loaded Architect workflow: start, its actions, end, edges between them', async () => {
    const res = await web.app.request(
      `/api/flows/${encodeURIComponent('Terminate Outbound Call Missing Queue')}/model`,
    );
    expect(res.status).toBe(200);
    const g = (await res.json()) as {
      flow: string;
      nodes: { id: string; type: string }[];
      edges: { from: string; to: string }[];
    };
    expect(g.flow).toBe('Terminate Outbound Call Missing Queue');
    expect(g.nodes[0]).toMatchObject({ id: 'start', type: 'start' });
    expect(g.nodes.some((n) => n.type === 'end')).toBe(true);
    expect(g.nodes.filter((n) => n.type !== 'start' && n.type !== 'end').length).toBeGreaterThan(0);
    const ids = new Set(g.nodes.map((n) => n.id));
    for (const e of g.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
  });

  it('answers 404 with a coded error for a workflow that is not a loaded Architect flow', async () => {
    const res = await web.app.request('/api/flows/no-such-flow/model');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('SB_RUNTIME_NOT_FOUND');
  });
});
