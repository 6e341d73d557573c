// The events view under load in a real browser (playwright-core driving the system's Chromium):
// the runtime ingests about 2,000 events a second while a person clicks a row and sees its detail,
// opens another with the keyboard, pauses and watches the "N new events" counter grow, and
// resumes. Frame times (requestAnimationFrame deltas) are measured during the load, printed and
// saved to test-artifacts/console/events-frame-times.json; only the interactions are asserted.
// Other console bugs are checked here too: an unknown route shows a not-found view, and the
// triggers table keeps its workflow column on a phone-width screen.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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

const ROOT = resolve(import.meta.dirname, '..');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'console');
const TIMEOUT = 20_000;
/** Target load: events per second, pushed in slices every 10 ms. */
const RATE = 2000;
const MEASURE_MS = 4000;

/** A user.start of a queued call (the seed trigger evaluates it and does not match) or a customer.start (no trigger). */
function notification(i: number): unknown {
  const conversationId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const kind = i % 2 === 0 ? 'user.start' : 'customer.start';
  return {
    topicName: `v2.detail.events.conversation.${conversationId}.${kind}`,
    version: '2',
    eventBody: {
      conversationId,
      userId: DEMO.users.bob,
      queueId: DEMO.queues.sales,
      mediaType: 'VOICE',
      direction: 'OUTBOUND',
      eventTime: Date.UTC(2026, 0, 5, 9),
    },
    metadata: { CorrelationId: `load-${i}` },
  };
}

