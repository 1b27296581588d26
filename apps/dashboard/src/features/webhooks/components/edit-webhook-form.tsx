import { Button, Card, Checkbox, Group, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors, formValues } from '@/components/form-fields';
import { notifySuccess } from '@/components/notify';
import { useUpdateWebhook, type EventChoice, type Webhook } from '../api/webhooks';
import { EventTypesField } from './event-types-field';

const FIELDS = ['url', 'events', 'description', 'enabled'] as const;

/** URL, description, types and whether it is enabled; enabling one the worker disabled resumes its deliveries. */
export function EditWebhookForm({ ws, webhook }: { ws: string; webhook: Webhook }) {
  const update = useUpdateWebhook(ws, webhook.id);
  const [events, setEvents] = useState<EventChoice[]>(webhook.events as EventChoice[]);
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    const { url, description, enabled } = formValues(event);
    update.mutate(
      { url, events, description: description ?? '', enabled: enabled === 'on' },
      { onSuccess: () => notifySuccess('Endpoint saved.') },
    );
  };

  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        Settings
      </Title>
      <form onSubmit={submit} aria-label="Endpoint settings">
        <ErrorAlert error={update.error} messages={formLevelErrors(update.error, FIELDS)} title="Not saved" />
        <Stack gap="md">
          <TextInput
            label="URL"
            name="url"
            type="url"
            required
            maxLength={2048}
            defaultValue={webhook.url}
            error={fieldError(update.error, 'url')}
          />
          <TextInput
            label="Description"
            name="description"
            maxLength={500}
            defaultValue={webhook.description ?? ''}
            error={fieldError(update.error, 'description')}
          />
          <EventTypesField value={events} onChange={setEvents} error={fieldError(update.error, 'events')} />
          <Checkbox
            label="Enabled"
            name="enabled"
            defaultChecked={webhook.enabled}
            description="Unticked, nothing is sent and deliveries wait; ticked again, they go"
            error={fieldError(update.error, 'enabled')}
          />
          <Group>
            <Button type="submit" loading={update.isPending} disabled={events.length === 0}>
              Save changes
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
