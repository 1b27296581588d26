import { Alert, Button, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors } from '@/components/form-fields';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useEraseRecipient, useRecipientErasure, type RecipientErasure } from '../api/recipient-erasures';

/**
 * Erases an address from the workspace at once, whatever the retention (a person who asks to be
 * forgotten), after confirming; then follows the worker until it is done and says what it erased.
 */
export function RecipientErasureForm({ ws }: { ws: string }) {
  const erase = useEraseRecipient(ws);
  const erasure = useRecipientErasure(ws, erase.data?.id);
  const [email, setEmail] = useState('');
  const [asking, { open, close }] = useDisclosure(false);

  return (
    <Stack gap="sm" component="section" aria-labelledby="erase-recipient-title" maw={640}>
      <Title order={2} size="h4" id="erase-recipient-title">
        Erase a recipient
      </Title>
      <Text size="sm" c="dimmed">
        For someone who asks to be forgotten: the messages that name the address lose their content, attachments and address fields, and its
        contact is deleted with its list memberships, now instead of when retention would. A suppression of the address stays, kept as a
        hash only, so it is still not mailed. The audit log records the erasure without the address.
      </Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          open();
        }}
      >
        <Group align="flex-end">
          <TextInput
            label="Email address"
            type="email"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={fieldError(erase.error, 'email')}
            style={{ flex: 1 }}
          />
          <Button type="submit" color="red" variant="light" loading={erase.isPending}>
            Erase recipient
          </Button>
        </Group>
      </form>
      <ErrorAlert error={erase.error} messages={formLevelErrors(erase.error, ['email'])} title="Not erased" />
      <ConfirmDialog
        opened={asking}
        onClose={close}
        title="Erase this recipient?"
        message={`Everything this workspace holds about ${email} is erased for good: the content and addresses of its messages, its attachments, its contact and list memberships. This cannot be undone.`}
        confirmLabel="Erase recipient"
        onConfirm={() => erase.mutate(email, { onSuccess: () => setEmail('') })}
      />
      {erasure.data && <ErasureProgress erasure={erasure.data} />}
    </Stack>
  );
}

function ErasureProgress({ erasure }: { erasure: RecipientErasure }) {
  if (erasure.status === 'pending') {
    return (
      <Alert color="blue" title="Erasing…" role="status" icon={<Loader size="xs" aria-hidden />}>
        Requested {formatDateTime(erasure.requestedAt)}. The worker erases in batches; this updates by itself.
      </Alert>
    );
  }
  return (
    <Alert color="green" title="Erased" role="status">
      Done {formatDateTime(erasure.completedAt)}. Messages erased: {formatNumber(erasure.messages)}; contacts deleted, with their list
      memberships: {formatNumber(erasure.contacts)}; suppressions kept as a hash: {formatNumber(erasure.suppressions)}.
    </Alert>
  );
}
