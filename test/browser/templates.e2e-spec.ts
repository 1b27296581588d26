import type { Page } from 'playwright-core';
import { FakeSmtpServer } from '../support/fake-smtp-server';
import { openPage, signedInPage } from '../support/browser-pages';
import { invitePerson, OPERATOR, OPERATOR_ENV } from '../support/people';
import { createSendingWorkspace, SendingWorkspace } from '../support/sending-workspace';
import { BrowserApp, seriousAccessibilityProblems, startBrowserApp } from '../support/browser';

const HTML = '<p>Hi {{ data.name }},</p>\n<p>welcome to {{ data.team }}.</p>';

describe('templates in the browser', () => {
  let app: BrowserApp;
  let smtp: FakeSmtpServer;
  let ws: SendingWorkspace;
  let page: Page;
  let templateUrl: string;

  const signIn = async (target: Page) => {
    await target.goto('/login');
    await target.getByLabel('Email').fill(OPERATOR.email);
    await target.getByLabel(/^Password/).fill(OPERATOR.password);
    await target.getByRole('button', { name: 'Sign in' }).click();
    await target.waitForURL((url) => url.pathname !== '/login');
  };
  const at = (path: string) => `/w/${ws.id}${path}`;
  const heading = (target: Page, name: string) => target.getByRole('heading', { level: 1, name }).waitFor();
  const versionRows = () => page.getByRole('table', { name: 'Versions' }).getByRole('row');
  /** The versions table once it shows `count` versions (the list reloads after a save). */
  const versionCount = async (count: number) => {
    await versionRows().nth(count).waitFor();
    return versionRows().count();
  };

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'none', authOptional: true });
    await smtp.start();
    app = await startBrowserApp({ worker: true, env: OPERATOR_ENV });
    ws = await createSendingWorkspace(app.t, { smtp, integration: { senders: [{ name: 'Support', email: 'support@example.com' }] } });
    page = await app.newPage();
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  it('signs in and finds no templates yet', async () => {
    await signIn(page);
    await page.goto(at('/templates'));
    await heading(page, 'Templates');
    await page.getByText(/^No templates yet/).waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('writes a template whose live preview renders the sample data, with invalid JSON and Liquid errors at their fields', async () => {
    await page.getByRole('link', { name: 'New template' }).click();
    await heading(page, 'New template');
    await page.getByRole('textbox', { name: /^Key/ }).fill('welcome');
    await page.getByRole('textbox', { name: /^Name/ }).fill('Welcome');
    await page.getByRole('textbox', { name: /^Subject/ }).fill('Welcome, {{ data.name }}');
    await page.getByRole('textbox', { name: 'HTML' }).fill(HTML);
    await page.getByRole('textbox', { name: 'Text' }).fill('Hi {{ data.name }}, welcome to {{ data.team }}.');

    const sample = page.getByRole('textbox', { name: /^Sample data/ });
    await sample.fill('{"name": "Ada", "team": ');
    await page.getByText(/^Sample data is not valid JSON/).waitFor();
    await expect(sample.getAttribute('aria-invalid')).resolves.toBe('true');
    await sample.fill('{"name": "Ada", "team": "the Analytical Engine"}');
    await page.getByTestId('preview-subject').filter({ hasText: 'Welcome, Ada' }).waitFor();
    await page.frameLocator('iframe[title="HTML preview"]').getByText('welcome to the Analytical Engine.').waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    const html = page.getByRole('textbox', { name: 'HTML' });
    await html.fill('<p>Hi {{ data.name }},</p>\n{% if data.team %}\n<p>welcome.</p>');
    await page.getByText(/^Line 2, column 1: tag \{% if data\.team %\} not closed$/).waitFor();
    await page.getByText('2 | {% if data.team %}').waitFor();
    await expect(html.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await html.fill(HTML);
    await page.getByText(/^Line 2/).waitFor({ state: 'detached' });

    // A strict template refuses what the sample data lacks, at the place it is used.
    await page.getByRole('switch', { name: /^Strict/ }).check();
    await sample.fill('{"name": "Ada"}');
    await page
      .getByText(/^Line 2, column 18: undefined variable: data\.team$/)
      .first()
      .waitFor();
    await page.getByRole('switch', { name: /^Strict/ }).uncheck();
    await sample.fill('{"name": "Ada", "team": "the Analytical Engine"}');
    await page
      .getByText(/^Line 2, column 18/)
      .first()
      .waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Save template' }).click();
    await page.waitForURL(/\/templates\/[0-9a-f-]{36}$/);
    templateUrl = page.url();
    await heading(page, 'Welcome');
    await expect(versionCount(1)).resolves.toBe(2); // the header and version 1
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('makes a version of each save, and restores the first after confirming', async () => {
    const subject = page.getByRole('textbox', { name: /^Subject/ });
    await subject.fill('Hello again, {{ data.name }}');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved as version 2.').waitFor();
    await expect(versionCount(2)).resolves.toBe(3);
    await page.getByTestId('preview-subject').filter({ hasText: 'Hello again, Ada' }).waitFor();

    const first = versionRows().filter({ hasText: 'Welcome, {{ data.name }}' });
    await first.getByRole('button', { name: 'View version 1' }).click();
    const view = page.getByRole('dialog', { name: 'Version 1' });
    await view.getByText(HTML.split('\n')[1]!).waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await view.getByRole('button', { name: 'Close' }).click();

    await first.getByRole('button', { name: 'Restore version 1' }).click();
    await page.getByRole('dialog', { name: 'Restore version 1?' }).getByRole('button', { name: 'Restore' }).click();
    await page.getByText('Version 1 restored as version 3.').waitFor();
    await expect(versionCount(3)).resolves.toBe(4);
    await expect(subject.inputValue()).resolves.toBe('Welcome, {{ data.name }}');
    await page.getByTestId('preview-subject').filter({ hasText: 'Welcome, Ada' }).waitFor();
  });

  it('sends a test with the sample data to the sink', async () => {
    const before = smtp.messages.length;
    await page.getByRole('textbox', { name: /^Send a test to/ }).fill('author@example.com');
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByText('Test queued.').waitFor();
    const test = (await smtp.waitForMessages(before + 1, 10_000))[before]!;
    expect(test.envelope.rcptTo).toEqual(['author@example.com']);
    expect(test.headers.subject).toBe('[Test] Welcome, Ada');
  });

  it('finds nothing serious for axe on every page in dark mode', async () => {
    const dark = await app.newPage({ colorScheme: 'dark' });
    await signIn(dark);
    const pages: { url: string; title: string; preview?: true }[] = [
      { url: at('/templates'), title: 'Templates' },
      { url: at('/templates/new'), title: 'New template', preview: true },
      { url: templateUrl, title: 'Welcome', preview: true },
    ];
    for (const { url, title, preview } of pages) {
      await dark.goto(url);
      await heading(dark, title);
      await dark.getByLabel('Loading').waitFor({ state: 'detached' });
      if (preview) await dark.getByTestId('preview-subject').waitFor();
      expect({ url, problems: await seriousAccessibilityProblems(dark) }).toEqual({ url, problems: [] });
    }
  }, 60_000);

  it('shows a viewer the template and its preview, with no button that changes or sends it', async () => {
    const viewer = await signedInPage(app, await invitePerson(app.t, ws, 'viewer'));
    await openPage(viewer, new URL(templateUrl).pathname, 'Welcome');
    await viewer.getByTestId('preview-subject').filter({ hasText: 'Welcome, name' }).waitFor();
    await expect(viewer.getByRole('textbox', { name: /^Subject/ }).getAttribute('readonly')).resolves.not.toBeNull();
    const main = viewer.getByRole('main');
    await expect(main.getByRole('button', { name: /Save|Delete|Send test|Restore/ }).count()).resolves.toBe(0);
    await expect(main.getByRole('button', { name: 'View version 1' }).count()).resolves.toBe(1);
    expect(await seriousAccessibilityProblems(viewer)).toEqual([]);
  });

  it('lists the template, and deletes it after confirming', async () => {
    await page.goto(at('/templates'));
    await heading(page, 'Templates');
    const row = page.getByRole('row').filter({ hasText: 'welcome' });
    // The heading comes before the list's answer.
    await row.waitFor();
    await expect(row.getByRole('cell').allTextContents()).resolves.toEqual(['welcome', 'Welcome', '3', 'No', expect.any(String)]);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await row.getByRole('link', { name: 'welcome' }).click();
    await heading(page, 'Welcome');
    await page.getByRole('button', { name: 'Delete template' }).click();
    await page.getByRole('dialog', { name: 'Delete this template?' }).getByRole('button', { name: 'Delete template' }).click();
    await page.waitForURL((url) => url.pathname === at('/templates'));
    await page.getByText(/^No templates yet/).waitFor();
  });
});
