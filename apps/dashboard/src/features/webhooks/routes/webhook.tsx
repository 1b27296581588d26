import { Alert, Anchor, SimpleGrid, Stack } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { notifySuccess } from '@/components/notify';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { useCan, useWorkspaceId } from '@/lib/auth';
import { useDeleteWebhook, useWebhook, type Webhook } from '../api/webhooks';
import { DeliveryLog } from '../components/delivery-log';
import { EditWebhookForm } from '../components/edit-webhook-form';
import { RotateSecret } from '../components/rotate-secret';
import { SendTestEvent } from '../components/send-test-event';
import { WebhookStatusBadge } from '../components/webhook-status-badge';

/** `/w/{ws}/webhooks/{id}`: one endpoint, its settings, its secret, a test, and every delivery with its attempts. */
export function WebhookPage() {
  const ws = useWorkspaceId();
  const { id = '' } = useParams();
  const webhook = useWebhook(ws, id);
  return (
    <>
      <Anchor component={Link} to={`/w/${ws}/webhooks`} size="sm">
        ← Webhooks
      </Anchor>
      <QueryState query={webhook}>{(data) => <WebhookDetails ws={ws} webhook={data} />}</QueryState>
    </>
  );
}

function WebhookDetails({ ws, webhook }: { ws: string; webhook: Webhook }) {
  const can = useCan();
  const navigate = useNavigate();
  const remove = useDeleteWebhook(ws, webhook.id);
  const { status } = webhook;

  return (
    <>
      <PageHeader
        title="Webhook endpoint"
        description={[webhook.url, webhook.description].filter(Boolean).join(' — ')}
        actions={
          <>
            <WebhookStatusBadge status={status} />
            {can('DELETE /v1/workspaces/{ws}/webhooks/{id}') && (
              <ConfirmButton
                title="Delete this endpoint?"
                message={`Nothing more is sent to ${webhook.url}, and its delivery log is deleted. This cannot be undone.`}
                confirmLabel="Delete endpoint"
                loading={remove.isPending}
                onConfirm={() =>
                  remove.mutate(undefined, {
                    onSuccess: () => {
                      notifySuccess('The endpoint was deleted.');
                      void navigate(`/w/${ws}/webhooks`);
                    },
                  })
                }
              >
                Delete
              </ConfirmButton>
            )}
          </>
        }
      />
      <ErrorAlert error={remove.error} title="Not deleted" />
      {status.reason && (
        <Alert color={status.state === 'disabled' ? 'gray' : 'orange'} title={status.state === 'disabled' ? 'Disabled' : 'Failing'} mb="lg">
          {status.reason}
        </Alert>
      )}
      <Stack gap="xl">
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          {can('PATCH /v1/workspaces/{ws}/webhooks/{id}') && <EditWebhookForm ws={ws} webhook={webhook} />}
          <Stack>
            {can('POST /v1/workspaces/{ws}/webhooks/{id}/test') && <SendTestEvent ws={ws} webhook={webhook} />}
            {can('POST /v1/workspaces/{ws}/webhooks/{id}/rotate-secret') && <RotateSecret ws={ws} webhook={webhook} />}
          </Stack>
        </SimpleGrid>
        <DeliveryLog ws={ws} webhookId={webhook.id} />
      </Stack>
    </>
  );
}
