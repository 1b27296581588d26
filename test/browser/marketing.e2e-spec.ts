import type { Page } from 'playwright-core';
import { FakeSmtpServer } from '../support/fake-smtp-server';
import { OPERATOR, OPERATOR_ENV } from '../support/people';
import { createSendingWorkspace, SendingWorkspace } from '../support/sending-workspace';
import { bearer } from '../support/test-app';
import { BrowserApp, seriousAccessibilityProblems, startBrowserApp } from '../support/browser';

/** Two good rows and, on line 3 of the file (the header is line 1), an address that is not one. */
const CSV_WITH_A_BAD_ROW =
  'email,first_name,last_name\nada@example.com,Ada,Lovelace\nnot-an-address,Bad,Row\ngrace@example.com,Grace,Hopper\n';
const FIFTY = 50;

describe('contacts, lists and broadcasts in the browser', () => {
  let app: BrowserApp;
  let smtp: FakeSmtpServer;
  let ws: SendingWorkspace;
  let page: Page;
  let fiftyListId: string;
  let broadcastUrl: string;
  let listUrl: string;
  let contactUrl: string;

  const signIn = async (target: Page) => {
    await target.goto('/login');
    await target.getByLabel('Email').fill(OPERATOR.email);
    await target.getByLabel(/^Password/).fill(OPERATOR.password);
    await target.getByRole('button', { name: 'Sign in' }).click();
    await target.waitForURL((url) => url.pathname !== '/login');
  };
  const at = (path: string) => `/w/${ws.id}${path}`;
  const heading = (target: Page, name: string) => target.getByRole('heading', { level: 1, name }).waitFor();

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'none', authOptional: true });
    await smtp.start();
    app = await startBrowserApp({ worker: true, env: OPERATOR_ENV });
    ws = await createSendingWorkspace(app.t, {
      smtp,
      integration: {
        usage: { transactional: true, marketing: true },
        senders: [{ name: 'News', email: 'news@example.com' }],
        rateLimitPerMinute: 6000,
      },
    });
    // Fifty members with first names, made through the API: the broadcast to them is what the UI is tested on.
    const list = await app.t.http.post(`/v1/workspaces/${ws.id}/lists`).set(bearer(ws.adminKey)).send({ name: 'Fifty' }).expect(201);
    fiftyListId = list.body.id;
    const rows = Array.from({ length: FIFTY }, (_, index) => `member${index}@example.com,Member${index}`);
    await app.t.http
      .post(`/v1/workspaces/${ws.id}/lists/${fiftyListId}/import`)
      .set(bearer(ws.adminKey))
      .set('Content-Type', 'text/csv')
      .send(`email,first_name\n${rows.join('\n')}\n`)
      .expect(200);
    page = await app.newPage();
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  it('signs in as the operator', async () => {
    await signIn(page);
    await page.goto(at('/lists'));
    await heading(page, 'Lists');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('imports a CSV into a new list, showing what was imported and the rejected row by its line and reason', async () => {
    await page.getByRole('button', { name: 'New list' }).click();
    await page.getByLabel('Name').fill('Customers');
    await page.getByRole('button', { name: 'Create list' }).click();
    await heading(page, 'Customers');
    listUrl = page.url();

    await page.locator('input[type="file"]').setInputFiles({
      name: 'customers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV_WITH_A_BAD_ROW),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const result = page.getByRole('status', { name: 'Import result' });
    await expect(result.getByTestId('import-imported').textContent()).resolves.toBe('2');
    await expect(result.getByTestId('import-rejected').textContent()).resolves.toBe('1');
    const rejected = result.getByRole('row').filter({ hasText: 'not-an-address' });
    await expect(rejected.getByRole('cell').allTextContents()).resolves.toEqual(['3', 'not-an-address', 'not a valid email address']);

    const members = page.getByRole('table').filter({ hasText: 'Joined' });
    await members.getByRole('link', { name: 'grace@example.com' }).waitFor();
    await expect(members.getByRole('row').count()).resolves.toBe(3); // the header and two members
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it("shows each member's subscription status on the list and changes it", async () => {
    const ada = page.getByRole('row').filter({ hasText: 'ada@example.com' });
    await ada.getByRole('button', { name: 'Unsubscribe: ada@example.com' }).click();
    await ada.getByText('unsubscribed', { exact: true }).waitFor();
    // The radio of the segmented control is visually hidden behind its label, which is what a person clicks.
    await page
      .locator('label')
      .filter({ hasText: /^Unsubscribed$/ })
      .click();
    await page.waitForURL(/status=unsubscribed/);
    const members = page.getByRole('table').filter({ hasText: 'Joined' });
    await members.getByRole('link', { name: 'grace@example.com' }).waitFor({ state: 'detached' });
    await expect(members.getByRole('link').allTextContents()).resolves.toEqual(['ada@example.com']);
    await page.goBack();
    await page.getByRole('link', { name: 'grace@example.com' }).waitFor();
  });

  it('edits a contact, showing the refusal of the API next to the field it names', async () => {
    await page.getByRole('link', { name: 'grace@example.com' }).click();
    await heading(page, 'grace@example.com');
    contactUrl = page.url();
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/^email ada@example\.com already belongs to contact/).waitFor();
    const email = page.getByLabel('Email');
    await expect(email.getAttribute('aria-invalid')).resolves.toBe('true');

    await email.fill('grace.hopper@example.com');
    await page.getByLabel('First name').fill('Amazing Grace');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await heading(page, 'grace.hopper@example.com');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('asks before deleting a contact', async () => {
    await page.goto(at('/contacts?email=ada%40example.com'));
    await page.getByRole('link', { name: 'ada@example.com' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this contact?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.getByRole('button', { name: 'Delete contact' }).click();
    await page.waitForURL((url) => url.pathname === at('/contacts'));
    await page.getByRole('link', { name: 'grace.hopper@example.com' }).waitFor();
    await expect(page.getByRole('link', { name: 'ada@example.com' }).count()).resolves.toBe(0);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('writes a broadcast whose preview renders the chosen contact and shows a Liquid error at its line', async () => {
    await page.goto(at('/broadcasts'));
    await heading(page, 'Broadcasts');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.getByRole('link', { name: 'New broadcast' }).click();
    await heading(page, 'New broadcast');

    await page.getByRole('textbox', { name: /^Name/ }).fill('Spring news');
    await page.getByRole('combobox', { name: /^List/ }).click();
    await page.getByRole('option', { name: 'Fifty' }).click();
    await page.getByRole('textbox', { name: /^Subject/ }).fill('Spring news for {{ contact.first_name }} [ui-fifty]');
    await page
      .getByRole('textbox', { name: 'HTML' })
      .fill('<p>Dear {{ contact.first_name }},</p>\n<p>spring is here.</p>\n<p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>');

    await page.getByRole('combobox', { name: /^Preview for/ }).click();
    await page.getByRole('option', { name: 'member7@example.com (Member7)' }).click();
    await page.getByTestId('preview-subject').filter({ hasText: 'Spring news for Member7 [ui-fifty]' }).waitFor();
    await page.frameLocator('iframe[title="HTML preview"]').getByText('Dear Member7,').waitFor();

    const html = page.getByRole('textbox', { name: 'HTML' });
    await html.fill('<p>Dear {{ contact.first_name }},</p>\n<p>spring is here.</p>\n{% if contact.first_name %}\n<p>See you</p>');
    await page.getByText(/^Line 3, column 1: tag \{% if contact\.first_name %\} not closed$/).waitFor();
    await page.getByText('3 | {% if contact.first_name %}').waitFor();
    await expect(html.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await html.fill(
      '<p>Dear {{ contact.first_name }},</p>\n<p>spring is here.</p>\n<p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>',
    );
    await page.getByText(/^Line 3/).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/broadcasts\/[0-9a-f-]{36}$/);
    broadcastUrl = page.url();
    await heading(page, 'Spring news');
  });

  it('sends a test of the saved draft, rendered for the contact the preview shows', async () => {
    await page.getByRole('combobox', { name: /^Preview for/ }).click();
    await page.getByRole('option', { name: 'member3@example.com (Member3)' }).click();
    const before = smtp.messages.length;
    await page.getByRole('textbox', { name: /^Send a test to/ }).fill('author@example.com');
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByText('Test queued.').waitFor();
    const test = (await smtp.waitForMessages(before + 1, 10_000))[before]!;
    expect(test.envelope.rcptTo).toEqual(['author@example.com']);
    expect(test.headers.subject).toBe('[Test] Spring news for Member3 [ui-fifty]');
  });

  it('sends the broadcast to its 50 members, the live counts reaching 50 sent', async () => {
    await page.getByRole('button', { name: 'Send now' }).click();
    await page.getByRole('dialog', { name: 'Send this broadcast now?' }).getByRole('button', { name: 'Send now' }).click();
    await page.getByText('Live: updating while it sends').waitFor();
    await page.getByTestId('count-sent').filter({ hasText: /^50$/ }).waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('count-recipients').textContent()).resolves.toBe('50');
    await expect(page.getByTestId('count-failed').textContent()).resolves.toBe('0');
    await page.getByText('sent', { exact: true }).waitFor();
    const delivered = smtp.messages.filter((message) => message.envelope.rcptTo[0]?.startsWith('member'));
    expect(delivered).toHaveLength(FIFTY);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  }, 60_000);

  it('finds nothing serious for axe on every page in dark mode', async () => {
    const dark = await app.newPage({ colorScheme: 'dark' });
    await signIn(dark);
    // The broadcast pages are checked with their preview rendered, frame included.
    const pages: { url: string; title: string; preview?: true }[] = [
      { url: at('/contacts'), title: 'Contacts' },
      { url: contactUrl, title: 'grace.hopper@example.com' },
      { url: at('/lists'), title: 'Lists' },
      { url: listUrl, title: 'Customers' },
      { url: at('/broadcasts'), title: 'Broadcasts' },
      { url: at('/broadcasts/new'), title: 'New broadcast', preview: true },
      { url: broadcastUrl, title: 'Spring news', preview: true },
    ];
    for (const { url, title, preview } of pages) {
      await dark.goto(url);
      await heading(dark, title);
      await dark.getByLabel('Loading').waitFor({ state: 'detached' });
      if (preview) await dark.getByTestId('preview-subject').waitFor();
      expect({ url, problems: await seriousAccessibilityProblems(dark) }).toEqual({ url, problems: [] });
    }
  }, 60_000);
});
