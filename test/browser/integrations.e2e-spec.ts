import type { Locator, Page } from 'playwright-core';
import { BrowserApp, seriousAccessibilityProblems, startBrowserApp } from '../support/browser';
import { FakeMicrosoftIdentity } from '../support/fake-microsoft-identity';
import { FakeSmtpServer } from '../support/fake-smtp-server';
import { invitePerson, OPERATOR, OPERATOR_ENV } from '../support/people';
import { bearer } from '../support/test-app';
import { CreatedWorkspace, createWorkspace } from '../support/workspace-factory';

const SMTP_USER = 'sender@example.com';
const SMTP_PASSWORD = 'S3cret-Passw0rd-for-tests';
const TENANT = 'fabrikam.onmicrosoft.com';
const MAILBOX = 'mailbox@fabrikam.example';
const MICROSOFT_APP = { tenantId: TENANT, clientId: 'dashboard-delegated-app', clientSecret: 'ms~dashboard~client-secret-value' };

/** The kinds of sign-in as the form offers them, with a sentence each guide must teach. */
const KINDS = [
  {
    kind: 'microsoft_app_only',
    label: 'Microsoft 365, app-only (client credentials)',
    teaches: [
      'SMTP.SendAsApp',
      'Grant admin consent',
      'New-ServicePrincipal -AppId <Application (client) ID> -ObjectId <Enterprise application Object ID>',
      'Add-MailboxPermission -Identity <mailbox> -User <Enterprise application Object ID> -AccessRights FullAccess',
      'Set-CASMailbox -Identity <mailbox> -SmtpClientAuthenticationDisabled $false',
      'not its Secret ID',
    ],
  },
  {
    kind: 'microsoft_delegated',
    label: 'Microsoft 365, delegated (sign in as the mailbox)',
    teaches: ['SMTP.Send', 'offline_access', 'not its Secret ID', 'press Connect'],
  },
  {
    kind: 'google',
    label: 'Google Workspace or Gmail (sign in with Google)',
    teaches: ['https://mail.google.com/', 'after 7 days', 'press Connect'],
  },
  { kind: 'none', label: 'No authentication', teaches: [] },
  // The form opens with it, so it comes last: choosing it then changes the URL.
  { kind: 'basic', label: 'Username and password', teaches: [] },
] as const;

/** What only those who may change an integration are offered. */
const WRITE_BUTTONS = ['New integration', 'Test', 'Delete', 'Save changes', 'Connect', 'Reconnect', 'Replace'];

async function signIn(page: Page, person: { email: string; password: string }): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel(/^Password/).fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** What a screen reader reads as the field's description: its hint and, once refused, the API's words. */
function descriptionOf(field: Locator): Promise<string> {
  return field.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id: string) => element.ownerDocument.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAccessibilityProblems(page)).toEqual([]);
}

