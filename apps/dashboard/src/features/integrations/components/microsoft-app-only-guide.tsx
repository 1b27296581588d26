import { Code, Text } from '@mantine/core';
import { Commands, Guide, Step } from './guide-parts';

/** Microsoft 365 client credentials: what an Exchange Online admin does once before Mailroom can send. */
export function MicrosoftAppOnlyGuide() {
  return (
    <Guide title="Set up Microsoft 365 for app-only sending">
      <Step title="Register an app in Microsoft Entra ID">
        <Text size="sm">
          Entra admin center → App registrations → New registration, for accounts in this organizational directory only. From its Overview,
          copy the <b>Application (client) ID</b> and the <b>Directory (tenant) ID</b> into the fields below.
        </Text>
      </Step>
      <Step title="Give it the SMTP.SendAsApp application permission, with admin consent">
        <Text size="sm">
          API permissions → Add a permission → APIs my organization uses → <b>Office 365 Exchange Online</b> → Application permissions →{' '}
          <Code>SMTP.SendAsApp</Code>. Then press <b>Grant admin consent</b> for your organization; the status must show it granted.
        </Text>
      </Step>
      <Step title="Create a client secret and copy its Value">
        <Text size="sm">
          Certificates &amp; secrets → New client secret. Copy the secret&apos;s <b>Value</b> at once (it is shown only then), not its{' '}
          <b>Secret ID</b>: with the ID, Microsoft answers AADSTS7000215 (invalid client secret).
        </Text>
      </Step>
      <Step title="Register the app's service principal in Exchange Online and give it the mailbox">
        <Text size="sm">
          Open <b>Enterprise applications</b> (not App registrations), pick the app of the same name and copy its <b>Object ID</b>. The App
          Registration has an object ID of its own, and that one does not work here. Then, in Exchange Online PowerShell:
        </Text>
        <Commands
          lines={[
            'Connect-ExchangeOnline',
            'New-ServicePrincipal -AppId <Application (client) ID> -ObjectId <Enterprise application Object ID>',
            'Add-MailboxPermission -Identity <mailbox> -User <Enterprise application Object ID> -AccessRights FullAccess',
          ]}
        />
        <Text size="sm" c="dimmed">
          <Code>Get-ServicePrincipal</Code> lists the service principal you created. Exchange can take a while to apply a new permission: if
          Test answers 535 5.7.3 right away, test again a few minutes later.
        </Text>
      </Step>
      <Step title="Enable Authenticated SMTP for the mailbox">
        <Commands lines={['Set-CASMailbox -Identity <mailbox> -SmtpClientAuthenticationDisabled $false']} />
        <Text size="sm" c="dimmed">
          The same switch is in the Microsoft 365 admin center: the user → Mail → Manage email apps → Authenticated SMTP.
        </Text>
      </Step>
      <Step title="Fill in the fields below">
        <Text size="sm">
          The mailbox is the one named in Add-MailboxPermission; list it (or the addresses it may send as) among the senders. The tenant
          must be your directory&apos;s ID or domain: Microsoft refuses common, organizations and consumers for app-only tokens.
        </Text>
      </Step>
    </Guide>
  );
}
