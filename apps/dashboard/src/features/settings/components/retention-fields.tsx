import { Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { fieldError } from '@/components/form-fields';

/** The API's bounds for both (RetentionSettingsDto): a day to ten years. */
const DAYS = { min: 1, max: 3650 } as const;

export interface RetentionDraft {
  /** As the inputs hold them: '' while emptied. */
  bodiesDays: number | string;
  metadataDays: number | string;
}

/**
 * How long the workspace keeps message bodies, and messages at all, as the daily purge applies
 * it. The inputs keep each value within the API's bounds; whether bodies outlast messages is the
 * API's to refuse, at the field it names. People who may not change them see them read-only.
 */
export function RetentionFields({
  values,
  onChange,
  readOnly,
  error,
}: {
  values: RetentionDraft;
  onChange: (change: Partial<RetentionDraft>) => void;
  readOnly: boolean;
  error: unknown;
}) {
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Retention
      </Title>
      <Text size="sm" c="dimmed">
        Once a day the worker deletes what is older than this, in bounded batches of short transactions, so sending goes on meanwhile. One
        person&apos;s mail can be erased at any time, below.
      </Text>
      <Group grow align="flex-start">
        <NumberInput
          label="Keep message bodies for (days)"
          description="HTML, text, attachments and the targets of tracked links are purged after this many days (default 30); the message stays, with its subject, recipients, status and events"
          required
          {...DAYS}
          allowDecimal={false}
          allowNegative={false}
          value={values.bodiesDays}
          onChange={(bodiesDays) => onChange({ bodiesDays })}
          readOnly={readOnly}
          hideControls={readOnly}
          error={fieldError(error, 'retention.bodiesDays')}
        />
        <NumberInput
          label="Keep messages for (days)"
          description="Messages and their events are deleted after this many days (default 400), and webhook events and processed bounce reports as old; at least as long as bodies"
          required
          {...DAYS}
          allowDecimal={false}
          allowNegative={false}
          value={values.metadataDays}
          onChange={(metadataDays) => onChange({ metadataDays })}
          readOnly={readOnly}
          hideControls={readOnly}
          error={fieldError(error, 'retention.metadataDays')}
        />
      </Group>
    </Stack>
  );
}
