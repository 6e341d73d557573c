// The web console in a real browser (playwright-core driving the system's Chromium): the emulator,
// the runtime with seed solution 1 (terminate calls with no queue, published artifacts) and the
// console on real ports. A person places a no-queue call from the simulator panel and watches the
// trigger match (and the call's other events, such as customer.start, marked "no trigger", newest
// first), the run complete with its steps and the conversation get tagged "No Queue"; the
// tag is confirmed through the emulator's analytics endpoint. Screenshots are kept under
// test-artifacts/console/. Without a browser the suite is skipped loudly — except in CI, where a
// missing browser is a failure.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedEmulatorLink, serveConsole } from '../src/console/index.ts';
import type { ListeningConsole } from '../src/console/index.ts';
import { DEMO, createEmulator } from '../src/emulator/index.ts';
import type { Emulator } from '../src/emulator/index.ts';
import { createRuntime } from '../src/runtime/index.ts';
import type { Runtime } from '../src/runtime/index.ts';
import { loadPublishedBundle } from './support/published-bundles.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_BROWSER = existsSync(CHROMIUM);
const IN_CI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
const SKIP = !HAVE_BROWSER && !IN_CI;
const SKIP_MESSAGE = `BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM} (install the "chromium" package or set CHROMIUM_PATH)`;
if (SKIP) process.stderr.write(`\n${'!'.repeat(100)}\n!!! ${SKIP_MESSAGE}\n${'!'.repeat(100)}\n\n`);

const ROOT = resolve(import.meta.dirname, '..');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'console');
const TRIGGER = 'Terminate Outbound Call Missing Queue';
const TIMEOUT = 15_000;

