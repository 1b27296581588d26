import { Code, Text } from '@mantine/core';
import { Commands, Guide, Step } from './guide-parts';
import { RedirectUri } from './redirect-uri';

/** Microsoft 365 delegated: an app registration whose refresh token a person obtains with Connect. */
export function MicrosoftDelegatedGuide() {
  return (
    <Guide title="Set up Microsoft 365 for delegated sending">
      <Step title="Register an app in Microsoft Entra ID, with this redirect URI">
        <Text size="sm">
          Entra admin center → App registrations → New registration. Under Authentication → Add a platform → <b>Web</b>, add the redirect
          URI below. Copy the <b>Application (client) ID</b> and the <b>Directory (tenant) ID</b> into the fields below.
        </Text>
        <RedirectUri />
      </Step>
      <Step title="Add the delegated permissions SMTP.Send and offline_access">
        <Text size="sm">
          API permissions → Add a permission → Microsoft Graph → Delegated permissions → <Code>SMTP.Send</Code> and{' '}
          <Code>offline_access</Code> (without offline_access no refresh token comes back). Grant admin consent if your organization
          requires it. Do not use SMTP.SendAsApp here: it is an application permission, and Microsoft refuses it in this flow
          (invalid_scope).
        </Text>
      </Step>
      <Step title="Create a client secret and copy its Value">
        <Text size="sm">
          Certificates &amp; secrets → New client secret. Copy the secret&apos;s <b>Value</b>, not its <b>Secret ID</b>: with the ID,
          Microsoft answers AADSTS7000215 (invalid client secret).
        </Text>
      </Step>
      <Step title="Enable Authenticated SMTP for the mailbox that signs in">
        <Commands lines={['Set-CASMailbox -Identity <mailbox> -SmtpClientAuthenticationDisabled $false']} />
      </Step>
      <Step title="Save, then press Connect">
        <Text size="sm">
          Sign in as the mailbox on Microsoft&apos;s page; you come back here with the refresh token stored, encrypted. It is never shown,
          and Mailroom keeps the new one each time Microsoft replaces it.
        </Text>
      </Step>
    </Guide>
  );
}
