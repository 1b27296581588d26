import { Button, Checkbox, Group, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors, formValues } from '@/components/form-fields';
import { ShownOnce } from '@/components/shown-once';
import { useCreateWebhook, type EventChoice } from '../api/webhooks';
import { EventTypesField } from './event-types-field';
import { VerifySignaturesNote, SIGNING_SECRET_NOTE } from './verify-signatures-note';

const FIELDS = ['url', 'events', 'description', 'enabled'] as const;

/** A new endpoint; its signing secret is shown only in the answer, so it stays here until the next one is created. */
export function NewWebhookForm({ ws, onClose }: { ws: string; onClose: () => void }) {
  const create = useCreateWebhook(ws);
  const [events, setEvents] = useState<EventChoice[]>(['*']);
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const { url, description, enabled } = formValues(event);
    create.mutate(
      { url: url ?? '', events, description: description || undefined, enabled: enabled === 'on' },
      {
        onSuccess: () => {
          form.reset();
          setEvents(['*']);
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" mb="lg">
      <Title order={2} size="h4" mb="sm">
        New endpoint
      </Title>
      {create.data && (
        <>
          <ShownOnce label={`Signing secret of ${create.data.url}`} value={create.data.secret} note={SIGNING_SECRET_NOTE} />
          <VerifySignaturesNote />
        </>
      )}
      <form onSubmit={submit}>
        <ErrorAlert error={create.error} messages={formLevelErrors(create.error, FIELDS)} title="Not created" />
        <Stack gap="md">
          <TextInput
            label="URL"
            name="url"
            type="url"
            placeholder="https://example.com/webhooks/mailroom"
            description="Mailroom POSTs each event here; it must answer 2xx within a few seconds"
            required
            maxLength={2048}
            error={fieldError(create.error, 'url')}
            maw={560}
          />
          <TextInput
            label="Description"
            name="description"
            placeholder="Order system"
            maxLength={500}
            error={fieldError(create.error, 'description')}
            maw={560}
          />
          <EventTypesField value={events} onChange={setEvents} error={fieldError(create.error, 'events')} />
          <Checkbox label="Enabled" name="enabled" defaultChecked description="A disabled endpoint is sent nothing until enabled" />
          <Group>
            <Button type="submit" loading={create.isPending} disabled={events.length === 0}>
              Create endpoint
            </Button>
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
