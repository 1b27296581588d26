import { Alert, Checkbox, Input, Stack, Text, TextInput } from '@mantine/core';
import type { components } from '@/lib/api/schema';
import { fieldError } from '@/components/form-fields';
import { isMicrosoftHost } from './auth-kind';
import type { IntegrationDraft } from './integration-draft';
import { SecretInput } from './secret-input';

type StoredAuth = components['schemas']['IntegrationAuthResponse'];

export interface AuthFieldsProps {
  draft: IntegrationDraft;
  change: (changes: Partial<IntegrationDraft>) => void;
  /** The saved sign-in when it is of the kind shown (else undefined): which secrets are stored. */
  stored?: StoredAuth;
  error: unknown;
}

/** The settings of the chosen kind of sign-in, each with the API's message about it. */
export function AuthFields({ draft, change, stored, error }: AuthFieldsProps) {
  const text = (field: 'username' | 'tenantId' | 'clientId', label: string, description: string, required: boolean) => (
    <TextInput
      label={label}
      description={description}
      value={draft[field]}
      onChange={(event) => change({ [field]: event.currentTarget.value })}
      error={fieldError(error, `auth.${field}`)}
      required={required}
      maxLength={field === 'username' ? 320 : 200}
      autoComplete="off"
    />
  );
  const clientSecret = (
    <SecretInput
      label="Client secret"
      description="The secret's Value, not its Secret ID."
      stored={stored?.hasClientSecret ?? false}
      value={draft.clientSecret}
      onChange={(clientSecret) => change({ clientSecret })}
      error={fieldError(error, 'auth.clientSecret')}
      required
    />
  );

  switch (draft.kind) {
    case 'none':
      return (
        <Text size="sm" c="dimmed">
          Only for a relay that accepts mail from Mailroom&apos;s address without a login, such as an internal relay. Public servers refuse
          it.
        </Text>
      );
    case 'basic':
      return (
        <Stack gap="sm">
          {isMicrosoftHost(draft.host) && (
            <Alert color="yellow" title="Microsoft is switching basic authentication off">
              Exchange Online stops accepting a username and password for SMTP for existing tenants at the end of December 2026. Choose
              Microsoft 365 app-only or delegated sign-in instead, so the integration keeps working.
            </Alert>
          )}
          {text('username', 'Username', 'The SMTP login, often the mailbox address.', true)}
          <SecretInput
            label="Password"
            description="Many providers want an app password here rather than the account's own."
            stored={stored?.hasPassword ?? false}
            value={draft.password}
            onChange={(password) => change({ password })}
            error={fieldError(error, 'auth.password')}
            required
          />
        </Stack>
      );
    case 'microsoft_app_only':
      return (
        <Stack gap="sm">
          {text('tenantId', 'Directory (tenant) ID', "Your directory's ID or a domain such as contoso.onmicrosoft.com.", true)}
          {text('clientId', 'Application (client) ID', "From the app registration's Overview.", true)}
          {clientSecret}
          {text('username', 'Mailbox', 'The mailbox the app was given with Add-MailboxPermission; Mailroom authenticates as it.', true)}
        </Stack>
      );
    case 'microsoft_delegated':
      return (
        <Stack gap="sm">
          {text(
            'tenantId',
            'Directory (tenant) ID',
            "Your directory's ID or domain. Leave it empty only for an app registered for several directories (common is used).",
            false,
          )}
          {text('clientId', 'Application (client) ID', "From the app registration's Overview.", true)}
          {clientSecret}
          {text('username', 'Mailbox', 'The mailbox that signs in on Connect. Empty: the default sender.', false)}
          <RefreshToken draft={draft} change={change} stored={stored} error={error} />
        </Stack>
      );
    case 'google':
      return (
        <Stack gap="sm">
          {text('clientId', 'Client ID', 'Ends in .apps.googleusercontent.com.', true)}
          {clientSecret}
          {text('username', 'Account', 'The Google account that signs in on Connect. Empty: the default sender.', false)}
          <RefreshToken draft={draft} change={change} stored={stored} error={error} />
        </Stack>
      );
  }
}

/** Comes from Connect; a stored one can be replaced by hand or dropped (a changed server must resend it or drop it). */
function RefreshToken({ draft, change, stored, error }: AuthFieldsProps) {
  if (!stored?.hasRefreshToken) {
    return (
      <Input.Wrapper label="Refresh token" labelElement="div">
        <Text size="sm" mt={4}>
          {stored ? 'None yet: press Connect to sign in with the provider.' : 'Comes from Connect, once the integration is saved.'}
        </Text>
      </Input.Wrapper>
    );
  }
  return (
    <Stack gap="xs">
      {!draft.dropRefreshToken && (
        <SecretInput
          label="Refresh token"
          description="From Connect. Replace it only with one you obtained for this client yourself."
          stored
          value={draft.refreshToken}
          onChange={(refreshToken) => change({ refreshToken })}
          error={fieldError(error, 'auth.refreshToken')}
        />
      )}
      <Checkbox
        label="Drop the stored refresh token, and connect again after saving"
        checked={draft.dropRefreshToken}
        onChange={(event) => change({ dropRefreshToken: event.currentTarget.checked, refreshToken: '' })}
      />
    </Stack>
  );
}
