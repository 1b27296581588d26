import type { Page } from 'playwright-core';
import { BrowserApp, seriousAccessibilityProblems, startBrowserApp } from '../support/browser';
import { inputHolds, openPage, signedInPage } from '../support/browser-pages';
import { OPERATOR, OPERATOR_ENV } from '../support/people';
import { bearer } from '../support/test-app';
import { createWorkspace, CreatedWorkspace } from '../support/workspace-factory';

const VERA = { name: 'Vera Viewer', email: 'vera@example.com', password: 'a viewer reads every page' };

/** The pages of this spec, each as its heading names it. */
const PEOPLE_PAGES = [
  { path: 'suppressions', title: 'Suppressions' },
  { path: 'api-keys', title: 'API keys' },
  { path: 'members', title: 'Members' },
  { path: 'audit', title: 'Audit log' },
];

describe('members, API keys, suppressions and the audit log in the browser', () => {
  let app: BrowserApp;
  let ws: CreatedWorkspace;
  let admin: Page;
  let viewer: Page;
  let invitationLink: string;

  const url = (path: string) => `/w/${ws.id}/${path}`;
  const main = (page: Page) => page.getByRole('main');

  beforeAll(async () => {
    app = await startBrowserApp({ env: OPERATOR_ENV });
    ws = await createWorkspace(app.t, 'Acme');
    await app.t.http
      .post(`/v1/workspaces/${ws.id}/suppressions`)
      .set(bearer(ws.adminKey))
      .send({ email: 'complained@example.com', reason: 'complaint' })
      .expect(201);
    admin = await signedInPage(app, OPERATOR);
  });
  afterAll(() => app.close());

  it('invites a person as viewer on the Members page and shows the link once', async () => {
    await openPage(admin, url('members'), 'Members');
    expect(await seriousAccessibilityProblems(admin)).toEqual([]);
    await admin.getByLabel('Email').fill(VERA.email);
    await admin.getByRole('radio', { name: 'viewer' }).check();
    await admin.getByRole('button', { name: 'Invite', exact: true }).click();

    invitationLink = (await admin.getByTestId('shown-once').textContent())!;
    expect(invitationLink).toMatch(new RegExp(`^${app.baseUrl}/invite/[\\w-]+$`));
    const pending = admin.getByRole('region', { name: 'Pending invitations' });
    await pending.getByRole('row', { name: new RegExp(VERA.email) }).waitFor();
    expect(await seriousAccessibilityProblems(admin)).toEqual([]);

    await admin.reload();
    await pending.getByRole('row', { name: new RegExp(VERA.email) }).waitFor();
    await expect(admin.getByTestId('shown-once').count()).resolves.toBe(0);
  });

  it('the invited person accepts in another browser, signs in, and lands in the workspace', async () => {
    viewer = await app.newPage();
    await viewer.goto(invitationLink);
    await viewer.getByLabel('Your name').fill(VERA.name);
    await viewer.getByLabel(/^Password/).fill(VERA.password);
    await viewer.getByRole('button', { name: 'Accept invitation' }).click();
    await viewer.waitForURL('**/login?invitation=accepted');
    await viewer.getByLabel('Email').fill(VERA.email);
    await viewer.getByLabel(/^Password/).fill(VERA.password);
    await viewer.getByRole('button', { name: 'Sign in' }).click();
    await viewer.waitForURL(`**/w/${ws.id}`);
  });

  it('shows a viewer only the pages they may read, and no write button on any of them', async () => {
    const nav = viewer.getByRole('navigation', { name: 'Workspace pages' });
    await nav.getByRole('link', { name: 'Members' }).waitFor();
    await expect(nav.getByRole('link').allTextContents()).resolves.toEqual([
      'Overview',
      'Integrations',
      'Messages',
      'Contacts',
      'Lists',
      'Broadcasts',
      'Templates',
      'Suppressions',
      'Webhooks',
      'Members',
      'Settings',
    ]);

    // Other specs hold those pages to their write buttons; here they only have to open for a viewer.
    for (const path of ['', 'integrations', 'messages', 'contacts', 'lists', 'broadcasts', 'templates']) await openPage(viewer, url(path));

    await openPage(viewer, url('suppressions'), 'Suppressions');
    await main(viewer)
      .getByRole('row', { name: /complained@example\.com/ })
      .waitFor();
    await expect(main(viewer).getByRole('button').count()).resolves.toBe(0);
    await expect(main(viewer).getByRole('textbox').count()).resolves.toBe(0);

    await openPage(viewer, url('webhooks'), 'Webhooks');
    await expect(main(viewer).getByRole('button').count()).resolves.toBe(0);

    await openPage(viewer, url('members'), 'Members');
    await main(viewer)
      .getByRole('row', { name: new RegExp(VERA.email) })
      .waitFor();
    await expect(main(viewer).getByRole('button').count()).resolves.toBe(0);
    await expect(main(viewer).getByRole('textbox').count()).resolves.toBe(0);
    await expect(main(viewer).getByRole('region', { name: 'Pending invitations' }).count()).resolves.toBe(0);

    await openPage(viewer, url('settings'), 'Settings');
    await expect(main(viewer).getByRole('button').count()).resolves.toBe(0);
    await expect(main(viewer).getByLabel('Workspace name').isDisabled()).resolves.toBe(true);
    await expect(main(viewer).getByRole('switch', { name: 'Track opens' }).isDisabled()).resolves.toBe(true);
  });

  it('creates an API key that is shown once and works, and revoking it answers its next request with 401', async () => {
    await openPage(admin, url('api-keys'), 'API keys');
    expect(await seriousAccessibilityProblems(admin)).toEqual([]);
    await admin.getByLabel('Name').fill('App server');
    await admin.getByRole('radio', { name: 'send' }).check();
    await admin.getByRole('button', { name: 'Create key' }).click();

    const key = (await admin.getByTestId('shown-once').textContent())!;
    expect(key).toMatch(/^mr_/);
    const row = main(admin).getByRole('row', { name: /App server/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.not.toContain(key);
    await app.t.http.get(`/v1/workspaces/${ws.id}/messages`).set(bearer(key)).expect(200);

    await admin.reload();
    await row.waitFor();
    await expect(admin.getByTestId('shown-once').count()).resolves.toBe(0);
    await row.getByRole('button', { name: 'Revoke App server' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Revoke the key App server?' });
    await expect(dialog.textContent()).resolves.toMatch(/next request with it gets 401/);
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await row.waitFor({ state: 'detached' });
    await app.t.http.get(`/v1/workspaces/${ws.id}/messages`).set(bearer(key)).expect(401);
  });

  it('suppresses an address and removes the suppression after asking', async () => {
    await openPage(admin, url('suppressions'), 'Suppressions');
    await admin.getByLabel('Email').fill('bounced@example.com');
    await admin.getByRole('combobox', { name: 'Reason' }).click();
    await admin.getByRole('option', { name: 'Bounce' }).click();
    await admin.getByRole('button', { name: 'Suppress address' }).click();
    const row = main(admin).getByRole('row', { name: /bounced@example\.com/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/Bounce.*All marketing mail/);
    expect(await seriousAccessibilityProblems(admin)).toEqual([]);

    await row.getByRole('button', { name: 'Remove bounced@example.com' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Remove suppression' }).click();
    await row.waitFor({ state: 'detached' });
    const left = await app.t.http.get(`/v1/workspaces/${ws.id}/suppressions`).set(bearer(ws.adminKey)).expect(200);
    expect(left.body.data.map((suppression: { email: string }) => suppression.email)).toEqual(['complained@example.com']);
  });

  it("changes a member's role, shows the API's 409 for the last admin, and hands over a password-reset link", async () => {
    await openPage(admin, url('members'), 'Members');
    await admin.getByRole('combobox', { name: `Role of ${VERA.name}` }).click();
    await admin.getByRole('option', { name: 'admin' }).click();
    await inputHolds(admin, `Role of ${VERA.name}`, 'admin');

    await admin.getByRole('button', { name: `Remove ${VERA.name}` }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
    await admin
      .getByRole('alert')
      .filter({ hasText: /Cannot remove the last admin of the workspace/ })
      .waitFor();
    await expect(admin.getByRole('row', { name: new RegExp(VERA.email) }).count()).resolves.toBe(1);

    await admin.getByRole('button', { name: `Password-reset link for ${VERA.name}` }).click();
    await expect(admin.getByTestId('shown-once').textContent()).resolves.toMatch(new RegExp(`^${app.baseUrl}/reset-password\\?token=`));
    expect(await seriousAccessibilityProblems(admin)).toEqual([]);
  });

  it('gives a pending invitation a new link, and revokes it after asking', async () => {
    await openPage(admin, url('members'), 'Members');
    await admin.getByLabel('Email').fill('later@example.com');
    await admin.getByRole('button', { name: 'Invite', exact: true }).click();
    const first = (await admin.getByTestId('shown-once').textContent())!;
    const pending = admin.getByRole('region', { name: 'Pending invitations' });
    await pending.getByRole('button', { name: 'New link for later@example.com' }).click();
    await pending.getByTestId('shown-once').waitFor();
    const second = (await pending.getByTestId('shown-once').textContent())!;
    expect(second).toMatch(/\/invite\//);
    expect(second).not.toBe(first);

    await pending.getByRole('button', { name: 'Revoke the invitation of later@example.com' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Revoke invitation' }).click();
    await pending.getByRole('row', { name: /later@example\.com/ }).waitFor({ state: 'detached' });
    await expect(pending.textContent()).resolves.toMatch(/No invitation is waiting/);
  });

  it('pages through the audit log with the cursor in the URL, and the back button returns to the first page', async () => {
    for (let index = 0; index < 50; index += 1) {
      await app.t.http
        .patch(`/v1/workspaces/${ws.id}`)
        .set(bearer(ws.adminKey))
        .send({ name: `Acme ${index}` })
        .expect(200);
    }
    await openPage(admin, url('audit'), 'Audit log');
    const actions = (action: string) => main(admin).getByRole('cell', { name: action, exact: true });
    const rows = main(admin).getByRole('row');
    await expect(rows.count()).resolves.toBe(51);
    await expect(actions('workspace.updated').count()).resolves.toBe(50);
    await expect(rows.nth(1).textContent()).resolves.toMatch(/Default admin key.*API key.*workspace\.updated.*workspace.*fields: name/);
    expect(await seriousAccessibilityProblems(admin)).toEqual([]);

    await admin.getByRole('button', { name: 'Next page' }).click();
    await admin.waitForURL(/\/audit\?cursor=/);
    await actions('member.invited').first().waitFor();
    await expect(actions('workspace.updated').count()).resolves.toBe(0);
    await admin.reload();
    await actions('member.invited').first().waitFor();

    await admin.goBack();
    await admin.waitForURL(/\/audit$/);
    await actions('workspace.updated').nth(49).waitFor();
    await expect(actions('member.invited').count()).resolves.toBe(0);
  });

  describe('in dark mode', () => {
    let dark: Page;
    beforeAll(async () => {
      dark = await signedInPage(app, OPERATOR, { colorScheme: 'dark' });
    });

    it.each(PEOPLE_PAGES)('axe finds nothing serious on $title', async ({ path, title }) => {
      await openPage(dark, url(path), title);
      expect(await seriousAccessibilityProblems(dark)).toEqual([]);
    });
  });
});
