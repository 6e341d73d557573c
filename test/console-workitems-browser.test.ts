// The simulator's workitems panel in a real browser (playwright-core driving the system's
// Chromium): the emulator holds a worktype "Expense" (statuses Open, Review, Closed; from Open a
// workitem may only go to Review) with a rule launching its flow when a workitem moves to Review,
// and a worktype "Errand" with no flow; the runtime loads a workitem flow for "Expense". A person
// creates a workitem in the panel, is told why it cannot go straight to Closed, moves it to Review,
// and sees the workitem flow's run completed in the runs view; at phone width the panel, listing
// that workitem, fits the screen. Screenshots are kept under
// test-artifacts/console/. Without a browser the suite is skipped loudly — except in CI, where a
// missing browser is a failure.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inferBundle } from '../src/blueprints/index.ts';
import { embeddedEmulatorLink, serveConsole } from '../src/console/index.ts';
import type { ListeningConsole } from '../src/console/index.ts';
import { createEmulator } from '../src/emulator/index.ts';
import type { Emulator } from '../src/emulator/index.ts';
import { createRuntime } from '../src/runtime/index.ts';
import type { Runtime } from '../src/runtime/index.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_BROWSER = existsSync(CHROMIUM);
const IN_CI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
const SKIP = !HAVE_BROWSER && !IN_CI;
const SKIP_MESSAGE = `BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM} (install the "chromium" package or set CHROMIUM_PATH)`;
if (SKIP) process.stderr.write(`\n${'!'.repeat(100)}\n!!! ${SKIP_MESSAGE}\n${'!'.repeat(100)}\n\n`);

const ROOT = resolve(import.meta.dirname, '..');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'console');
const TIMEOUT = 15_000;
const FLOW = 'Expense review';

const FLOW_YAML = `workitem:
  name: ${FLOW}
  startUpRef: "/workitem/states/state[S]"
  worktype:
    name: Expense
  variables:
    - stringVariable:
        name: Flow.seen
        initialValue:
          noValue: true
        isOutput: true
  states:
    - state:
        name: Main
        refId: S
        actions:
          - updateData:
              name: Seen
              statements:
                - string:
                    variable: Flow.seen
                    value:
                      exp: Workitem.Workitem.status.name
          - exitWorkitemFlow:
              name: Done
`;

type Status = { id: string; name: string };

