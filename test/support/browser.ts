import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from './free-port';
import { startTestApp, TestApp, TestAppOptions } from './test-app';

/** Debian's chromium (DESIGN.md "Testing"): Playwright's own browser download cannot run here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** What `npm run build:dashboard` writes; test/support/global-setup.ts rebuilds it when the sources are newer. */
export const DASHBOARD_BUILD = join(__dirname, '..', '..', 'dist', 'dashboard');

/**
 * Without these, Chromium dials Google's hosts at start and again in the background; this machine
 * refuses such connections. As root it also needs --no-sandbox.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface BrowserApp {
  t: TestApp;
  /** The server's origin, which is also its PUBLIC_BASE_URL. */
  baseUrl: string;
  browser: Browser;
  /**
   * A fresh browser profile (no cookies) at the server. `ignoreHTTPSErrors` lets it open the fake
   * identity providers, whose certificates come from the test CA that Chromium does not know.
   */
  newPage(options?: { colorScheme?: 'light' | 'dark'; ignoreHTTPSErrors?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

/** The real API (and, with `worker: true`, the worker) listening on loopback, serving the built dashboard, and a headless Chromium. */
export async function startBrowserApp(options: TestAppOptions = {}): Promise<BrowserApp> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const t = await startTestApp({ ...options, env: { PUBLIC_BASE_URL: baseUrl, DASHBOARD_DIR: DASHBOARD_BUILD, ...options.env } });
  await t.app.listen(port, '127.0.0.1');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  return {
    t,
    baseUrl,
    browser,
    newPage: async ({ colorScheme = 'light', ignoreHTTPSErrors = false } = {}) => {
      const context = await browser.newContext({
        baseURL: baseUrl,
        colorScheme,
        ignoreHTTPSErrors,
        viewport: { width: 1280, height: 860 },
        // No fade-ins: axe would measure a dialog's colours half-way through its transition.
        reducedMotion: 'reduce',
      });
      contexts.push(context);
      context.setDefaultTimeout(10_000);
      return context.newPage();
    },
    close: async () => {
      await Promise.all(contexts.map((context) => context.close()));
      await browser.close();
      await t.close();
    },
  };
}

/** axe-core's serious and critical findings on the page as it is now, as `rule: target` lines (empty when none). */
export async function seriousAccessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')} — ${node.failureSummary ?? violation.help}`),
    );
}
