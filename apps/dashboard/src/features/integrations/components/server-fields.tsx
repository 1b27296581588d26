import { Checkbox, Stack, Text, TextInput } from '@mantine/core';
import { fieldError } from '@/components/form-fields';
import { ConnectionFields, type SecurityOption } from './connection-fields';
import type { IntegrationDraft, Security } from './integration-draft';

const SECURITY: SecurityOption<Security>[] = [
  { value: 'starttls', label: 'STARTTLS', description: 'Plain connection upgraded to TLS, usually port 587', port: 587 },
  { value: 'tls', label: 'TLS', description: 'TLS from the first byte, usually port 465', port: 465 },
  { value: 'none', label: 'None', description: 'Unencrypted: only on a network you trust', port: 25 },
];

/** Where Mailroom connects and how it protects the connection. */
export function ServerFields({
  draft,
  change,
  error,
  editing,
}: {
  draft: IntegrationDraft;
  change: (changes: Partial<IntegrationDraft>) => void;
  error: unknown;
  editing: boolean;
}) {
  return (
    <Stack gap="sm">
      {editing && (
        <Text size="sm" c="dimmed">
          Changing the host, port, security or the certificate setting sends the stored secrets somewhere new, so they must be given again
          with the change.
        </Text>
      )}
      <ConnectionFields connection={draft} change={change} securityOptions={SECURITY} placeholder="smtp.example.com" error={error} />
      <Checkbox
        label="Accept a self-signed or untrusted certificate"
        description="Only for a server you run yourself: the connection is still encrypted, but anyone in between could pose as the server."
        checked={draft.allowSelfSignedCertificate}
        onChange={(event) => change({ allowSelfSignedCertificate: event.currentTarget.checked })}
        error={fieldError(error, 'allowSelfSignedCertificate')}
      />
      <TextInput
        label="EHLO name (optional)"
        description="The name Mailroom greets the server with. Empty: the domain of the default sender."
        value={draft.ehloHostname}
        onChange={(event) => change({ ehloHostname: event.currentTarget.value })}
        error={fieldError(error, 'ehloHostname')}
        placeholder="mail.example.com"
        autoComplete="off"
      />
    </Stack>
  );
}