describe.skipIf(SKIP)(SKIP ? SKIP_MESSAGE : 'web console in a real browser', () => {
  let emulator: Emulator;
  let runtime: Runtime;
  let web: ListeningConsole;
  let browser: Browser;
  const pageErrors: string[] = [];

  const shot = async (page: Page, name: string): Promise<void> => {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  };
  const open = async (viewport: {
    width: number;
    height: number;
  }): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ viewport, colorScheme: 'light' });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(web.url);
    await page.locator('[data-testid=live-state]', { hasText: 'live' }).waitFor({ timeout: TIMEOUT });
    return { context, page };
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
    runtime = await createRuntime({
      target: { kind: 'emulator', emulator },
      bundles: [loadPublishedBundle('terminate-no-queue')],
    });
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
  });

  it('at 1280×800: a no-queue call from the simulator fires the trigger, the run completes with its steps and the call is tagged "No Queue"', async () => {
    const { context, page } = await open({ width: 1280, height: 800 });
    await shot(page, '01-events-empty');

    // Simulator: Alice calls a number that answers, on behalf of no queue.
    await page.click('[data-nav=simulator]');
    const form = page.locator('[data-testid=place-call]');
    await form.locator('select[name=from]').selectOption(DEMO.users.alice);
    await form.locator('select[name=queue]').selectOption('');
    await form.locator('select[name=target]').selectOption('phoneNumber');
    await form.locator('input[name=phone]').fill('+1 317 555 0100');
    await form.locator('button[type=submit]').click();

    // The seed workflow disconnects the call and tags it; the panel shows both live.
    const conv = page.locator('[data-testid=conversation]').first();
    await conv.locator('[data-testid=external-tag]', { hasText: 'No Queue' }).waitFor({ timeout: TIMEOUT });
    await conv.locator('.badge', { hasText: 'ended' }).waitFor({ timeout: TIMEOUT });
    const conversationId = await conv.getAttribute('data-conversation-id');
    expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);
    await shot(page, '02-simulator-tagged');

    // Events: the user.start event of this conversation, with the trigger that matched it.
    await page.click('[data-nav=events]');
    const start = page.locator('[data-testid=event-row][data-topic$=".user.start"]', {
      hasText: conversationId!.slice(0, 8),
    });
    await start.locator('[data-testid=event-triggers]', { hasText: TRIGGER }).waitFor({ timeout: TIMEOUT });
    await start.click();
    const decision = page.locator('[data-testid=event-decision][data-match=true]');
    await decision.waitFor({ timeout: TIMEOUT });
    expect(await decision.textContent()).toContain('starts the workflow now');
    await shot(page, '03-events-trigger-matched');

    // Every event of the call is in the stream: its customer.start too, which no trigger listens
    // to, marked "no trigger"; the newest event of the log is the top row.
    const customer = page.locator('[data-testid=event-row][data-topic$=".customer.start"][data-listened=false]', {
      hasText: conversationId!.slice(0, 8),
    });
    await customer.locator('[data-testid=no-trigger]', { hasText: 'no trigger' }).waitFor({ timeout: TIMEOUT });
    await runtime.idle();
    const [newest] = await runtime.events({ order: 'desc', limit: 1 });
    await page.locator(`[data-testid=event-row]:first-child[data-seq="${newest!.seq}"]`).waitFor({ timeout: TIMEOUT });
    const seqs = await page
      .locator('[data-testid=event-row]')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-seq'))));
    expect(seqs.length).toBeGreaterThan(3);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    await page.fill('input[aria-label="Filter by topic"]', 'customer.start');
    await page.locator('[data-testid=event-row]').first().waitFor({ timeout: TIMEOUT });
    const topics = await page
      .locator('[data-testid=event-row]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-topic')));
    expect(topics.length).toBeGreaterThan(0);
    expect(topics.every((t) => t!.endsWith('.customer.start'))).toBe(true);
    await shot(page, '03b-events-no-trigger');
    await page.fill('input[aria-label="Filter by topic"]', '');

    // Triggers: the same event through the matcher shows the criterion trace.
    await page.click('text=Test triggers with this event');
    await page.locator('[data-testid=trigger-row]', { hasText: TRIGGER }).waitFor({ timeout: TIMEOUT });
    await page.click('[data-testid=trigger-test] button:has-text("Run the matcher")');
    const trace = page.locator('[data-testid=trace-trigger][data-match=true]');
    await trace.waitFor({ timeout: TIMEOUT });
    expect(await trace.locator('[data-testid=criterion][data-match=true]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=trace-fired]').textContent()).toBe(TRIGGER);
    await shot(page, '04-trigger-test-trace');

    // Runs: the run completed; its timeline has both data actions on their success path.
    await page.click('[data-nav=runs]');
    const row = page.locator('[data-testid=run-row][data-status=completed]', { hasText: TRIGGER });
    await row.waitFor({ timeout: TIMEOUT });
    // Activity over time: uPlot draws events and runs per bucket; the totals count this run.
    await page.locator('[data-testid=chart-runs] canvas').waitFor({ timeout: TIMEOUT });
    await page.locator('[data-testid=chart-events] canvas').waitFor({ timeout: TIMEOUT });
    await page.waitForFunction(
      () =>
        /[1-9]\d* events · [1-9]\d* runs/.test(
          document.querySelector('[data-testid=activity-totals]')?.textContent ?? '',
        ),
      undefined,
      { timeout: TIMEOUT },
    );
    await shot(page, '05-runs');
    // Find a run by the conversation it acted on; an id nothing carries finds none.
    await page.fill('[data-testid=runs-search]', conversationId!);
    await page.press('[data-testid=runs-search]', 'Enter');
    await row.waitFor({ timeout: TIMEOUT });
    await page.fill('[data-testid=runs-search]', 'no-such-id');
    await page.press('[data-testid=runs-search]', 'Enter');
    await page.locator('[data-testid=run-row]').first().waitFor({ state: 'detached', timeout: TIMEOUT });
    await page.fill('[data-testid=runs-search]', conversationId!);
    await page.press('[data-testid=runs-search]', 'Enter');
    await row.waitFor({ timeout: TIMEOUT });
    await row.click();
    await page.locator('[data-testid=run-status]', { hasText: 'completed' }).waitFor({ timeout: TIMEOUT });
    for (const action of ['Disconnect Voice Call', 'Put Conversation Tag']) {
      const step = page.locator(`[data-testid=run-step][data-name="${action}"]`);
      await step.waitFor({ timeout: TIMEOUT });
      expect(await step.getAttribute('data-outcome')).toBe('success');
    }
    const tagStep = page.locator('[data-testid=run-step][data-name="Put Conversation Tag"]');
    expect(await tagStep.locator('[data-testid=action-trace]').textContent()).toContain(
      `PUT /api/v2/conversations/${conversationId}/tags`,
    );
    expect(await tagStep.locator('[data-testid=answered-by]').textContent()).toBe('answered by Genesys Cloud');
    await shot(page, '06-run-timeline');

    // The run on its clock: a bar per journaled step, run time and wall time side by side; a bar
    // scrolls to its step.
    const bars = page.locator('[data-testid=time-bar]');
    expect(await bars.count()).toBeGreaterThanOrEqual(2);
    expect(await tagStep.locator('[data-testid=step-times]').textContent()).toMatch(
      /^run \d\d:\d\d:\d\d\.\d{3} · .+ · wall \d\d:\d\d:\d\d\.\d{3} · /,
    );
    const barStep = await bars.last().getAttribute('data-step-id');
    await bars.last().click();
    await page.waitForFunction((id) => document.activeElement?.getAttribute('data-step-id') === id, barStep, {
      timeout: TIMEOUT,
    });

    // The run picture: the flow's diagram with the path taken highlighted; a node scrolls to its step.
    const diagram = page.locator('[data-testid=run-diagram]');
    await diagram.waitFor({ timeout: TIMEOUT });
    const tagActionId = await tagStep.getAttribute('data-action-id');
    expect(tagActionId).toBeTruthy();
    const tagNode = diagram.locator(`[data-testid=diagram-node][data-node-id="${tagActionId}"]`);
    expect(Number(await tagNode.getAttribute('data-visits'))).toBe(1);
    expect(
      Number(await diagram.locator('[data-testid=diagram-node][data-node-id=end]').getAttribute('data-visits')),
    ).toBe(1);
    expect(await diagram.locator('[data-testid=diagram-edge].fd-taken').count()).toBeGreaterThan(1);
    await tagNode.click();
    await page.waitForFunction((id) => document.activeElement?.getAttribute('data-action-id') === id, tagActionId, {
      timeout: TIMEOUT,
    });
    await diagram.screenshot({ path: join(ARTIFACTS, '06a-run-diagram.png') });

    // Run again: a new run of the workflow with the same input opens; a settled run offers no cancel.
    expect(await page.locator('[data-testid=run-cancel]').count()).toBe(0);
    const firstRun = page.url();
    await page.click('[data-testid=run-rerun]');
    await page.waitForFunction((u) => location.href !== u && /^#\/runs\/[^/]+$/.test(location.hash), firstRun, {
      timeout: TIMEOUT,
    });
    await page.locator('[data-testid=run-detail] [data-testid=run-flow]').waitFor({ timeout: TIMEOUT });
    expect(page.url()).not.toBe(firstRun);
    await page.goto(firstRun);
    await page.locator('[data-testid=run-status]', { hasText: 'completed' }).waitFor({ timeout: TIMEOUT });

    // The run's event link opens that event in the events view (not the trigger tester).
    await page.click('[data-testid=run-event-link]');
    await page
      .locator('[data-testid=event-detail] [data-testid=event-decision][data-match=true]')
      .waitFor({ timeout: TIMEOUT });
    expect(await page.locator('[data-testid=trigger-test]').count()).toBe(0);

    // The conversation page, from the simulator card: the events of the call with the trigger that
    // fired, the run it started, and the run's two requests about the call with their answers.
    await page.click('[data-nav=simulator]');
    await page
      .locator(
        `[data-testid=conversation][data-conversation-id="${conversationId}"] [data-testid=conversation-page-link]`,
      )
      .click();
    const convView = page.locator('[data-testid=conversation-view]');
    await convView.locator('[data-testid=conversation-decision]', { hasText: TRIGGER }).waitFor({ timeout: TIMEOUT });
    expect(await convView.locator('[data-testid=conversation-id]').textContent()).toBe(conversationId);
    expect(await convView.locator('[data-testid=conversation-event][data-topic="user.start"]').count()).toBeGreaterThan(
      0,
    );
    await convView.locator('[data-testid=conversation-run][data-status=completed]').waitFor({ timeout: TIMEOUT });
    const calls = await convView
      .locator('[data-testid=conversation-call]')
      .evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
    expect(
      calls.some(
        (c) =>
          c.includes(`POST /api/v2/conversations/${conversationId}/disconnect`) ||
          c.includes(`PATCH /api/v2/conversations/calls/${conversationId}`),
      ),
    ).toBe(true);
    expect(
      calls.some(
        (c) => c.includes(`PUT /api/v2/conversations/${conversationId}/tags`) && c.includes('Put Conversation Tag'),
      ),
    ).toBe(true);
    await shot(page, '06b-conversation');
    // The run links back to the conversation.
    await convView.locator('[data-testid=conversation-run] a').first().click();
    await page
      .locator('[data-testid=run-conversation-link]', { hasText: conversationId! })
      .waitFor({ timeout: TIMEOUT });

    // The emulator's analytics agree with what the console showed.
    const res = await emulator.fetch(`/api/v2/analytics/conversations/${conversationId}/details`, {
      headers: { Authorization: `Bearer ${emulator.adminToken()}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { externalTag?: string }).externalTag).toBe('No Queue');

    // Outbound form: Carol calls on behalf of the Sales queue (the seed leaves queue calls alone).
    await page.click('[data-nav=outbound]');
    const outbound = page.locator('[data-testid=outbound-view]');
    await outbound.locator('input[name=from]').fill('carol@example.com');
    await outbound.locator('input[name=to]').fill('(317) 555-0100');
    await outbound.locator('select[name=queue]').selectOption(DEMO.queues.sales);
    await outbound.locator('button[type=submit]').click();
    const placed = outbound.locator('[data-testid=outbound-result]');
    await placed.waitFor({ timeout: TIMEOUT });
    expect(await outbound.locator('[data-testid=outbound-title]').textContent()).toMatch(/^Placed/);
    const result = JSON.parse((await placed.textContent())!) as { e164: string; userId: string; queueId: string };
    expect(result).toMatchObject({ e164: '+13175550100', userId: DEMO.users.carol, queueId: DEMO.queues.sales });
    await shot(page, '07-outbound');

    // Nothing secret reached the page.
    expect(await page.content()).not.toContain(emulator.admin.clientSecret);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('at 1280×800: an SMS sent through the agentless API shows under "Sent without an agent" in the simulator view', async () => {
    const text = 'Your callback is booked for 3 pm';
    const res = await emulator.fetch('/api/v2/conversations/messages/agentless', {
      method: 'POST',
      headers: { Authorization: `Bearer ${emulator.adminToken()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        fromAddress: '+13175550000',
        toAddress: '+13175550123',
        toAddressMessengerType: 'sms',
        textBody: text,
      }),
    });
    expect(res.status).toBe(200);
    const { context, page } = await open({ width: 1280, height: 800 });
    await page.click('[data-nav=simulator]');
    const row = page.locator('[data-testid=sent-message]', { hasText: text });
    await row.waitFor({ timeout: TIMEOUT });
    expect(await row.innerText()).toContain('+13175550123');
    expect(await row.innerText()).toContain('SMS');
    await shot(page, '07b-simulator-sent-messages');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('at 390×844 (phone width): the navigation works and nothing overflows the screen', async () => {
    const { context, page } = await open({ width: 390, height: 844 });
    const nav = page.locator('nav.nav');
    expect(await nav.isVisible()).toBe(true);
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
    expect(widths.doc).toBeLessThanOrEqual(widths.view);
    await shot(page, '08-phone-events');

    for (const view of ['triggers', 'runs', 'simulator', 'outbound', 'check'] as const) {
      const link = page.locator(`[data-nav=${view}]`);
      await link.scrollIntoViewIfNeeded();
      await link.click();
      await page.locator(`[data-testid=${view}-view]`).waitFor({ timeout: TIMEOUT });
      expect(await link.getAttribute('aria-current')).toBe('page');
      const w = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(w, `the ${view} view overflows a phone-width screen`).toBeLessThanOrEqual(390);
    }
    await page.click('[data-nav=runs]');
    await page.locator('[data-testid=run-row]').first().click();
    await page.locator('[data-testid=run-timeline]').waitFor({ timeout: TIMEOUT });
    const phoneNode = page
      .locator(
        '[data-testid=run-diagram] [data-testid=diagram-node]:not([data-visits="0"]):not([data-node-id=end]):not([data-node-id=start])',
      )
      .last();
    await phoneNode.waitFor({ timeout: TIMEOUT });
    const phoneNodeId = await phoneNode.getAttribute('data-node-id');
    await phoneNode.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.activeElement?.getAttribute('data-action-id') === id, phoneNodeId, {
      timeout: TIMEOUT,
    });
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth),
      'the run picture overflows a phone-width screen',
    ).toBeLessThanOrEqual(390);
    await shot(page, '09-phone-run');
    await page.click('[data-nav=simulator]');
    await page.locator('[data-testid=conversation]').first().waitFor({ timeout: TIMEOUT });
    await shot(page, '10-phone-simulator');
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
