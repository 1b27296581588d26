import { Checkbox, Group, NumberInput, Radio, Stack, Text, TextInput } from '@mantine/core';
import { fieldError } from '@/components/form-fields';
import type { IntegrationDraft, Security } from './integration-draft';

const SECURITY: { value: Security; label: string; description: string; port: number }[] = [
  { value: 'starttls', label: 'STARTTLS', description: 'Plain connection upgraded to TLS, usually port 587', port: 587 },
  { value: 'tls', label: 'TLS', description: 'TLS from the first byte, usually port 465', port: 465 },
  { value: 'none', label: 'None', description: 'Unencrypted: only on a network you trust', port: 25 },
];
const USUAL_PORTS = SECURITY.map((option) => option.port);

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
      <Group align="flex-start" grow>
        <TextInput
          label="Host"
          value={draft.host}
          onChange={(event) => change({ host: event.currentTarget.value })}
          error={fieldError(error, 'host')}
          required
          placeholder="smtp.example.com"
          autoComplete="off"
        />
        <NumberInput
          label="Port"
          value={draft.port}
          onChange={(port) => change({ port })}
          error={fieldError(error, 'port')}
          required
          min={1}
          max={65535}
          allowDecimal={false}
          allowNegative={false}
          maw={160}
        />
      </Group>
      <Radio.Group
        label="Security"
        value={draft.security}
        onChange={(value) => {
          const security = value as Security;
          // Moving between the usual ports follows the choice; a port the person typed stays.
          const port = USUAL_PORTS.includes(Number(draft.port)) ? SECURITY.find((option) => option.value === security)!.port : draft.port;
          change({ security, port });
        }}
        error={fieldError(error, 'security')}
      >
        <Stack gap="xs" mt={4}>
          {SECURITY.map((option) => (
            <Radio key={option.value} value={option.value} label={option.label} description={option.description} />
          ))}
        </Stack>
      </Radio.Group>
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
