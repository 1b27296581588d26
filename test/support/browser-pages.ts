import type { Page } from 'playwright-core';
import type { BrowserApp } from './browser';
import { signIn } from './people';

/** A fresh browser profile already signed in as the person (their session cookie set), in the colour scheme asked for. */
export async function signedInPage(
  app: BrowserApp,
  person: { email: string; password: string },
  { colorScheme = 'light', code }: { colorScheme?: 'light' | 'dark'; code?: string } = {},
): Promise<Page> {
  const page = await app.newPage({ colorScheme });
  const token = await signIn(app.t, person.email, person.password, code ? { code } : {});
  await page.context().addCookies([{ name: 'mailroom_session', value: token, url: app.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
  return page;
}

/**
 * Opens a dashboard URL on a fresh load and waits until its page is drawn (its heading, the one
 * named `title` when given) and nothing on it is loading any more.
 */
export async function openPage(page: Page, path: string, title?: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1, ...(title ? { name: title, exact: true } : {}) }).waitFor();
  await settled(page);
}

/** Waits until the input labelled `label` holds `value` (a select whose change went to the server and came back). */
export async function inputHolds(page: Page, label: string, value: string): Promise<void> {
  // React writes a controlled input's value to its attribute too; the page's CSP forbids evaluating strings.
  await page.locator(`input[aria-label="${label}"][value="${value}"]`).waitFor();
}

/** Every query of the page has answered: no loader is left. */
async function settled(page: Page): Promise<void> {
  await page.waitForSelector('[aria-busy="true"]', { state: 'detached' });
}
