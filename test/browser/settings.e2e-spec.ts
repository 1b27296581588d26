import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { BrowserApp, seriousAccessibilityProblems, startBrowserApp } from '../support/browser';
import { openPage, signedInPage } from '../support/browser-pages';
import { createContact } from '../support/contact-factory';
import { cookie, dashboard, invitePerson, OPERATOR, OPERATOR_ENV, signIn } from '../support/people';
import { bearer } from '../support/test-app';
import { createWorkspace, CreatedWorkspace } from '../support/workspace-factory';

const NEW_PASSWORD = 'a new and longer operator passphrase';

describe('workspace settings and the account page in the browser', () => {
  let app: BrowserApp;
  let ws: CreatedWorkspace;
  let page: Page;
  let recoveryCodes: string[];

  const main = () => page.getByRole('main');
  const workspace = async () => (await app.t.http.get(`/v1/workspaces/${ws.id}`).set(bearer(ws.adminKey)).expect(200)).body;
  const login = (body: Record<string, string>) =>
    app.t.http
      .post('/v1/auth/login')
      .set(dashboard(app.t))
      .send({ email: OPERATOR.email, ...body });

  beforeAll(async () => {
    // The worker carries out recipient erasures.
    app = await startBrowserApp({ worker: true, env: OPERATOR_ENV });
    ws = await createWorkspace(app.t, 'Acme');
    page = await signedInPage(app, OPERATOR);
  });
  afterAll(() => app.close());

  it('refuses to require a second factor of people while the person asking has none, in the API’s words', async () => {
    await openPage(page, `/w/${ws.id}/settings`, 'Settings');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.getByRole('switch', { name: 'Require a second factor' }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await main()
      .getByText(/Enable your own second factor first/)
      .waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    expect((await workspace()).requireTotp).toBe(false);
  });

  it('saves the name and the tracking defaults, sending only what changed', async () => {
    await page.getByRole('switch', { name: 'Require a second factor' }).uncheck();
    await page.getByLabel('Workspace name').fill('Acme Production');
    await page.getByRole('switch', { name: 'Track clicks' }).uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await workspace()).toMatchObject({ name: 'Acme Production', tracking: { opens: true, clicks: false }, requireTotp: false });
    const [latest] = (await app.t.http.get(`/v1/workspaces/${ws.id}/audit`).set(bearer(ws.adminKey)).expect(200)).body.data;
    expect(latest).toMatchObject({ action: 'workspace.updated', details: { fields: ['name', 'tracking'] } });

    await page.reload();
    await expect(page.getByLabel('Workspace name').inputValue()).resolves.toBe('Acme Production');
    await expect(page.getByRole('switch', { name: 'Track clicks' }).isChecked()).resolves.toBe(false);
  });

  it('keeps bodies and messages as long as set, showing the refusal of bodies outlasting messages at the bodies field', async () => {
    const bodies = page.getByLabel('Keep message bodies for (days)');
    const messages = page.getByLabel('Keep messages for (days)');
    await expect(bodies.inputValue()).resolves.toBe('30');
    await expect(messages.inputValue()).resolves.toBe('400');

    await bodies.fill('500');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await main()
      .getByText(/^retention\.bodiesDays \(500\) may not exceed retention\.metadataDays \(400\)/)
      .waitFor();
    await expect(bodies.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(messages.getAttribute('aria-invalid')).resolves.not.toBe('true');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    expect((await workspace()).retention).toEqual({ bodiesDays: 30, metadataDays: 400 });

    await bodies.fill('14');
    await messages.fill('90');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await workspace()).retention).toEqual({ bodiesDays: 14, metadataDays: 90 });
    const [latest] = (await app.t.http.get(`/v1/workspaces/${ws.id}/audit`).set(bearer(ws.adminKey)).expect(200)).body.data;
    expect(latest).toMatchObject({ action: 'workspace.updated', details: { fields: ['retention'] } });

    await page.reload();
    await expect(page.getByLabel('Keep message bodies for (days)').inputValue()).resolves.toBe('14');
    await expect(page.getByLabel('Keep messages for (days)').inputValue()).resolves.toBe('90');
  });

  it('erases a recipient after confirming, and follows the erasure until it is done', async () => {
    const contact = await createContact(app.t, ws, { email: 'forget-me@example.com', firstName: 'Forget' });
    await page.getByLabel('Email address').fill('forget-me@example.com');
    await page.getByRole('button', { name: 'Erase recipient' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase this recipient?' });
    await dialog.getByText(/about forget-me@example\.com is erased for good/).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await app.t.http.get(`/v1/workspaces/${ws.id}/contacts/${contact.id}`).set(bearer(ws.adminKey)).expect(200);

    await page.getByRole('button', { name: 'Erase recipient' }).click();
    await dialog.getByRole('button', { name: 'Erase recipient' }).click();
    const done = page.getByRole('status').filter({ hasText: 'Erased' });
    await done.waitFor({ timeout: 20_000 });
    await done.getByText(/contacts deleted, with their list memberships: 1;/).waitFor();
    await expect(page.getByLabel('Email address').inputValue()).resolves.toBe('');
    await app.t.http.get(`/v1/workspaces/${ws.id}/contacts/${contact.id}`).set(bearer(ws.adminKey)).expect(404);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('shows a viewer the retention read-only, with nothing to save and no erasure', async () => {
    const viewer = await signedInPage(app, await invitePerson(app.t, ws, 'viewer'));
    await openPage(viewer, `/w/${ws.id}/settings`, 'Settings');
    const bodies = viewer.getByLabel('Keep message bodies for (days)');
    await expect(bodies.inputValue()).resolves.toBe('14');
    await expect(bodies.getAttribute('readonly')).resolves.not.toBeNull();
    await expect(viewer.getByLabel('Keep messages for (days)').getAttribute('readonly')).resolves.not.toBeNull();
    const main = viewer.getByRole('main');
    await expect(main.getByRole('button').count()).resolves.toBe(0);
    await expect(main.getByLabel('Email address').count()).resolves.toBe(0);
    expect(await seriousAccessibilityProblems(viewer)).toEqual([]);
  });

  it('enrols an authenticator app on the account page with a code computed from its secret, and shows the recovery codes once', async () => {
    await openPage(page, '/account', 'Account');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const secret = (await page.getByTestId('Secret').textContent())!;
    await expect(page.getByTestId('Authenticator link').textContent()).resolves.toContain(`secret=${secret}`);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await page.getByLabel('Code from the app').fill(TOTP.generate({ secret: Secret.fromBase32(secret) }));
    await page.getByRole('button', { name: 'Turn on' }).click();
    recoveryCodes = (await page.getByTestId('shown-once').textContent())!.split('\n');
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    await page.getByLabel('Code to turn it off').waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    expect((await login({ password: OPERATOR.password }).expect(401)).body.message).toBe('second factor required');
    await login({ password: OPERATOR.password, code: recoveryCodes[0] }).expect(200);
    await page.reload();
    await page.getByLabel('Code to turn it off').waitFor();
    await expect(page.getByTestId('shown-once').count()).resolves.toBe(0);
  });

  it('now lets the same person require a second factor of everyone in the workspace', async () => {
    await openPage(page, `/w/${ws.id}/settings`, 'Settings');
    await page.getByRole('switch', { name: 'Require a second factor' }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await workspace()).requireTotp).toBe(true);
  });

  it('lists the sessions with this browser flagged, and ends the others after asking', async () => {
    const other = await signIn(app.t, OPERATOR.email, OPERATOR.password, { code: recoveryCodes[1] });
    await openPage(page, '/account', 'Account');
    const sessions = page.getByRole('region', { name: 'Sessions' });
    await expect(sessions.getByRole('row').count()).resolves.toBe(4);
    await expect(sessions.getByText('This browser').count()).resolves.toBe(1);

    const ends = sessions.getByRole('button', { name: /^End the session/ });
    for (const left of [1, 0]) {
      await ends.first().click();
      await page.getByRole('dialog').getByRole('button', { name: 'End session' }).click();
      await ends.nth(left).waitFor({ state: 'detached' });
    }
    await app.t.http.get('/v1/auth/me').set(cookie(other)).expect(401);
    await expect(sessions.getByRole('row').count()).resolves.toBe(2);
  });

  it('changes the password: a wrong current one is named at its field, the right one keeps this session', async () => {
    const form = page.getByRole('form', { name: 'Change password' });
    await form.getByLabel(/^Current password/).fill('not my password at all');
    await form.getByLabel(/^New password/).fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('current is not your current password').waitFor();

    await form.getByLabel(/^Current password/).fill(OPERATOR.password);
    await form.getByLabel(/^New password/).fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByRole('status').waitFor();
    await login({ password: NEW_PASSWORD, code: recoveryCodes[2] }).expect(200);
    await page.reload();
    await page.getByRole('region', { name: 'Sessions' }).getByText('This browser').waitFor();
  });

  it('finds nothing serious for axe on the settings and account pages in dark mode', async () => {
    const dark = await signedInPage(
      app,
      { email: OPERATOR.email, password: NEW_PASSWORD },
      { colorScheme: 'dark', code: recoveryCodes[3] },
    );
    await openPage(dark, `/w/${ws.id}/settings`, 'Settings');
    expect(await seriousAccessibilityProblems(dark)).toEqual([]);
    await openPage(dark, '/account', 'Account');
    expect(await seriousAccessibilityProblems(dark)).toEqual([]);
  });

  it('turns the second factor off with a recovery code', async () => {
    await page.getByLabel('Code to turn it off').fill(recoveryCodes[4]);
    await page.getByRole('button', { name: 'Turn off' }).click();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).waitFor();
    await login({ password: NEW_PASSWORD }).expect(200);
  });
});
