import type { Locator, Page } from 'playwright-core';
import { MessageStatsRepository } from '@app/messages';
import { BrowserApp, seriousAccessibilityProblems, startBrowserApp } from '../support/browser';
import { openPage, signedInPage } from '../support/browser-pages';
import { invitePerson, InvitedPerson, OPERATOR_ENV } from '../support/people';
import { bearer } from '../support/test-app';
import { CreatedWorkspace, createWorkspace } from '../support/workspace-factory';

const SMTP = { username: 'sender@example.com', password: 'S3cret-Passw0rd-for-tests' };
const MAILBOX = { username: 'bounces@example.com', password: 'Mailbox-Passw0rd-for-tests' };
const BOUNCE_SWITCH = 'Read bounces and complaints from the mailbox';

/** What the form fills in and teaches when bounce processing is switched on, for each kind of sign-in. */
const PROVIDERS = [
  {
    kind: 'microsoft_app_only',
    host: 'outlook.office365.com',
    teaches: [
      'IMAP.AccessAsApp',
      'Grant admin consent',
      'Add-MailboxPermission -Identity <mailbox> -User <Enterprise application Object ID> -AccessRights FullAccess',
      'Set-CASMailbox -Identity <mailbox> -ImapEnabled $true',
      'Send As',
    ],
  },
  {
    kind: 'microsoft_delegated',
    host: 'outlook.office365.com',
    teaches: ['IMAP.AccessAsUser.All', 'Set-CASMailbox -Identity <mailbox> -ImapEnabled $true', 'Drop the stored refresh token'],
  },
  { kind: 'google', host: 'imap.gmail.com', teaches: ['https://mail.google.com/', 'already covers IMAP', 'Enable IMAP'] },
  { kind: 'basic', host: '', teaches: ['Name the mailbox where bounces arrive', 'app password'] },
] as const;

/** What a screen reader reads as the field's description: its hint and, once refused, the API's words. */
function descriptionOf(field: Locator): Promise<string> {
  return field.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id: string) => element.ownerDocument.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

