import type { Page } from 'playwright-core';
import { openPage, signedInPage } from '../support/browser-pages';
import { createContact, createList } from '../support/contact-factory';
import { invitePerson, OPERATOR, OPERATOR_ENV } from '../support/people';
import { createSendingWorkspace, SendingWorkspace } from '../support/sending-workspace';
import { bearer } from '../support/test-app';
import { BrowserApp, seriousAccessibilityProblems, startBrowserApp } from '../support/browser';

const V1_SUBJECT = 'Spring is coming, {{ contact.first_name }}';
const V2_SUBJECT = 'Spring is here, {{ contact.first_name }}';
const V3_SUBJECT = 'Spring sale for {{ contact.first_name }}';
const HTML = '<p>Dear {{ contact.first_name }}, this goes to {{ to.email }}.</p>\n<p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>';

describe('broadcasts that use a stored template, in the browser', () => {
  let app: BrowserApp;
  let ws: SendingWorkspace;
  let page: Page;
  let templateId: string;
  let broadcastPath: string;

  const at = (path: string) => `/w/${ws.id}${path}`;
  const heading = (target: Page, name: string) => target.getByRole('heading', { level: 1, name }).waitFor();
  const broadcast = async () =>
    (
      await app.t.http
        .get(`/v1/workspaces/${ws.id}${broadcastPath.slice(`/w/${ws.id}`.length)}`)
        .set(bearer(ws.adminKey))
        .expect(200)
    ).body;
  const changeTemplate = (body: Record<string, unknown>) =>
    app.t.http.patch(`/v1/workspaces/${ws.id}/templates/${templateId}`).set(bearer(ws.adminKey)).send(body).expect(200);
  const previewSubject = (target: Page, text: string | RegExp) => target.getByTestId('preview-subject').filter({ hasText: text }).waitFor();
  const pickPreviewContact = async (name: string) => {
    await page.getByRole('combobox', { name: /^Preview for/ }).click();
    await page.getByRole('option', { name }).click();
  };
  /** Saves the draft and waits for the API's answer to that save. */
  const save = async () => {
    const saved = page.waitForResponse((response) => response.request().method() === 'PATCH' && response.url().includes('/broadcasts/'));
    await page.getByRole('button', { name: 'Save draft' }).click();
    expect((await saved).status()).toBe(200);
  };

  beforeAll(async () => {
    app = await startBrowserApp({ env: OPERATOR_ENV });
    ws = await createSendingWorkspace(app.t, {
      integration: { usage: { transactional: true, marketing: true }, senders: [{ name: 'News', email: 'news@example.com' }] },
    });
    const list = await createList(app.t, ws, 'Gardeners');
    for (const [email, firstName] of [
      ['ada@example.com', 'Ada'],
      ['grace@example.com', 'Grace'],
    ]) {
      await createContact(app.t, ws, { email, firstName });
    }
    await app.t.http
      .post(`/v1/workspaces/${ws.id}/lists/${list.id}/contacts`)
      .set(bearer(ws.adminKey))
      .send({ emails: ['ada@example.com', 'grace@example.com'] })
      .expect(200);
    // Two versions: the second is the latest, the first one a broadcast can be held to.
    const template = await app.t.http
      .post(`/v1/workspaces/${ws.id}/templates`)
      .set(bearer(ws.adminKey))
      .send({ key: 'spring', name: 'Spring news', subject: V1_SUBJECT, html: HTML, text: 'Dear {{ contact.first_name }}.' })
      .expect(201);
    templateId = template.body.id;
    await changeTemplate({ subject: V2_SUBJECT });
    page = await signedInPage(app, OPERATOR);
  });
  afterAll(() => app.close());

  it('writes a broadcast from a stored template: no content fields, a summary of it, and a preview of it for the chosen contact', async () => {
    await openPage(page, at('/broadcasts/new'), 'New broadcast');
    await page.getByRole('textbox', { name: /^Name/ }).fill('Spring mailing');
    await page.getByRole('combobox', { name: /^List/ }).click();
    await page.getByRole('option', { name: 'Gardeners' }).click();

    await page.getByRole('radio', { name: 'Use a stored template' }).check();
    await expect(page.getByRole('textbox', { name: /^Subject/ }).count()).resolves.toBe(0);
    await page.getByText('Choose a template to see it rendered for a member.').waitFor();
    await expect(page.getByRole('button', { name: 'Save draft' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('combobox', { name: /^Template/ }).click();
    await page.getByRole('option', { name: 'Spring news (spring), version 2' }).click();

    const summary = page.getByRole('region', { name: 'Spring news' });
    await expect(summary.getByTestId('template-subject').textContent()).resolves.toBe(V2_SUBJECT);
    await expect(summary.getByRole('link', { name: 'Open the template' }).getAttribute('href')).resolves.toBe(
      at(`/templates/${templateId}`),
    );
    await pickPreviewContact('grace@example.com (Grace)');
    await previewSubject(page, 'Spring is here, Grace');
    await page.frameLocator('iframe[title="HTML preview"]').getByText('Dear Grace, this goes to grace@example.com.').waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // Held to the first version, the preview renders that one.
    await page.getByRole('combobox', { name: /^Version/ }).click();
    await page.getByRole('option', { name: /^Version 1,/ }).click();
    await previewSubject(page, 'Spring is coming, Grace');
    await expect(summary.getByTestId('template-subject').textContent()).resolves.toBe(V1_SUBJECT);

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/broadcasts\/[0-9a-f-]{36}$/);
    broadcastPath = new URL(page.url()).pathname;
    await heading(page, 'Spring mailing');
    expect(await broadcast()).toMatchObject({ templateId, templateVersion: 1, subject: V1_SUBJECT, html: HTML });
  });

  it('keeps the template on each save of the draft, and renders it for the contact after a fresh load', async () => {
    await openPage(page, broadcastPath, 'Spring mailing');
    await expect(page.getByRole('radio', { name: 'Use a stored template' }).isChecked()).resolves.toBe(true);
    await pickPreviewContact('ada@example.com (Ada)');
    await previewSubject(page, 'Spring is coming, Ada');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await page.getByRole('combobox', { name: /^Version/ }).click();
    await page.getByRole('option', { name: /^Its latest when sent/ }).click();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Spring mailing, latest');
    await previewSubject(page, 'Spring is here, Ada');
    await save();
    expect(await broadcast()).toMatchObject({ name: 'Spring mailing, latest', templateId, templateVersion: null, subject: V2_SUBJECT });
  });

  it('says when the template changed since the draft was saved, and a save takes its new version', async () => {
    await changeTemplate({ subject: V3_SUBJECT });
    await openPage(page, broadcastPath, 'Spring mailing, latest');
    await pickPreviewContact('ada@example.com (Ada)');
    await previewSubject(page, 'Spring sale for Ada');
    const behind = page.getByText(/^Its template has changed since this draft was saved/);
    await behind.waitFor();
    await expect(page.getByRole('button', { name: 'Send test' }).isDisabled()).resolves.toBe(true);
    await save();
    await behind.waitFor({ state: 'detached' });
    expect(await broadcast()).toMatchObject({ templateId, templateVersion: null, subject: V3_SUBJECT });
  });

  it('shows a viewer the template it uses and its preview, with nothing to change', async () => {
    const viewer = await signedInPage(app, await invitePerson(app.t, ws, 'viewer'));
    await openPage(viewer, broadcastPath, 'Spring mailing, latest');
    await expect(viewer.getByRole('region', { name: 'Spring news' }).getByTestId('template-subject').textContent()).resolves.toBe(
      V3_SUBJECT,
    );
    await previewSubject(viewer, /^Spring sale for (Ada|Grace)$/);
    const main = viewer.getByRole('main');
    await expect(main.getByRole('radio').count()).resolves.toBe(0);
    await expect(main.getByRole('combobox', { name: /^Template/ }).count()).resolves.toBe(0);
    await expect(main.getByRole('button', { name: /Save|Send/ }).count()).resolves.toBe(0);
    expect(await seriousAccessibilityProblems(viewer)).toEqual([]);
  });

  it('writes the content here again only after confirming, starting from a copy of the template', async () => {
    await page.getByRole('radio', { name: 'Write it here' }).click();
    const dialog = page.getByRole('dialog', { name: 'Write it here instead?' });
    await dialog.getByText(/stops using template “Spring news”/).waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(page.getByRole('radio', { name: 'Use a stored template' }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Save draft' }).isDisabled()).resolves.toBe(true);

    await page.getByRole('radio', { name: 'Write it here' }).click();
    await dialog.getByRole('button', { name: 'Write it here' }).click();
    const subject = page.getByRole('textbox', { name: /^Subject/ });
    await expect(subject.inputValue()).resolves.toBe(V3_SUBJECT);
    await expect(page.getByRole('combobox', { name: /^Template/ }).count()).resolves.toBe(0);
    await subject.fill('Our own spring, {{ contact.first_name }}');
    await previewSubject(page, 'Our own spring, Ada');
    await save();
    expect(await broadcast()).toMatchObject({
      templateId: null,
      templateVersion: null,
      subject: 'Our own spring, {{ contact.first_name }}',
      html: HTML,
    });
  });

  it("starts a new broadcast from the template's own page", async () => {
    await openPage(page, at(`/templates/${templateId}`), 'Spring news');
    await page.getByRole('link', { name: 'Use in a broadcast' }).click();
    await heading(page, 'New broadcast');
    await expect(page.getByRole('radio', { name: 'Use a stored template' }).isChecked()).resolves.toBe(true);
    await page.locator('input[value="Spring news (spring), version 3"]').waitFor();
    await page.getByRole('region', { name: 'Spring news' }).waitFor();
  });

  it('finds nothing serious for axe on the pages with a template in dark mode', async () => {
    const dark = await signedInPage(app, OPERATOR, { colorScheme: 'dark' });
    await openPage(dark, at(`/broadcasts/new?templateId=${templateId}`), 'New broadcast');
    await dark.getByRole('region', { name: 'Spring news' }).waitFor();
    await dark.getByTestId('preview-subject').waitFor();
    expect(await seriousAccessibilityProblems(dark)).toEqual([]);
    await openPage(dark, at(`/templates/${templateId}`), 'Spring news');
    expect(await seriousAccessibilityProblems(dark)).toEqual([]);
  });
});
