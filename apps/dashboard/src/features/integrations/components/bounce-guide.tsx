import { Code, Text } from '@mantine/core';
import type { AuthKind } from './auth-kind';
import { Commands, Guide, Step } from './guide-parts';

const ENABLE_IMAP = 'Set-CASMailbox -Identity <mailbox> -ImapEnabled $true';

/** Exchange Online's IMAP service, the same for app-only and delegated sign-in. */
function MicrosoftServerStep() {
  return (
    <Step title="Server: outlook.office365.com, port 993, TLS">
      <Text size="sm">
        Filled in below. Exchange Online accepts the signed-in mailbox as the envelope sender while the From is an address it may Send As,
        so with the watched mailbox as envelope sender the bounces for every sender come back to it.
      </Text>
    </Step>
  );
}

function MicrosoftAppOnlyImapGuide() {
  return (
    <Guide title="Let the app read the mailbox over IMAP">
      <Step title="Add the IMAP.AccessAsApp application permission, with admin consent">
        <Text size="sm">
          In the same app registration: API permissions → Add a permission → APIs my organization uses → <b>Office 365 Exchange Online</b> →
          Application permissions → <Code>IMAP.AccessAsApp</Code>. Then press <b>Grant admin consent</b> again: the consent given for
          SMTP.SendAsApp does not cover a permission added later.
        </Text>
      </Step>
      <Step title="Give the app's service principal the mailbox">
        <Commands lines={['Add-MailboxPermission -Identity <mailbox> -User <Enterprise application Object ID> -AccessRights FullAccess']} />
        <Text size="sm" c="dimmed">
          The same command as for sending: if it already ran for this mailbox, this step is done.
        </Text>
      </Step>
      <Step title="Enable IMAP for the mailbox">
        <Commands lines={[ENABLE_IMAP]} />
      </Step>
      <MicrosoftServerStep />
    </Guide>
  );
}

function MicrosoftDelegatedImapGuide() {
  return (
    <Guide title="Let the signed-in mailbox be read over IMAP">
      <Step title="Add the delegated permission IMAP.AccessAsUser.All">
        <Text size="sm">
          API permissions → Add a permission → Microsoft Graph → Delegated permissions → <Code>IMAP.AccessAsUser.All</Code>, beside
          SMTP.Send and offline_access.
        </Text>
      </Step>
      <Step title="Enable IMAP for the mailbox">
        <Commands lines={[ENABLE_IMAP]} />
      </Step>
      <Step title="Connect again, so that the consent covers IMAP">
        <Text size="sm">
          A refresh token obtained before was consented for sending only. Turning bounce processing on asks for the client secret and the
          refresh token again: give the secret, tick <b>Drop the stored refresh token</b>, save, then press Connect and sign in as the
          mailbox.
        </Text>
      </Step>
      <MicrosoftServerStep />
    </Guide>
  );
}

function GoogleImapGuide() {
  return (
    <Guide title="Let Mailroom read the Gmail mailbox over IMAP">
      <Step title="Nothing to add in Google Cloud">
        <Text size="sm">
          The scope <Code>https://mail.google.com/</Code> that sending uses already covers IMAP.
        </Text>
      </Step>
      <Step title="Check that IMAP is on for the account">
        <Text size="sm">
          A Gmail account outside Google Workspace: Gmail → Settings → See all settings → Forwarding and POP/IMAP → <b>Enable IMAP</b>. In
          Google Workspace an administrator decides: Admin console → Apps → Google Workspace → Gmail → End user access → POP and IMAP
          access.
        </Text>
      </Step>
      <Step title="Server: imap.gmail.com, port 993, TLS">
        <Text size="sm">
          Filled in below. Gmail sends with the signed-in account as the envelope sender, so bounces come back to its mailbox.
        </Text>
      </Step>
    </Guide>
  );
}

/** The provider's set-up steps for reading the mailbox; servers signed in to with a password need none. */
export function BounceGuide({ kind }: { kind: AuthKind }) {
  switch (kind) {
    case 'microsoft_app_only':
      return <MicrosoftAppOnlyImapGuide />;
    case 'microsoft_delegated':
      return <MicrosoftDelegatedImapGuide />;
    case 'google':
      return <GoogleImapGuide />;
    default:
      return null;
  }
}
