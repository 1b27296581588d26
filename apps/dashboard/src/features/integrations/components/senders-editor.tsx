import { Button, Fieldset, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { fieldError } from '@/components/form-fields';
import { senderRow, type IntegrationDraft } from './integration-draft';

const MAX_SENDERS = 100;

/** The addresses the integration may send as, and the default one (used when a message names no `from`). */
export function SendersEditor({
  draft,
  change,
  error,
}: {
  draft: IntegrationDraft;
  change: (changes: Partial<IntegrationDraft>) => void;
  error: unknown;
}) {
  const rows = draft.senders;
  const setRow = (key: string, changes: { name?: string; email?: string }) =>
    change({ senders: rows.map((row) => (row.key === key ? { ...row, ...changes } : row)) });
  const remove = (key: string) => {
    const rest = rows.filter((row) => row.key !== key);
    change({ senders: rest, defaultSender: draft.defaultSender === key ? rest[0].key : draft.defaultSender });
  };
  const listError = fieldError(error, 'senders');

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        A message may only be sent from one of these addresses; the default is used when it names none. The server must allow each of them
        (for Microsoft 365: the mailbox itself, or addresses it has Send As rights for).
      </Text>
      {listError && (
        <Text size="sm" c="red" role="alert">
          {listError}
        </Text>
      )}
      <Radio.Group value={draft.defaultSender} onChange={(defaultSender) => change({ defaultSender })} aria-label="Default sender">
        <Stack gap="sm">
          {rows.map((row, index) => (
            <Fieldset key={row.key} legend={`Sender ${index + 1}`} variant="filled">
              <Group align="flex-start" wrap="wrap">
                <TextInput
                  label="Display name"
                  value={row.name}
                  onChange={(event) => setRow(row.key, { name: event.currentTarget.value })}
                  error={fieldError(error, `senders.${index}.name`)}
                  required
                  maxLength={200}
                  placeholder="Support Team"
                />
                <TextInput
                  label="Email address"
                  type="email"
                  value={row.email}
                  onChange={(event) => setRow(row.key, { email: event.currentTarget.value })}
                  error={fieldError(error, `senders.${index}.email`)}
                  required
                  maxLength={320}
                  placeholder="support@example.com"
                  style={{ flex: 1, minWidth: 240 }}
                />
                <Radio value={row.key} label="Default" mt={30} />
                {rows.length > 1 && (
                  <Button variant="subtle" color="red" mt={24} onClick={() => remove(row.key)} aria-label={`Remove sender ${index + 1}`}>
                    Remove
                  </Button>
                )}
              </Group>
            </Fieldset>
          ))}
        </Stack>
      </Radio.Group>
      <Button
        variant="default"
        style={{ alignSelf: 'flex-start' }}
        disabled={rows.length >= MAX_SENDERS}
        onClick={() => change({ senders: [...rows, senderRow()] })}
      >
        Add a sender
      </Button>
    </Stack>
  );
}
