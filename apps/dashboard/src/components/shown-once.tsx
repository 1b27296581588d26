import { Alert, Button, Code, CopyButton, Group, Text } from '@mantine/core';

const HASHED = 'Copy it now and keep it somewhere safe: Mailroom stores only a hash and cannot show it again.';

/**
 * A secret or link the API shows only in this answer (an API key, an invitation link): copy it now,
 * it is not shown again. `note` says how Mailroom keeps it when it keeps more than a hash (a signing secret it must use).
 */
export function ShownOnce({ label, value, note = HASHED }: { label: string; value: string; note?: string }) {
  return (
    <Alert color="yellow" title={`${label} — shown only now`} mb="md">
      <Text size="sm" mb="xs">
        {note}
      </Text>
      <Group gap="sm" wrap="nowrap">
        <Code block style={{ flex: 1, wordBreak: 'break-all' }} data-testid="shown-once">
          {value}
        </Code>
        <CopyButton value={value}>{({ copied, copy }) => <Button onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}</CopyButton>
      </Group>
    </Alert>
  );
}