describe('integrations in the browser', () => {
  let app: BrowserApp;
  let microsoft: FakeMicrosoftIdentity;
  let sink: FakeSmtpServer;
  let oauthSink: FakeSmtpServer;
  let ws: CreatedWorkspace;
  let page: Page;
  let dark: Page;
  let issuedRefreshTokens: jest.SpyInstance<string>;
  const list = () => `/w/${ws.id}/integrations`;

  /** The same page in the dark colour scheme, checked as well. */
  async function expectAccessibleInDark(path: string, ready: (page: Page) => Promise<unknown>): Promise<void> {
    await dark.goto(path);
    await ready(dark);
    await expectAccessible(dark);
  }

  beforeAll(async () => {
    microsoft = await FakeMicrosoftIdentity.start();
    microsoft.addApp(MICROSOFT_APP);
    issuedRefreshTokens = jest.spyOn(microsoft, 'issueRefreshToken');
    sink = new FakeSmtpServer({ users: { [SMTP_USER]: SMTP_PASSWORD } });
    oauthSink = new FakeSmtpServer({
      authMethods: ['XOAUTH2'],
      acceptAccessToken: (username, token) => username === MAILBOX && microsoft.isValidAccessToken(token),
    });
    await Promise.all([sink.start(), oauthSink.start()]);
    app = await startBrowserApp({ worker: true, env: { ...OPERATOR_ENV, MICROSOFT_AUTHORITY_HOST: microsoft.authorityHost } });
    ws = await createWorkspace(app.t, 'Acme');
    page = await app.newPage({ ignoreHTTPSErrors: true });
    dark = await app.newPage({ colorScheme: 'dark' });
    await signIn(page, OPERATOR);
    await signIn(dark, OPERATOR);
  });
  afterAll(async () => {
    await app?.close();
    await Promise.all([sink?.stop(), oauthSink?.stop(), microsoft?.close()]);
  });

  it('an empty list says what to do and offers a new integration', async () => {
    await page.goto(list());
    await page.getByText('No integration yet').waitFor();
    await expectAccessible(page);
    await expectAccessibleInDark(list(), (p) => p.getByText('No integration yet').waitFor());
    await page.getByRole('link', { name: 'New integration' }).first().click();
    await page.waitForURL('**/integrations/new');
  });

  // Five forms, each checked by axe in two colour schemes.
  const AXE_TIMEOUT_MS = 120_000;

  it(
    'the new form teaches each kind of sign-in, keeps the kind in the URL, and is accessible in light and dark',
    async () => {
      for (const { kind, label, teaches } of KINDS) {
        await page.getByRole('radio', { name: label }).check();
        await page.waitForURL(`**/integrations/new?kind=${kind}`);
        const text = await page.locator('main').innerText();
        for (const sentence of teaches) expect(text).toContain(sentence);
        await expectAccessible(page);
        await expectAccessibleInDark(`${list()}/new?kind=${kind}`, (p) => p.getByRole('radio', { name: label, checked: true }).waitFor());
      }
      await page.goBack();
      await page.waitForURL('**/integrations/new?kind=none');
      await expect(page.getByRole('radio', { name: 'No authentication' }).isChecked()).resolves.toBe(true);
    },
    AXE_TIMEOUT_MS,
  );

  it('shows the redirect URI to register for the consent flows, as the API names it', async () => {
    const expected = `${app.baseUrl}/v1/oauth2/callback`;
    await page.getByRole('radio', { name: 'Google Workspace or Gmail (sign in with Google)' }).check();
    await expect(page.getByTestId('redirect-uri').textContent()).resolves.toBe(expected);
    await page.getByRole('radio', { name: 'Microsoft 365, delegated (sign in as the mailbox)' }).check();
    await expect(page.getByTestId('redirect-uri').textContent()).resolves.toBe(expected);
    await page.getByRole('button', { name: 'Copy the redirect URI' }).waitFor();
  });

  it('warns that Microsoft switches basic authentication off when a password is aimed at Exchange Online', async () => {
    await page.getByRole('radio', { name: 'Username and password' }).check();
    await page.getByRole('textbox', { name: 'Host', exact: true }).fill('smtp.office365.com');
    await page.getByText(/end of December 2026/).waitFor();
    await page.getByRole('textbox', { name: 'Host', exact: true }).fill('smtp.example.com');
    await expect(page.getByText(/end of December 2026/).count()).resolves.toBe(0);
  });

  it('creates an integration with a password through the form, pointing at the test SMTP server', async () => {
    await page.goto(`${list()}/new?kind=basic`);
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Company SMTP');
    await page.getByRole('textbox', { name: 'Host', exact: true }).fill('127.0.0.1');
    await page.getByLabel(/^Port/).fill(String(sink.port));
    await page.getByRole('textbox', { name: 'Username', exact: true }).fill(SMTP_USER);
    await page.getByLabel(/^Password/).fill(SMTP_PASSWORD);
    const sender = page.getByRole('group', { name: 'Sender 1' });
    await sender.getByLabel('Display name').fill('Support Team');
    await sender.getByLabel('Email address').fill('support@example.com');
    await page.getByRole('switch', { name: 'Transactional mail' }).check();
    await page.getByRole('button', { name: 'Save integration' }).click();
    await page.waitForURL(/\/integrations\/[0-9a-f-]{36}$/);

    await page.getByRole('heading', { name: 'Company SMTP' }).waitFor();
    await expect(page.getByRole('region', { name: 'Status' }).textContent()).resolves.toContain('Untested');
    await expect(page.getByText('Stored (encrypted, never shown)').count()).resolves.toBe(1);
    expect(await page.content()).not.toContain(SMTP_PASSWORD);
    await expectAccessible(page);
    await expectAccessibleInDark(page.url(), (p) => p.getByRole('heading', { name: 'Company SMTP' }).waitFor());
  });

  it('Test shows every step passed, with timings and the server’s words, and the test message arrives at the sink', async () => {
    await page.getByLabel('Send a test message to (optional)').fill('admin@example.com');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    const steps = page.getByRole('list', { name: 'Test steps' }).getByRole('listitem');
    await steps.first().waitFor();
    const shown = await steps.evaluateAll((items) =>
      items.map((item) => ({ name: item.getAttribute('data-step'), ok: item.getAttribute('data-ok'), text: item.textContent ?? '' })),
    );
    expect(shown.map((step) => step.name)).toEqual(['resolve', 'connect', 'ehlo', 'tls', 'ehlo', 'auth', 'send']);
    for (const step of shown) {
      expect(step.ok).toBe('true');
      expect(step.text).toMatch(/passed\d+ ms/);
    }
    await page.getByText('Every step passed').waitFor();
    await page.getByRole('region', { name: 'Status' }).getByText('OK', { exact: true }).waitFor();

    const [message] = await sink.waitForMessages(1);
    expect(message.envelope).toEqual({ mailFrom: 'support@example.com', rcptTo: ['admin@example.com'] });
    expect(message.user).toBe(SMTP_USER);
    await expectAccessible(page);
  });

  it('a test, which changes the status, leaves what is being typed in the settings alone', async () => {
    const ehlo = page.getByRole('textbox', { name: 'EHLO name (optional)', exact: true });
    await ehlo.fill('mail.example.com');
    const refetched = page.waitForResponse(
      (response) => response.request().method() === 'GET' && /\/integrations\/[0-9a-f-]{36}$/.test(response.url()),
    );
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await refetched;
    await page.getByRole('list', { name: 'Test steps' }).waitFor();
    await expect(ehlo.inputValue()).resolves.toBe('mail.example.com');
    await ehlo.fill('');
  });

  it('the list shows each integration with its status, usage and default sender', async () => {
    await page.getByRole('link', { name: 'Integrations', exact: true }).click();
    const row = page.getByRole('row', { name: /Company SMTP/ });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells).toEqual([
      'Company SMTP',
      'OK',
      `127.0.0.1:${sink.port}`,
      'Username and password',
      'Transactional',
      'Support Team <support@example.com>',
    ]);
    await expectAccessible(page);
    await expectAccessibleInDark(list(), (p) => p.getByRole('row', { name: /Company SMTP/ }).waitFor());
  });

  it('a change of where the password goes asks for it again next to the field, and then keeps it stored', async () => {
    await page.getByRole('link', { name: 'Company SMTP' }).click();
    await page.getByRole('checkbox', { name: 'Accept a self-signed or untrusted certificate' }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    const password = page.getByLabel(/^Password/);
    await password.waitFor();
    await expect(descriptionOf(password)).resolves.toContain('Resend the password when changing allowSelfSignedCertificate');
    await expectAccessible(page);

    await password.fill(SMTP_PASSWORD);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Company SMTP was saved').waitFor();
    await page.getByText('Stored (encrypted, never shown)').waitFor();
    const stored = await app.t.http.get(`/v1/workspaces/${ws.id}/integrations`).set(bearer(ws.adminKey)).expect(200);
    expect(stored.body.data[0]).toMatchObject({ allowSelfSignedCertificate: true, auth: { hasPassword: true } });
  });

  it('a refused value is named next to its field, readable in the dark scheme too', async () => {
    await dark.goto(`${list()}/new?kind=none`);
    await dark.getByRole('textbox', { name: 'Name', exact: true }).fill('Broken relay');
    const host = dark.getByRole('textbox', { name: 'Host', exact: true });
    await host.fill('relay..example.com');
    const sender = dark.getByRole('group', { name: 'Sender 1' });
    await sender.getByLabel('Display name').fill('Relay');
    await sender.getByLabel('Email address').fill('relay@example.com');
    await dark.getByRole('button', { name: 'Save integration' }).click();
    await dark.getByText('host must be a valid hostname or IP address').waitFor();
    await expect(descriptionOf(host)).resolves.toContain('host must be a valid hostname or IP address');
    await expectAccessible(dark);
  });

  it('a second integration asking for transactional mail is refused next to the switch, naming the holder', async () => {
    await page.goto(`${list()}/new?kind=microsoft_delegated`);
    await expect(page.getByRole('textbox', { name: 'Host', exact: true }).inputValue()).resolves.toBe('smtp.office365.com');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Fabrikam mailbox');
    await page.getByRole('textbox', { name: 'Directory (tenant) ID', exact: true }).fill(TENANT);
    await page.getByRole('textbox', { name: 'Application (client) ID', exact: true }).fill(MICROSOFT_APP.clientId);
    await page.getByLabel(/^Client secret/).fill(MICROSOFT_APP.clientSecret);
    await page.getByRole('textbox', { name: 'Mailbox', exact: true }).fill(MAILBOX);
    await page.getByRole('textbox', { name: 'Host', exact: true }).fill('127.0.0.1');
    await page.getByLabel(/^Port/).fill(String(oauthSink.port));
    const sender = page.getByRole('group', { name: 'Sender 1' });
    await sender.getByLabel('Display name').fill('Fabrikam');
    await sender.getByLabel('Email address').fill(MAILBOX);
    const transactional = page.getByRole('switch', { name: 'Transactional mail' });
    await transactional.check();
    await page.getByRole('button', { name: 'Save integration' }).click();
    await page.getByText(/usage\.transactional is already held by integration "Company SMTP"/).waitFor();
    await expect(descriptionOf(transactional)).resolves.toMatch(
      /usage\.transactional is already held by integration "Company SMTP" \([0-9a-f-]{36}\)/,
    );

    await transactional.uncheck();
    await page.getByRole('button', { name: 'Save integration' }).click();
    await page.waitForURL(/\/integrations\/[0-9a-f-]{36}$/);
    const status = page.getByRole('region', { name: 'Status' });
    await expect(status.textContent()).resolves.toMatch(/Needs reconnect.*Refresh token: none yet/);
  });

  it('Connect goes through the consent screen and comes back with the refresh token stored, never shown', async () => {
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.waitForURL(/\/integrations\/[0-9a-f-]{36}\?connected=1$/);

    expect(microsoft.authorizeRequests).toHaveLength(1);
    const consent = microsoft.authorizeRequests[0];
    expect(consent.pathname).toBe(`/${TENANT}/oauth2/v2.0/authorize`);
    expect(Object.fromEntries(consent.searchParams)).toMatchObject({
      client_id: MICROSOFT_APP.clientId,
      redirect_uri: `${app.baseUrl}/v1/oauth2/callback`,
      scope: 'offline_access https://outlook.office.com/SMTP.Send',
      code_challenge_method: 'S256',
    });
    await page.getByRole('alert').filter({ hasText: 'Connected' }).waitFor();
    await expect(page.getByTestId('refresh-token-state').textContent()).resolves.toBe('Refresh token: stored (encrypted, never shown)');
    await page.getByRole('button', { name: 'Reconnect' }).waitFor();
    await expectAccessible(page);
    await expectAccessibleInDark(page.url(), (p) => p.getByRole('alert').filter({ hasText: 'Connected' }).waitFor());

    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await page.getByText('Every step passed').waitFor();
    const steps = page.getByRole('list', { name: 'Test steps' }).getByRole('listitem');
    await expect(steps.evaluateAll((items) => items.map((item) => item.getAttribute('data-step')))).resolves.toEqual(
      expect.arrayContaining(['token', 'auth']),
    );

    const tokens = issuedRefreshTokens.mock.results.map((result) => result.value as string);
    expect(tokens.length).toBeGreaterThan(0);
    const everything = [await page.content(), await dark.content()].join('\n');
    for (const secret of [...tokens, MICROSOFT_APP.clientSecret]) expect(everything).not.toContain(secret);
  });

  it('Delete asks first, and then the integration is gone', async () => {
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Fabrikam mailbox?' });
    await dialog.waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: 'Fabrikam mailbox' }).waitFor();

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.getByRole('button', { name: 'Delete integration' }).click();
    await page.waitForURL(`**${list()}`);
    await page.getByRole('row', { name: /Company SMTP/ }).waitFor();
    await expect(page.getByRole('row', { name: /Fabrikam mailbox/ }).count()).resolves.toBe(0);
  });

  it('a viewer reads the integrations and their settings, with no button that would change them', async () => {
    const viewer = await invitePerson(app.t, ws, 'viewer');
    const viewerPage = await app.newPage();
    await signIn(viewerPage, viewer);
    await viewerPage.goto(list());
    await viewerPage.getByRole('row', { name: /Company SMTP/ }).waitFor();
    await expect(viewerPage.getByRole('link', { name: 'New integration' }).count()).resolves.toBe(0);
    await expectAccessible(viewerPage);

    await viewerPage.getByRole('link', { name: 'Company SMTP' }).click();
    const settings = viewerPage.getByRole('region', { name: 'Settings' });
    await settings.waitFor();
    await expect(settings.innerText()).resolves.toMatch(/Password\s+stored \(never shown\)/);
    const buttons = (await viewerPage.locator('main').getByRole('button').allTextContents()).map((name) => name.trim());
    expect(buttons.filter((name) => WRITE_BUTTONS.includes(name))).toEqual([]);
    await expect(viewerPage.locator('main').getByRole('textbox').count()).resolves.toBe(0);
    await expectAccessible(viewerPage);
    await viewerPage.goto(`${list()}/new`);
    await viewerPage.waitForURL(`**${list()}`);
  });
});