describe('bounce processing in the browser', () => {
  let app: BrowserApp;
  let ws: CreatedWorkspace;
  let admin: InvitedPerson;
  let page: Page;
  let dark: Page;
  let integrationPath: string;

  const at = (path: string) => `/w/${ws.id}${path}`;
  const get = async (path: string) => (await app.t.http.get(`/v1/workspaces/${ws.id}${path}`).set(bearer(ws.adminKey)).expect(200)).body;
  const expectAccessible = async (on: Page) => expect(await seriousAccessibilityProblems(on)).toEqual([]);
  const bounceSwitch = () => page.getByRole('switch', { name: BOUNCE_SWITCH });
  const imapSecurity = (label: string) =>
    page.getByRole('radiogroup', { name: 'IMAP security' }).getByRole('radio', { name: label, exact: true });
  const saved = async () => {
    const answered = page.waitForResponse((response) => response.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect((await answered).status()).toBe(200);
  };

  beforeAll(async () => {
    app = await startBrowserApp({ env: OPERATOR_ENV });
    ws = await createWorkspace(app.t, 'Acme');
    admin = await invitePerson(app.t, ws, 'admin');
    page = await signedInPage(app, admin);
    dark = await signedInPage(app, admin, { colorScheme: 'dark' });
  });
  afterAll(() => app?.close());

  it('switched on, the form fills in the provider’s IMAP server and teaches what the provider needs', async () => {
    for (const { kind, host, teaches } of PROVIDERS) {
      await openPage(page, at(`/integrations/new?kind=${kind}`), 'New integration');
      await expect(page.getByRole('textbox', { name: 'IMAP host' }).count()).resolves.toBe(0);
      await bounceSwitch().check();
      await expect(page.getByRole('textbox', { name: 'IMAP host' }).inputValue()).resolves.toBe(host);
      await expect(page.getByLabel(/^IMAP port/).inputValue()).resolves.toBe('993');
      await expect(imapSecurity('TLS').isChecked()).resolves.toBe(true);
      await expect(page.getByRole('textbox', { name: 'Folder to read' }).inputValue()).resolves.toBe('INBOX');
      await expect(page.getByRole('textbox', { name: 'Processed folder' }).inputValue()).resolves.toBe('Mailroom/Processed');
      await expect(page.getByRole('radio', { name: 'The watched mailbox (recommended)' }).isChecked()).resolves.toBe(true);
      const text = await page.locator('main').innerText();
      for (const sentence of teaches) expect(text).toContain(sentence);
    }
    // STARTTLS moves the usual port along.
    await imapSecurity('STARTTLS').check();
    await expect(page.getByLabel(/^IMAP port/).inputValue()).resolves.toBe('143');
    // A provider picked once it is on fills in the IMAP server while its host is still empty.
    await page.getByRole('radio', { name: 'Google Workspace or Gmail (sign in with Google)' }).check();
    await expect(page.getByRole('textbox', { name: 'IMAP host' }).inputValue()).resolves.toBe('imap.gmail.com');
    await expect(page.getByLabel(/^IMAP port/).inputValue()).resolves.toBe('993');
    await expectAccessible(page);
  });

  it('an admin creates an integration with bounce processing on: its status is pending, its mailbox password never shown', async () => {
    await openPage(page, at('/integrations/new?kind=basic'), 'New integration');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Company SMTP');
    await page.getByRole('textbox', { name: 'Host', exact: true }).fill('127.0.0.1');
    await page.getByLabel(/^Port/).fill('2525');
    await page.getByRole('textbox', { name: 'Username', exact: true }).fill(SMTP.username);
    await page.getByLabel(/^Password/).fill(SMTP.password);
    const sender = page.getByRole('group', { name: 'Sender 1' });
    await sender.getByLabel('Display name').fill('Support Team');
    await sender.getByLabel('Email address').fill('support@example.com');
    await page.getByRole('switch', { name: 'Marketing mail' }).check();

    await bounceSwitch().check();
    await page.getByRole('textbox', { name: 'IMAP host' }).fill('127.0.0.1');
    await imapSecurity('None').check();
    await page.getByLabel(/^IMAP port/).fill('1993');
    await page.getByRole('radio', { name: 'A login of its own' }).check();
    await page.getByRole('textbox', { name: 'Mailbox username' }).fill(MAILBOX.username);
    await page.getByLabel(/^Mailbox password/).fill(MAILBOX.password);
    await page.getByRole('button', { name: 'Save integration' }).click();
    await page.waitForURL(/\/integrations\/[0-9a-f-]{36}$/);
    integrationPath = new URL(page.url()).pathname;

    const status = page.getByRole('region', { name: 'Bounce mailbox' });
    await expect(status.getByTestId('bounce-state').textContent()).resolves.toBe('Pending');
    await expect(status.innerText()).resolves.toContain('Reads INBOX at 127.0.0.1:1993');
    await expect(
      page.getByRole('region', { name: 'Bounce processing', exact: true }).getByText('Stored (encrypted, never shown)').count(),
    ).resolves.toBe(1);
    expect(await page.content()).not.toContain(MAILBOX.password);
    const [integration] = (await get('/integrations')).data;
    expect(integration.bounces).toMatchObject({
      enabled: true,
      host: '127.0.0.1',
      port: 1993,
      security: 'none',
      auth: { type: 'basic', username: MAILBOX.username, hasPassword: true },
      envelopeSender: 'watched_mailbox',
      status: { state: 'pending' },
    });
    await expectAccessible(page);
    await openPage(dark, integrationPath, 'Company SMTP');
    await expectAccessible(dark);
  });

  it('moving the mailbox without its password is refused next to the mailbox password, and saved once it is given', async () => {
    await page.getByRole('textbox', { name: 'IMAP host' }).fill('127.0.0.2');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const password = page.getByLabel(/^Mailbox password/);
    await password.waitFor();
    await expect(descriptionOf(password)).resolves.toContain('Resend the mailbox password when changing bounces.host');
    await expectAccessible(page);

    await password.fill(MAILBOX.password);
    await saved();
    expect((await get('/integrations')).data[0].bounces).toMatchObject({ host: '127.0.0.2', auth: { hasPassword: true } });
  });

  it('moving it to the integration’s own credentials asks for the SMTP password again, next to its field in Sign-in', async () => {
    await page.getByRole('radio', { name: "The integration's own credentials" }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    const password = page.getByRole('region', { name: 'Sign-in' }).getByLabel(/^Password/);
    await password.waitFor();
    await expect(descriptionOf(password)).resolves.toContain('Resend the password when changing bounces.auth');

    await password.fill(SMTP.password);
    await saved();
    expect((await get('/integrations')).data[0].bounces).toMatchObject({ auth: 'same', status: { state: 'pending' } });
  });

  it('the settings switch for transactional mail after a bounce is on by default and saves', async () => {
    await openPage(page, at('/settings'), 'Settings');
    const suppress = page.getByRole('switch', { name: 'Stop transactional mail to addresses that bounce or complain' });
    await expect(suppress.isChecked()).resolves.toBe(true);
    await suppress.uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await get('')).suppressTransactionalOnBounce).toBe(false);
    await page.reload();
    await expect(suppress.isChecked()).resolves.toBe(false);
    await expectAccessible(page);
  });

  it('the overview shows the period’s hard bounces and complaints, and their rates per message sent', async () => {
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    await app.t.app
      .get(MessageStatsRepository)
      .add([{ workspaceId: ws.id, hour, type: 'marketing', sent: 400, failed: 0, opened: 0, clicked: 0, bounced: 6, complained: 1 }]);
    for (const on of [page, dark]) {
      await openPage(on, at(''), 'Overview');
      await expect(on.getByTestId('total-bounced').textContent()).resolves.toBe('6');
      await expect(on.getByTestId('total-complained').textContent()).resolves.toBe('1');
      await expect(on.getByTestId('bounce-rate').textContent()).resolves.toBe('1.5%');
      await expect(on.getByTestId('complaint-rate').textContent()).resolves.toBe('0.25%');
      await expect(on.getByText('No integration reads its bounces back').count()).resolves.toBe(0);
      await expectAccessible(on);
    }
  });

  it('the messages can be filtered on bounced and on complained, through the URL', async () => {
    await openPage(page, at('/messages'), 'Messages');
    await page.getByLabel('Status').selectOption('bounced');
    await page.waitForURL((url) => url.searchParams.get('status') === 'bounced');
    await page.getByText('No message matches these filters.').waitFor();
    await page.getByRole('checkbox', { name: /^Complained/ }).check();
    await page.waitForURL((url) => url.searchParams.get('complained') === 'true' && url.searchParams.get('status') === 'bounced');
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('complained'));
    await expect(page.getByRole('checkbox', { name: /^Complained/ }).isChecked()).resolves.toBe(false);
  });

  it('a broadcast’s counts include bounced and complaints', async () => {
    const list = await app.t.http.post(`/v1/workspaces/${ws.id}/lists`).set(bearer(ws.adminKey)).send({ name: 'Newsletter' }).expect(201);
    const broadcast = await app.t.http
      .post(`/v1/workspaces/${ws.id}/broadcasts`)
      .set(bearer(ws.adminKey))
      .send({ name: 'Spring', listId: list.body.id, subject: 'Spring', html: '<p>Hi</p>' })
      .expect(201);
    await app.t.http
      .post(`/v1/workspaces/${ws.id}/broadcasts/${broadcast.body.id}/send`)
      .set(bearer(ws.adminKey))
      .send({ scheduledAt: new Date(Date.now() + 3_600_000).toISOString() })
      .expect(200);
    await openPage(page, at(`/broadcasts/${broadcast.body.id}`), 'Spring');
    await expect(page.getByTestId('count-bounced').textContent()).resolves.toBe('0');
    await expect(page.getByTestId('count-complained').textContent()).resolves.toBe('0');
  });

  it('a viewer reads the bounce settings and status, with nothing to change them', async () => {
    const viewer = await signedInPage(app, await invitePerson(app.t, ws, 'viewer'));
    await openPage(viewer, integrationPath, 'Company SMTP');
    await expect(viewer.getByRole('region', { name: 'Bounce mailbox' }).getByTestId('bounce-state').textContent()).resolves.toBe('Pending');
    const settings = viewer.getByRole('region', { name: 'Settings' });
    await expect(settings.innerText()).resolves.toMatch(/Bounce processing\s+on: 127\.0\.0\.2:1993, none \(unencrypted\)/);
    await expect(settings.innerText()).resolves.toMatch(/Mailbox login\s+the integration’s own credentials/);
    await expect(viewer.getByRole('switch', { name: BOUNCE_SWITCH }).count()).resolves.toBe(0);
    await expect(viewer.locator('main').getByRole('textbox').count()).resolves.toBe(0);
    await expect(viewer.locator('main').getByRole('radio').count()).resolves.toBe(0);
    await expectAccessible(viewer);
  });
});
