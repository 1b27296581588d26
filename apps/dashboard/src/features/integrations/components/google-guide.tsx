import { Code, Text } from '@mantine/core';
import { Guide, Step } from './guide-parts';
import { RedirectUri } from './redirect-uri';

/** Gmail and Google Workspace: an OAuth client whose refresh token a person obtains with Connect. */
export function GoogleGuide() {
  return (
    <Guide title="Set up Google for sending">
      <Step title="Configure the OAuth consent screen with the Gmail scope">
        <Text size="sm">
          Google Cloud console → APIs &amp; Services → OAuth consent screen: choose <b>Internal</b> (only your Google Workspace users) or{' '}
          <b>External</b>, and add the scope <Code>https://mail.google.com/</Code>.
        </Text>
      </Step>
      <Step title="Create an OAuth client of type Web application, with this redirect URI">
        <Text size="sm">
          Credentials (or Clients) → Create OAuth client ID → <b>Web application</b> → Authorized redirect URIs: add the URI below. Copy the{' '}
          <b>Client ID</b> and <b>Client secret</b> into the fields below.
        </Text>
        <RedirectUri />
      </Step>
      <Step title="Publish the app, or its refresh tokens expire after 7 days">
        <Text size="sm">
          While an External app&apos;s publishing status is <b>Testing</b>, Google&apos;s refresh tokens stop working after 7 days and the
          integration turns to Needs reconnect. Publish it (In production), or use an Internal app, to keep them.
        </Text>
      </Step>
      <Step title="Save, then press Connect">
        <Text size="sm">
          Sign in as the sending account on Google&apos;s page; you come back here with the refresh token stored, encrypted, and never
          shown. Senders must be that account&apos;s address or one of its &quot;Send mail as&quot; addresses.
        </Text>
      </Step>
    </Guide>
  );
}
