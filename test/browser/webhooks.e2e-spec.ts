import type { Page } from 'playwright-core';
import { BrowserApp, seriousAccessibilityProblems, startBrowserApp } from '../support/browser';
import { openPage, signedInPage } from '../support/browser-pages';
import { OPERATOR, OPERATOR_ENV } from '../support/people';
import { bearer } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { CreatedWorkspace, createWorkspace } from '../support/workspace-factory';

/** Two pages, each checked by axe in two colour schemes. */
const AXE_TIMEOUT_MS = 60_000;

describe('webhooks in the browser', () => {
  let app: BrowserApp;
  let receiver: WebhookReceiver;
  let ws: CreatedWorkspace;
  let page: Page;
  let dark: Page;
  let endpointPath: string;
  const list = () => `/w/${ws.id}/webhooks`;

  async function expectAccessibleInBothSchemes(path: string, title: string): Promise<void> {
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await openPage(dark, path, title);
    expect(await seriousAccessibilityProblems(dark)).toEqual([]);
  }

  /** The delivery log's row of the test event `eventId` (not the row of its attempts beneath). */
  const logRow = (eventId: string) => page.getByRole('row', { name: new RegExp(`^webhook\\.test ${eventId}`) });

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    // The worker runs, but retries wait ten minutes: a delivery that got a 500 stays pending until Retry.
    app = await startBrowserApp({ worker: true, env: { ...OPERATOR_ENV, WEBHOOK_RETRY_DELAYS_MS: '600000' } });
    ws = await createWorkspace(app.t, 'Acme');
    page = await signedInPage(app, OPERATOR);
    dark = await signedInPage(app, OPERATOR, { colorScheme: 'dark' });
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.stop();
  });

  it(
    'an empty list says what to do; a new endpoint shows its signing secret once, with how to verify it',
    async () => {
      await openPage(page, list(), 'Webhooks');
      await page.getByText('No endpoint yet').waitFor();
      await expectAccessibleInBothSchemes(list(), 'Webhooks');

      await page.getByRole('button', { name: 'New endpoint' }).click();
      await page.getByLabel('URL').fill(receiver.url());
      await page.getByLabel('Description').fill('Order system');
      await expect(page.getByRole('checkbox', { name: /Every event type/ }).isChecked()).resolves.toBe(true);
      await page.getByRole('button', { name: 'Create endpoint' }).click();

      const secret = (await page.getByTestId('shown-once').textContent()) ?? '';
      expect(secret).toMatch(/^whsec_/);
      receiver.secret = secret;
      const card = await page.locator('main').innerText();
      for (const words of ['standardwebhooks', 'webhook-id', 'webhook-timestamp', 'webhook-signature']) expect(card).toContain(words);

      const row = page.getByRole('row').filter({ hasText: receiver.url() });
      await row.getByText('Order system').waitFor();
      await expect(row.innerText()).resolves.toMatch(/all\s+Yes\s+active/i);
      await expectAccessibleInBothSchemes(list(), 'Webhooks');

      // Shown once: a fresh load of the list has no secret in it.
      await openPage(page, list(), 'Webhooks');
      await expect(page.getByTestId('shown-once').count()).resolves.toBe(0);
      await page.getByRole('link', { name: receiver.url() }).click();
      await page.getByRole('heading', { level: 1, name: 'Webhook endpoint' }).waitFor();
      endpointPath = new URL(page.url()).pathname;
    },
    AXE_TIMEOUT_MS,
  );

  it(
    'a test event reaches the receiver signed with the secret shown, and the page shows its 2xx and logs it',
    async () => {
      await page.getByText('Nothing delivered yet').waitFor();
      await page.getByRole('button', { name: 'Send test event' }).click();

      const [test] = await receiver.waitFor('webhook.test');
      expect(test).toMatchObject({ type: 'webhook.test', verified: true, verification: null });
      const attempt = page.getByTestId('test-attempt');
      await attempt.getByText('HTTP 200').waitFor();
      await expect(attempt.innerText()).resolves.toMatch(/\d+ ms/);
      await expect(attempt.innerText()).resolves.toContain('ok');

      const row = logRow(test!.id);
      await row.getByText('delivered').waitFor();
      await expect(row.innerText()).resolves.toContain('webhook.test');
      await row.getByRole('button', { name: /Show attempts/ }).click();
      const attempts = page.getByRole('table', { name: `Attempts of webhook.test ${test!.id}` });
      await attempts.getByText('HTTP 200').waitFor();
      await expectAccessibleInBothSchemes(endpointPath, 'Webhook endpoint');
    },
    AXE_TIMEOUT_MS,
  );

  it('a receiver answering 500 leaves the delivery pending with its attempt logged; Retry once it is fixed delivers it', async () => {
    receiver.answer = () => ({ status: 500, body: 'database is down' });
    await openPage(page, endpointPath, 'Webhook endpoint');
    await page.getByRole('button', { name: 'Send test event' }).click();
    const [, broken] = await receiver.waitFor('webhook.test', 2);
    await page.getByTestId('test-attempt').getByText('HTTP 500').waitFor();

    const row = logRow(broken!.id);
    await row.getByText('pending').waitFor();
    await row.getByRole('button', { name: /Show attempts/ }).click();
    const attempts = page.getByRole('table', { name: `Attempts of webhook.test ${broken!.id}` });
    await attempts.getByText('HTTP 500').waitFor();
    await attempts.getByText('database is down').waitFor();

    // The filter lives in the URL: only the pending one is listed.
    await page.getByLabel('Status', { exact: true }).selectOption('pending');
    await page.waitForURL('**?status=pending');
    await logRow(receiver.ofType('webhook.test')[0]!.id).waitFor({ state: 'detached' });
    await row.waitFor();
    await expectAccessibleInBothSchemes(`${endpointPath}?status=pending`, 'Webhook endpoint');

    receiver.answer = () => ({ status: 204 });
    await page.getByLabel('Status', { exact: true }).selectOption('');
    await row.getByRole('button', { name: /^Retry/ }).click();
    const retried = (await receiver.waitFor('webhook.test', 3))[2]!;
    expect(retried).toMatchObject({ id: broken!.id, verified: true });
    await row.getByText('delivered').waitFor();
    await expect(row.getByRole('cell').nth(3).textContent()).resolves.toBe('2');
  });

  it('names the API’s refusal next to the URL field and saves a change of events', async () => {
    await openPage(page, endpointPath, 'Webhook endpoint');
    const settings = page.getByRole('form', { name: 'Endpoint settings' });
    await settings.getByLabel('URL').fill('ftp://example.com/hooks');
    await settings.getByRole('button', { name: 'Save changes' }).click();
    await settings.getByText('url must be an absolute http or https URL').waitFor();

    await settings.getByLabel('URL').fill(receiver.url());
    await settings.getByRole('checkbox', { name: /Every event type/ }).uncheck();
    await settings.getByRole('checkbox', { name: 'message.failed' }).check();
    await settings.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Endpoint saved.').waitFor();
    const saved = await app.t.http.get(`/v1/workspaces/${ws.id}/webhooks`).set(bearer(ws.adminKey));
    expect(saved.body.data[0]).toMatchObject({ url: receiver.url(), events: ['message.failed'] });
  });
});