describe.skipIf(SKIP)(SKIP ? SKIP_MESSAGE : 'events view under load in a real browser', () => {
  let emulator: Emulator;
  let runtime: Runtime;
  let web: ListeningConsole;
  let browser: Browser;
  const pageErrors: string[] = [];

  const open = async (viewport: { width: number; height: number }, hash = ''): Promise<Page> => {
    const context = await browser.newContext({ viewport, colorScheme: 'light' });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${web.url}${hash}`);
    await page.locator('[data-testid=live-state]', { hasText: 'live' }).waitFor({ timeout: TIMEOUT });
    return page;
  };

  beforeAll(async () => {
    expect(HAVE_BROWSER, `no Chromium at ${CHROMIUM}`).toBe(true);
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

  it('at ~2,000 events/s: a clicked row opens, Enter opens another, pause counts new events, resume shows them', async () => {
    const page = await open({ width: 1280, height: 800 }, '#/events');
    let sent = 0;
    let stopped = false;
    const pump = (async () => {
      const started = Date.now();
      while (!stopped) {
        const due = Math.floor(((Date.now() - started) / 1000) * RATE);
        const batch: Promise<unknown>[] = [];
        while (sent < due) batch.push(runtime.ingest(notification(sent++), 'load'));
        await Promise.all(batch);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    try {
      await page.locator('[data-testid=event-row]').nth(5).waitFor({ timeout: TIMEOUT });
      const frames = page.evaluate(
        (ms) =>
          new Promise<number[]>((done) => {
            const deltas: number[] = [];
            let last = performance.now();
            const end = last + ms;
            const tick = (now: number): void => {
              deltas.push(now - last);
              last = now;
              if (now < end) requestAnimationFrame(tick);
              else done(deltas);
            };
            requestAnimationFrame(tick);
          }),
        MEASURE_MS,
      );

      // A click lands on a row while events stream in (the list holds still under the pointer),
      // and its detail opens.
      await page.hover('[data-testid=events-list]');
      await page.locator('[data-testid=events-new]').waitFor({ timeout: TIMEOUT });
      const row = page.locator('[data-testid=event-row]').nth(3);
      const seq = await row.getAttribute('data-seq');
      await row.click();
      await page
        .locator(`[data-testid=event-detail] code`, { hasText: new RegExp(`^${seq}$`) })
        .waitFor({ timeout: TIMEOUT });

      // Pause: the list holds still and the counter grows; resume shows the new events.
      await page.click('[data-testid=events-pause]');
      await page.mouse.move(1, 1);
      const top = await page.locator('[data-testid=event-row]').first().getAttribute('data-seq');
      await page
        .locator('[data-testid=events-new]', { hasText: /^[1-9]\d*\+? new events?$/ })
        .waitFor({ timeout: TIMEOUT });
      await page.waitForFunction(
        () => Number(/\d+/.exec(document.querySelector('[data-testid=events-new]')?.textContent ?? '')?.[0] ?? 0) > 100,
        undefined,
        { timeout: TIMEOUT },
      );
      expect(await page.locator('[data-testid=event-row]').first().getAttribute('data-seq')).toBe(top);
      const counter = (await page.locator('[data-testid=events-new]').textContent())!;

      // Keyboard: focus another row and press Enter.
      const other = page.locator('[data-testid=event-row]').nth(6);
      const otherSeq = await other.getAttribute('data-seq');
      await other.focus();
      await page.keyboard.press('Enter');
      await page
        .locator(`[data-testid=event-detail] code`, { hasText: new RegExp(`^${otherSeq}$`) })
        .waitFor({ timeout: TIMEOUT });
      expect(await other.getAttribute('aria-expanded')).toBe('true');

      await page.click('[data-testid=events-resume]');
      await page.waitForFunction(
        (t) => Number(document.querySelector('[data-testid=event-row]')?.getAttribute('data-seq')) > t,
        Number(top),
        { timeout: TIMEOUT },
      );
      expect(await page.locator('[data-testid=events-new]').count()).toBe(0);

      // The decision filter: "no match" keeps only events no trigger matched.
      await page.selectOption('[data-testid=decision-filter]', 'none');
      await page.locator('[data-testid=event-row]').first().waitFor({ timeout: TIMEOUT });
      expect(
        await page
          .locator('[data-testid=event-row] [data-testid=event-triggers] .badge:not(:has-text("no trigger"))')
          .count(),
      ).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, '11-events-under-load.png') });

      const deltas = (await frames).slice(1);
      const sorted = [...deltas].sort((a, b) => a - b);
      const pct = (p: number): number =>
        Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 10) / 10;
      const report = {
        rateTarget: RATE,
        eventsSent: sent,
        measuredMs: MEASURE_MS,
        frames: deltas.length,
        medianMs: pct(0.5),
        p95Ms: pct(0.95),
        p99Ms: pct(0.99),
        maxMs: pct(1),
        pausedCounter: counter,
      };
      writeFileSync(
        join(ARTIFACTS, 'events-frame-times.json'),
        `${JSON.stringify({ ...report, deltas: deltas.map((d) => Math.round(d * 10) / 10) }, null, 2)}\n`,
      );
      process.stdout.write(`events view frame times under load: ${JSON.stringify(report)}\n`);
      expect(deltas.length).toBeGreaterThan(0);
    } finally {
      stopped = true;
      await pump;
    }
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('an unknown route shows a not-found view and highlights no navigation item', async () => {
    const page = await open({ width: 1280, height: 800 }, '#/no-such-view');
    await page.locator('[data-testid=not-found]').waitFor({ timeout: TIMEOUT });
    expect(await page.locator('nav.nav [aria-current=page]').count()).toBe(0);
    await page.context().close();
  });

  it('at 390×844: triggers show as cards with id and workflow, events scroll inside their box', async () => {
    const page = await open({ width: 390, height: 844 }, '#/triggers');
    const card = page.locator('[data-testid=trigger-row]').first();
    await card.waitFor({ timeout: TIMEOUT });
    expect(await card.locator('[data-testid=trigger-workflow]').isVisible()).toBe(true);
    expect(await card.locator('[data-testid=trigger-id]').isVisible()).toBe(true);
    const box = (await card.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(ARTIFACTS, '12-phone-triggers-cards.png'), fullPage: true });
    await page.click('[data-nav=events]');
    await page.locator('[data-testid=events-view]').waitFor({ timeout: TIMEOUT });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
