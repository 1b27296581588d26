import { BrowserApp, seriousAccessibilityProblems, startBrowserApp } from '../support/browser';
import { openPage } from '../support/browser-pages';
import { OPERATOR_ENV } from '../support/people';

/** The pages a person meets before or without signing in, each in light and dark. */
describe('pages outside a workspace in the browser', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp({ env: OPERATOR_ENV });
  });
  afterAll(() => app.close());

  describe.each(['light', 'dark'] as const)('in %s mode', (colorScheme) => {
    it('a reset link that is not valid says so on the reset page', async () => {
      const page = await app.newPage({ colorScheme });
      await openPage(page, '/reset-password?token=not-a-real-token', 'Choose a new password');
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
      await page.getByLabel(/^New password/).fill('a brand new passphrase');
      await page.getByRole('button', { name: 'Set password' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toMatch(/link|token/i);
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
    });

    it('the forgotten-password form answers the same for any address', async () => {
      const page = await app.newPage({ colorScheme });
      await openPage(page, '/login', 'Sign in');
      await page.getByRole('button', { name: 'Forgot your password?' }).click();
      await page.getByLabel('Email').fill('nobody@example.com');
      await page.getByRole('button', { name: 'Send reset link' }).click();
      await page.getByRole('status').waitFor();
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
    });

    it('an address that is no page says so and leads back', async () => {
      const page = await app.newPage({ colorScheme });
      await openPage(page, '/no/such/page', 'No such page');
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
      await page.getByRole('link', { name: 'Go to your workspace' }).click();
      await page.waitForURL('**/login?next=%2F');
    });

    it('a set-up page without its token explains where the link comes from', async () => {
      const page = await app.newPage({ colorScheme });
      await openPage(page, '/setup', 'Set up Mailroom');
      expect(await page.getByText(/npm start/).count()).toBeGreaterThan(0);
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
    });
  });
});
