import { Button, Group, TextInput } from '@mantine/core';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors, formValues } from '@/components/form-fields';
import { notifySuccess } from '@/components/notify';
import { useReplayFailed } from '../api/webhooks';

/** Every failed delivery made since a time, due again now (after the receiver was fixed). */
export function ReplayFailedForm({ ws, webhookId }: { ws: string; webhookId: string }) {
  const replay = useReplayFailed(ws, webhookId);
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    const { since } = formValues(event);
    // A datetime-local input holds the person's local time without a zone; the API wants an instant.
    replay.mutate(since ? new Date(since).toISOString() : '', {
      onSuccess: ({ replayed }) => notifySuccess(`${replayed} failed ${replayed === 1 ? 'delivery is' : 'deliveries are'} sent again.`),
    });
  };

  return (
    <form onSubmit={submit} aria-label="Replay failed deliveries">
      <ErrorAlert error={replay.error} messages={formLevelErrors(replay.error, ['since'])} title="Not replayed" />
      <Group align="flex-end" gap="sm" mb="md">
        <TextInput
          label="Replay failed since"
          name="since"
          type="datetime-local"
          required
          description="Failed deliveries made since then are sent again"
          error={fieldError(replay.error, 'since')}
        />
        <Button type="submit" variant="light" loading={replay.isPending}>
          Replay failed
        </Button>
      </Group>
    </form>
  );
}
