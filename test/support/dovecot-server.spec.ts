import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImapFlow, ImapFlowOptions } from 'imapflow';
import { DovecotServer } from './dovecot-server';
import { FakeGoogleOAuth } from './fake-google-oauth';
import { FakeMicrosoftIdentity } from './fake-microsoft-identity';

const CA = readFileSync(join(__dirname, '..', 'fixtures', 'tls', 'ca.crt'));
const PASSWORD_USER = { name: 'alice@example.com', password: 'pa:ss wörd-1' };
const EXCHANGE_MAILBOX = 'bounces@contoso.example';
const GMAIL_MAILBOX = 'bounces@fabrikam.example';
const TENANT = 'contoso.onmicrosoft.com';
const MICROSOFT_APP = { tenantId: TENANT, clientId: 'imap-app', clientSecret: 'imap-app-secret', mailbox: EXCHANGE_MAILBOX };
const GOOGLE_CLIENT = { clientId: 'imap-client.apps.googleusercontent.com', clientSecret: 'imap-client-secret' };

const clients: ImapFlow[] = [];

/** Connects and logs in; `tls` is IMAP over TLS on imapsPort, `starttls` the upgrade on imapPort. */
async function connect(server: DovecotServer, auth: ImapFlowOptions['auth'], transport: 'tls' | 'starttls' = 'tls'): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: server.host,
    port: transport === 'tls' ? server.imapsPort : server.imapPort,
    secure: transport === 'tls',
    doSTARTTLS: transport === 'starttls' ? true : undefined,
    tls: { ca: CA },
    auth,
    logger: false,
    disableAutoIdle: true,
  });
  clients.push(client);
  await client.connect();
  return client;
}

function message(subject: string): Buffer {
  return Buffer.from(
    `From: Mail Delivery System <postmaster@example.org>\r\nTo: ${PASSWORD_USER.name}\r\nSubject: ${subject}\r\n\r\nBody of ${subject}\r\n`,
  );
}

async function subjectsIn(client: ImapFlow, folder: string): Promise<string[]> {
  const lock = await client.getMailboxLock(folder);
  try {
    const subjects: string[] = [];
    for await (const fetched of client.fetch('1:*', { envelope: true })) subjects.push(fetched.envelope!.subject!);
    return subjects;
  } finally {
    lock.release();
  }
}

async function postForm(url: string, form: Record<string, string>): Promise<{ access_token: string }> {
  const response = await fetch(url, { method: 'POST', body: new URLSearchParams(form) });
  expect(response.status).toBe(200);
  return (await response.json()) as { access_token: string };
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.logout().catch(() => client.close())));
});