describe.skipIf(SKIP)(SKIP ? SKIP_MESSAGE : 'simulator workitems panel in a real browser', () => {
  let emulator: Emulator;
  let runtime: Runtime;
  let web: ListeningConsole;
  let browser: Browser;
  let dir: string;
  const pageErrors: string[] = [];

  const shot = async (page: Page, name: string): Promise<void> => {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  };
  /** A Platform API call as the org's admin; fails the test unless it answers 200. */
  const api = async <T>(method: string, path: string, body: unknown): Promise<T> => {
    const res = await emulator.fetch(path, {
      method,
      headers: { Authorization: `Bearer ${emulator.adminToken()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    expect(res.status, `${method} ${path}: ${text}`).toBe(200);
    return JSON.parse(text) as T;
  };

  beforeAll(async () => {
    expect(
      HAVE_BROWSER,
      `no Chromium at ${CHROMIUM}: in CI the browser tests must run (install the "chromium" package or set CHROMIUM_PATH)`,
    ).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    if (!existsSync(join(ROOT, 'dist/console-ui/index.html'))) {
      const { build } = await import('vite');
      await build({ configFile: join(ROOT, 'src/console/ui/vite.config.ts'), logLevel: 'error' });
    }
    emulator = createEmulator({ seed: 'demo', statePath: ':memory:' });
    const TM = '/api/v2/taskmanagement';
    const bin = await api<{ id: string }>('POST', `${TM}/workbins`, { name: 'Expenses bin' });
    await api('POST', `${TM}/worktypes`, { name: 'Errand', defaultWorkbinId: bin.id });
    const expense = await api<{ id: string; statuses: Status[] }>('POST', `${TM}/worktypes`, {
      name: 'Expense',
      defaultWorkbinId: bin.id,
    });
    const review = await api<Status>('POST', `${TM}/worktypes/${expense.id}/statuses`, {
      name: 'Review',
      category: 'InProgress',
    });
    const open = expense.statuses.find((s) => s.name === 'Open')!;
    await api('PATCH', `${TM}/worktypes/${expense.id}/statuses/${open.id}`, { destinationStatusIds: [review.id] });
    await api('POST', `${TM}/worktypes/${expense.id}/flows/onattributechange/rules`, {
      name: 'To review',
      condition: { attribute: 'statusId', newValue: review.id },
    });

    dir = mkdtempSync(join(tmpdir(), 'console-workitems-'));
    writeFileSync(join(dir, 'expense-review.yaml'), FLOW_YAML);
    const { bundle } = inferBundle(dir);
    runtime = await createRuntime({ target: { kind: 'emulator', emulator }, bundles: [bundle] });
    await runtime.start();
    web = await serveConsole({
      runtime,
      emulator: embeddedEmulatorLink(emulator),
      secrets: [emulator.admin.clientSecret],
      port: 0,
    });
    const { chromium } = await import('playwright-core');
    // launch() gives every run a fresh, throw-away profile directory.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await runtime?.stop();
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('at 1280×800: a workitem created and moved to Review in the simulator runs the worktype’s workitem flow', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(web.url);
    await page.locator('[data-testid=live-state]', { hasText: 'live' }).waitFor({ timeout: TIMEOUT });
    await page.click('[data-nav=simulator]');

    // The panel lists the worktypes by name, opens on the one with a workitem flow and says which
    // flow runs for each.
    const panel = page.locator('[data-testid=workitems]');
    const form = panel.locator('[data-testid=create-workitem]');
    const flowOf = form.locator('[data-testid=worktype-flow]');
    await flowOf.locator('.badge', { hasText: FLOW }).waitFor({ timeout: TIMEOUT });
    expect(await form.locator('select[name=worktype] option').allTextContents()).toEqual(['Errand', 'Expense']);
    await form.locator('select[name=worktype]').selectOption({ label: 'Errand' });
    await flowOf.locator('text=no workitem flow').waitFor({ timeout: TIMEOUT });
    expect(await flowOf.getAttribute('data-flow')).toBe('');
    await form.locator('select[name=worktype]').selectOption({ label: 'Expense' });
    await flowOf.locator('.badge', { hasText: FLOW }).waitFor({ timeout: TIMEOUT });

    // A priority that is not a whole number is refused in the form; nothing is created.
    await form.locator('input[name=name]').fill('Taxi receipt');
    await form.locator('input[name=priority]').fill('high');
    await form.locator('button[type=submit]').click();
    await panel.locator('.error', { hasText: 'priority: a whole number' }).waitFor({ timeout: TIMEOUT });
    expect(await panel.locator('[data-testid=workitem]').count()).toBe(0);

    // Created: the workitem shows in its worktype's default status.
    await form.locator('input[name=priority]').fill('5');
    await form.locator('button[type=submit]').click();
    const row = panel.locator('[data-testid=workitem]', { hasText: 'Taxi receipt' });
    await row.waitFor({ timeout: TIMEOUT });
    expect(await row.getAttribute('data-status')).toBe('Open');
    expect(await panel.locator('.error').count()).toBe(0);
    expect(await row.innerText()).toContain('5');
    const workitemId = (await row.getAttribute('data-workitem-id'))!;
    expect(workitemId).toMatch(/^[0-9a-f-]{36}$/);
    await shot(page, 'workitems-01-created');

    // Straight to Closed: the worktype does not allow it; the emulator's message shows inline.
    await row.locator('[data-testid=workitem-move-to]').selectOption({ label: 'Closed' });
    await row.locator('[data-testid=workitem-move]').click();
    const refused = panel.locator('.error', { hasText: 'a workitem in status "Open" can move to "Review" only' });
    await refused.waitFor({ timeout: TIMEOUT });
    expect(await row.getAttribute('data-status')).toBe('Open');
    await shot(page, 'workitems-02-move-refused');

    // To Review: the status changes, the error clears, and the rule launches the flow.
    await row.locator('[data-testid=workitem-move-to]').selectOption({ label: 'Review' });
    await row.locator('[data-testid=workitem-move]').click();
    await panel
      .locator(`[data-testid=workitem][data-workitem-id="${workitemId}"][data-status=Review]`)
      .waitFor({ timeout: TIMEOUT });
    expect(await refused.count()).toBe(0);
    await shot(page, 'workitems-03-moved-to-review');

    // The runs view: the workitem flow's run, completed; it read the workitem in its new status.
    await page.click('[data-nav=runs]');
    const run = page.locator(`[data-testid=run-row][data-status=completed][data-flow="${FLOW}"]`);
    await run.waitFor({ timeout: TIMEOUT });
    expect(await page.locator('[data-testid=run-row]').count()).toBe(1);
    await shot(page, 'workitems-04-run-completed');
    const [summary] = await runtime.runs();
    const detail = await runtime.run(summary!.id);
    expect((detail?.output as { outputs?: Record<string, unknown> })?.outputs?.['Flow.seen']).toBe('Review');

    expect(await page.content()).not.toContain(emulator.admin.clientSecret);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('at 390×844 (phone width): the workitems panel fits the screen', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'light' });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${web.url}#/simulator`);
    await page.locator('[data-testid=workitems] [data-testid=workitem]').first().waitFor({ timeout: TIMEOUT });
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(w, 'the workitems panel overflows a phone-width screen').toBeLessThanOrEqual(390);
    await page.locator('[data-testid=workitems]').screenshot({ path: join(ARTIFACTS, 'workitems-05-phone.png') });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
