import type { Locator, Page } from 'playwright-core';
import { TrackingEventWriter } from '../../apps/api/src/tracking/tracking-event-writer';
import { BrowserApp, seriousAccessibilityProblems, startBrowserApp } from '../support/browser';
import { DeliveryWatcher } from '../support/delivery-watcher';
import { FakeSmtpServer } from '../support/fake-smtp-server';
import { mimeParts } from '../support/mime-parts';
import { OPERATOR, OPERATOR_ENV } from '../support/people';
import { pollUntil } from '../support/poll-until';
import { createSendingWorkspace, SendingWorkspace } from '../support/sending-workspace';
import { bearer } from '../support/test-app';

const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

describe('messages and overview in the browser', () => {
  let app: BrowserApp;
  let smtp: FakeSmtpServer;
  let watcher: DeliveryWatcher;
  let ws: SendingWorkspace;
  let page: Page;
  let welcomeId: string;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({
      security: 'none',
      authOptional: true,
      respond: { rcptTo: (address) => (address === 'nobody@example.com' ? '550 5.1.1 <nobody@example.com>: User unknown' : undefined) },
    });
    await smtp.start();
    app = await startBrowserApp({ worker: true, env: OPERATOR_ENV });
    watcher = await DeliveryWatcher.start(app.t);
    ws = await createSendingWorkspace(app.t, { smtp, integration: { name: 'Company SMTP' } });
    page = await app.newPage();
  });
  afterAll(async () => {
    await watcher.close();
    await app.close();
    await smtp.stop();
  });

  async function signIn(on: Page): Promise<void> {
    await on.goto('/login');
    await on.getByLabel('Email').fill(OPERATOR.email);
    await on.getByLabel(/^Password/).fill(OPERATOR.password);
    await on.getByRole('button', { name: 'Sign in' }).click();
    await on.waitForURL((url) => url.pathname !== '/login');
  }

  const send = async (body: Record<string, unknown>) =>
    (await app.t.http.post(`/v1/workspaces/${ws.id}/messages`).set(bearer(ws.sendKey)).send(body).expect(202)).body.id as string;

  /** Reloads until `locator` is on the page: what the API wrote since the page loaded shows on a fresh load. */
  const reloadUntilShown = (on: Page, locator: Locator) =>
    pollUntil(
      `${locator.toString()} on the page`,
      async () => {
        await on.reload();
        await on.getByRole('heading', { level: 1 }).waitFor();
        return locator.count();
      },
      (count) => count > 0,
      { intervalMs: 200 },
    );

  const rowOf = (on: Page, subject: string) => on.getByRole('row').filter({ has: on.getByRole('link', { name: subject, exact: true }) });

  it('signs in and shows the empty messages page', async () => {
    await signIn(page);
    await page.goto(`/w/${ws.id}/messages`);
    await page.getByText('No message yet').waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('a message sent through the API appears in the table', async () => {
    welcomeId = await send({
      to: ['reader@example.com'],
      subject: 'Welcome aboard',
      html: '<p>Hello <a href="https://example.com/start">start</a></p>',
    });
    const lost = await send({ to: ['nobody@example.com'], subject: 'Lost letter', text: 'x' });
    await watcher.finished([welcomeId, lost]);
    await reloadUntilShown(page, rowOf(page, 'Lost letter'));
    await expect(rowOf(page, 'Welcome aboard').getByText('sent', { exact: true }).count()).resolves.toBe(1);
    await expect(rowOf(page, 'Lost letter').getByText('failed', { exact: true }).count()).resolves.toBe(1);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('filters by status and recipient through the URL, and the back button restores the previous filter', async () => {
    await page.getByLabel('Status').selectOption('failed');
    await page.waitForURL((url) => url.searchParams.get('status') === 'failed');
    await rowOf(page, 'Welcome aboard').waitFor({ state: 'detached' });
    await expect(rowOf(page, 'Lost letter').count()).resolves.toBe(1);

    // Typed but not yet searched: choosing a status keeps it.
    await page.getByLabel('Recipient').fill('reader@example.com');
    await page.getByLabel('Status').selectOption('');
    await page.waitForURL((url) => !url.searchParams.has('status'));
    await expect(page.getByLabel('Recipient').inputValue()).resolves.toBe('reader@example.com');
    await page.getByLabel('Recipient').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('to') === 'reader@example.com');
    await rowOf(page, 'Lost letter').waitFor({ state: 'detached' });
    await expect(rowOf(page, 'Welcome aboard').count()).resolves.toBe(1);

    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('to') && !url.searchParams.has('status'));
    await rowOf(page, 'Lost letter').waitFor();
    await expect(page.getByLabel('Recipient').inputValue()).resolves.toBe('');
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('status') === 'failed');
    await rowOf(page, 'Welcome aboard').waitFor({ state: 'detached' });
    await expect(page.getByLabel('Status').inputValue()).resolves.toBe('failed');
  });

  it("the message page shows the SMTP server's reply in the timeline, then the recipient's open", async () => {
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('link', { name: 'Welcome aboard', exact: true }).click();
    await page.waitForURL(`**/w/${ws.id}/messages/${welcomeId}`);
    const timeline = page.locator('.mantine-Timeline-root');
    await timeline.getByText('Sent', { exact: true }).waitFor();
    await timeline.getByText(/^SMTP reply: 250/).waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    const mail = smtp.messages.find((received) => received.envelope.rcptTo.includes('reader@example.com'))!;
    const pixel = /<img src="([^"]+)"/.exec(mimeParts(mail.raw.toString('utf8')).get('text/html')!)![1]!;
    expect(pixel.startsWith(`${app.baseUrl}/t/o/`)).toBe(true);
    await app.t.http.get(new URL(pixel).pathname).set('User-Agent', BROWSER).expect(200);
    await app.t.app.get(TrackingEventWriter).flush();
    await reloadUntilShown(page, timeline.getByText('Opened', { exact: true }));
    await expect(timeline.getByText('person', { exact: true }).count()).resolves.toBe(1);
  });

  it("the overview counts the day's mail and shows the integration's health", async () => {
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.waitForURL(`**/w/${ws.id}`);
    await expect(page.getByTestId('total-sent').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('total-failed').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('total-opened').textContent()).resolves.toBe('1');
    await expect(page.getByRole('link', { name: 'Company SMTP' }).getAttribute('href')).resolves.toBe(
      `/w/${ws.id}/integrations/${ws.integration.id}`,
    );
    await page.getByText('Last 7 days', { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('period') === '7d');
    await expect(page.getByTestId('total-sent').textContent()).resolves.toBe('1');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('period'));
    await page.getByRole('radio', { name: 'Last 24 hours', checked: true }).waitFor({ state: 'attached' });
  });

  it("the message page lists the message's attachments by name, type and size, the inline image marked", async () => {
    const id = await send({
      to: ['reader@example.com'],
      subject: 'Your invoice',
      html: '<img src="cid:logo" alt="Acme"><p>Attached.</p>',
      attachments: [
        { filename: 'invoice-2026-001.pdf', content: Buffer.alloc(48_213, 1).toString('base64') },
        { filename: 'logo.png', content: Buffer.alloc(512, 2).toString('base64'), contentId: 'logo' },
      ],
    });
    await page.goto(`/w/${ws.id}/messages/${id}`);
    const attachments = page.getByRole('list', { name: 'Attachments' });
    await attachments.waitFor();
    await expect(attachments.getByRole('listitem').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^invoice-2026-001\.pdf\s+application\/pdf, 48\.2 kB$/),
      // Mantine writes badges in capitals.
      expect.stringMatching(/^logo\.png\s+image\/png, 512 bytes\s+inline$/i),
    ]);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    const dark = await app.newPage({ colorScheme: 'dark' });
    await signIn(dark);
    await dark.goto(`/w/${ws.id}/messages/${id}`);
    await dark.getByRole('list', { name: 'Attachments' }).waitFor();
    expect(await seriousAccessibilityProblems(dark)).toEqual([]);
  });

  it('finds nothing serious for axe on all three pages in dark mode', async () => {
    const dark = await app.newPage({ colorScheme: 'dark' });
    await signIn(dark);
    const pages: [string, Locator][] = [
      [`/w/${ws.id}`, dark.getByTestId('total-sent')],
      [`/w/${ws.id}/messages`, dark.getByRole('link', { name: 'Welcome aboard', exact: true })],
      [`/w/${ws.id}/messages/${welcomeId}`, dark.getByText('Opened', { exact: true })],
    ];
    for (const [path, loaded] of pages) {
      await dark.goto(path);
      await loaded.waitFor();
      expect(await seriousAccessibilityProblems(dark)).toEqual([]);
    }
  });
});
