import type { Page } from 'playwright-core';
import { setupLinkIn } from '../support/people';
import { BrowserApp, seriousAccessibilityProblems, startBrowserApp } from '../support/browser';

const ADA = { name: 'Ada Lovelace', email: 'ada@example.com', password: 'analytical engine 1843' };

describe('first run in the browser', () => {
  let app: BrowserApp;
  let page: Page;

  beforeAll(async () => {
    app = await startBrowserApp({ captureLogs: true });
    page = await app.newPage();
  });
  afterAll(() => app.close());

  it('the printed set-up link creates the first operator', async () => {
    const link = setupLinkIn(app.t.logs);
    expect(link).toMatch(new RegExp(`^${app.baseUrl}/setup\\?token=`));
    await page.goto(link!);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.getByLabel('Your name').fill(ADA.name);
    await page.getByLabel('Email').fill(ADA.email);
    await page.getByLabel(/^Password/).fill(ADA.password);
    await page.getByRole('button', { name: 'Create operator' }).click();
    await page.waitForURL('**/login?setup=done');
  });

  it('a wrong password is refused on the sign-in page, with the reason', async () => {
    await page.getByLabel('Email').fill(ADA.email);
    await page.getByLabel(/^Password/).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/email or password/i);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('signs in, and an operator without workspaces is offered to create one', async () => {
    await page.getByLabel(/^Password/).fill(ADA.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/workspaces');
    await page.getByLabel('New workspace').fill('Acme Production');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await expect(page.getByTestId('shown-once').textContent()).resolves.toMatch(/^mr_/);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('opens the new workspace, and the back button returns to the list', async () => {
    await page.getByRole('link', { name: /Open Acme Production/ }).click();
    await page.waitForURL(/\/w\/[0-9a-f-]{36}\/integrations$/);
    await page.goBack();
    await page.waitForURL('**/workspaces');
    await expect(page.getByRole('link', { name: 'Acme Production', exact: true }).count()).resolves.toBe(1);
  });

  it('a deep link loads on a fresh page, and signing out ends the session', async () => {
    await page.getByRole('link', { name: 'Acme Production', exact: true }).click();
    await page.waitForURL(/\/w\/[0-9a-f-]{36}$/);
    await page.reload();
    await page.getByRole('button', { name: ADA.name }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.goto('/workspaces');
    await page.waitForURL('**/login?next=%2Fworkspaces');
  });
});
