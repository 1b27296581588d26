import { Card, Text, Title } from '@mantine/core';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { ShownOnce } from '@/components/shown-once';
import { formatDateTime } from '@/lib/format';
import { useRotateSecret, type Webhook } from '../api/webhooks';
import { VerifySignaturesNote, SIGNING_SECRET_NOTE } from './verify-signatures-note';

/** A new signing secret, shown once; requests carry signatures with both secrets for 24 hours, so receivers switch without losing any. */
export function RotateSecret({ ws, webhook }: { ws: string; webhook: Webhook }) {
  const rotate = useRotateSecret(ws, webhook.id);
  const graceUntil = rotate.data?.previousSecretExpiresAt ?? webhook.previousSecretExpiresAt;

  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        Signing secret
      </Title>
      {rotate.data && (
        <>
          <ShownOnce label="New signing secret" value={rotate.data.secret} note={SIGNING_SECRET_NOTE} />
          <VerifySignaturesNote />
        </>
      )}
      <ErrorAlert error={rotate.error} title="Not rotated" />
      <Text size="sm" mb="sm">
        {graceUntil
          ? `The previous secret still signs until ${formatDateTime(graceUntil)}.`
          : 'Rotate it when it may have leaked. The old one keeps signing for 24 hours, time to give the receiver the new one.'}
      </Text>
      <ConfirmButton
        title="Rotate the signing secret?"
        message="A new secret is made and shown once. For 24 hours each request is signed with the old and the new one; after that, receivers holding only the old secret reject every request."
        confirmLabel="Rotate secret"
        loading={rotate.isPending}
        onConfirm={() => rotate.mutate(undefined)}
      >
        Rotate secret
      </ConfirmButton>
    </Card>
  );
}