describe('DovecotServer', () => {
  let microsoft: FakeMicrosoftIdentity;
  let google: FakeGoogleOAuth;
  /** Password users and Microsoft tokens, offering XOAUTH2 only, as Exchange Online does. */
  let exchange: DovecotServer;
  /** Google tokens, over XOAUTH2 or OAUTHBEARER, as Gmail offers them. */
  let gmail: DovecotServer;
  /** Google tokens over XOAUTH2 alone, which imapflow uses only where OAUTHBEARER is not offered. */
  let gmailOverXoauth2: DovecotServer;

  beforeAll(async () => {
    [microsoft, google] = await Promise.all([FakeMicrosoftIdentity.start(), FakeGoogleOAuth.start()]);
    microsoft.addApp(MICROSOFT_APP);
    google.addClient(GOOGLE_CLIENT);
    [exchange, gmail, gmailOverXoauth2] = await Promise.all([
      DovecotServer.start({
        users: [PASSWORD_USER, { name: EXCHANGE_MAILBOX }],
        oauth2IntrospectionUrl: microsoft.introspectionUrl,
        oauth2Mechanisms: ['xoauth2'],
      }),
      DovecotServer.start({ users: [{ name: GMAIL_MAILBOX }], oauth2IntrospectionUrl: google.introspectionUrl }),
      DovecotServer.start({
        users: [{ name: GMAIL_MAILBOX }],
        oauth2IntrospectionUrl: google.introspectionUrl,
        oauth2Mechanisms: ['xoauth2'],
      }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([exchange?.stop(), gmail?.stop(), gmailOverXoauth2?.stop(), microsoft?.close(), google?.close()]);
  });

  describe('with a password', () => {
    it('logs the user in over TLS', async () => {
      const client = await connect(exchange, { user: PASSWORD_USER.name, pass: PASSWORD_USER.password });

      expect(client.authenticated).toBeTruthy();
      expect(client.secureConnection).toBe(true);
    });

    it('logs the user in after STARTTLS on the IMAP port', async () => {
      const client = await connect(exchange, { user: PASSWORD_USER.name, pass: PASSWORD_USER.password }, 'starttls');

      expect(client.authenticated).toBeTruthy();
      expect(client.secureConnection).toBe(true);
    });

    it('refuses a wrong password, and logs neither password', async () => {
      await expect(connect(exchange, { user: PASSWORD_USER.name, pass: 'not-the-password' })).rejects.toMatchObject({
        authenticationFailed: true,
        serverResponseCode: 'AUTHENTICATIONFAILED',
      });
      expect(exchange.log()).toContain(`passwd-file(${PASSWORD_USER.name},127.0.0.1`);
      expect(exchange.log()).not.toContain('not-the-password');
      expect(exchange.log()).not.toContain(PASSWORD_USER.password);
    });
  });

  describe('maildir', () => {
    it('shows a message delivered into the maildir in INBOX', async () => {
      await exchange.deliver(PASSWORD_USER.name, 'INBOX', message('Delivered report'));
      const client = await connect(exchange, { user: PASSWORD_USER.name, pass: PASSWORD_USER.password });

      expect(await subjectsIn(client, 'INBOX')).toContain('Delivered report');
    });

    it('tells a client waiting in IDLE of a message delivered into the maildir', async () => {
      const client = await connect(exchange, { user: PASSWORD_USER.name, pass: PASSWORD_USER.password });
      await client.mailboxCreate('Mailroom/Watched');
      const lock = await client.getMailboxLock('Mailroom/Watched');
      try {
        const exists = once(client, 'exists');
        const idle = client.idle();

        await exchange.deliver(PASSWORD_USER.name, 'Mailroom/Watched', message('Report while idle'));

        const [event] = (await exists) as [{ path: string; count: number }];
        expect(event).toMatchObject({ path: 'Mailroom/Watched', count: 1 });
        await client.noop();
        await idle;
      } finally {
        lock.release();
      }
    });

    it('lists a message moved into Mailroom/Processed there, and no longer in INBOX', async () => {
      await exchange.deliver(PASSWORD_USER.name, 'INBOX', message('Report to file away'));
      const client = await connect(exchange, { user: PASSWORD_USER.name, pass: PASSWORD_USER.password });
      await client.mailboxCreate('Mailroom/Processed');

      const lock = await client.getMailboxLock('INBOX');
      try {
        const uids = (await client.search({ subject: 'Report to file away' }, { uid: true })) || [];
        expect(uids).toHaveLength(1);
        await client.messageMove(uids.join(','), 'Mailroom/Processed', { uid: true });
      } finally {
        lock.release();
      }

      const folders = (await client.list()).map((folder) => folder.path);
      const processed = await exchange.messages(PASSWORD_USER.name, 'Mailroom/Processed');
      const inbox = await exchange.messages(PASSWORD_USER.name, 'INBOX');
      expect(folders).toEqual(expect.arrayContaining(['INBOX', 'Mailroom', 'Mailroom/Processed']));
      expect(processed.map((found) => found.raw.toString())).toEqual([expect.stringContaining('Subject: Report to file away')]);
      expect(inbox.map((found) => found.raw.toString())).not.toContainEqual(expect.stringContaining('Report to file away'));
    });

    it('reports the flags a client set on a message', async () => {
      await exchange.deliver(PASSWORD_USER.name, 'Mailroom/Flagged', message('Seen report'));
      const client = await connect(exchange, { user: PASSWORD_USER.name, pass: PASSWORD_USER.password });

      const lock = await client.getMailboxLock('Mailroom/Flagged');
      try {
        await client.messageFlagsAdd('1:*', ['\\Seen']);
      } finally {
        lock.release();
      }

      expect(await exchange.messages(PASSWORD_USER.name, 'Mailroom/Flagged')).toEqual([{ raw: message('Seen report'), flags: ['\\Seen'] }]);
    });
  });

  describe('with a Microsoft access token', () => {
    async function clientCredentialsToken(): Promise<string> {
      const { access_token } = await postForm(`${microsoft.authorityHost}/${TENANT}/oauth2/v2.0/token`, {
        grant_type: 'client_credentials',
        client_id: MICROSOFT_APP.clientId,
        client_secret: MICROSOFT_APP.clientSecret,
        scope: 'https://outlook.office365.com/.default',
      });
      return access_token;
    }

    it('logs the app into its mailbox over XOAUTH2, the token checked over HTTPS', async () => {
      const token = await clientCredentialsToken();

      const client = await connect(exchange, { user: EXCHANGE_MAILBOX, accessToken: token });

      expect(client.authenticated).toBeTruthy();
      expect(exchange.log()).toMatch(new RegExp(`Login: user=<${EXCHANGE_MAILBOX}>, method=XOAUTH2`));
      expect(exchange.log()).not.toContain(token);
    });

    it('refuses a token Microsoft never issued', async () => {
      await expect(connect(exchange, { user: EXCHANGE_MAILBOX, accessToken: 'fake-ms-at-made-up' })).rejects.toMatchObject({
        authenticationFailed: true,
        serverResponseCode: 'AUTHENTICATIONFAILED',
      });
    });

    it('refuses the token for another mailbox than the one it opens', async () => {
      const token = await clientCredentialsToken();

      await expect(connect(exchange, { user: PASSWORD_USER.name, accessToken: token })).rejects.toMatchObject({
        serverResponseCode: 'AUTHENTICATIONFAILED',
      });
    });
  });

  describe('with a Google access token', () => {
    async function refreshedToken(): Promise<string> {
      const { access_token } = await postForm(google.tokenUrl, {
        grant_type: 'refresh_token',
        client_id: GOOGLE_CLIENT.clientId,
        client_secret: GOOGLE_CLIENT.clientSecret,
        refresh_token: google.issueRefreshToken(GOOGLE_CLIENT.clientId, GMAIL_MAILBOX),
      });
      return access_token;
    }

    it('logs the account in over OAUTHBEARER, which imapflow picks when Gmail offers it next to XOAUTH2', async () => {
      const token = await refreshedToken();

      const client = await connect(gmail, { user: GMAIL_MAILBOX, accessToken: token });

      expect(client.authenticated).toBeTruthy();
      expect(gmail.log()).toMatch(new RegExp(`Login: user=<${GMAIL_MAILBOX}>, method=OAUTHBEARER`));
      expect(gmail.log()).not.toContain(token);
    });

    it('logs the account in over XOAUTH2', async () => {
      const token = await refreshedToken();

      const client = await connect(gmailOverXoauth2, { user: GMAIL_MAILBOX, accessToken: token });

      expect(client.authenticated).toBeTruthy();
      expect(gmailOverXoauth2.log()).toMatch(new RegExp(`Login: user=<${GMAIL_MAILBOX}>, method=XOAUTH2`));
      expect(gmailOverXoauth2.log()).not.toContain(token);
    });

    it.each([
      ['OAUTHBEARER', () => gmail],
      ['XOAUTH2', () => gmailOverXoauth2],
    ])('refuses a token Google never issued over %s', async (_mechanism, server) => {
      await expect(connect(server(), { user: GMAIL_MAILBOX, accessToken: 'ya29.made-up' })).rejects.toMatchObject({
        authenticationFailed: true,
        serverResponseCode: 'AUTHENTICATIONFAILED',
      });
    });
  });
});
