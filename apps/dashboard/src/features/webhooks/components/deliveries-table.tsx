import { Table, VisuallyHidden } from '@mantine/core';
import { ErrorAlert } from '@/components/error-alert';
import { useCan } from '@/lib/auth';
import { useRetryDelivery, type WebhookDelivery } from '../api/webhooks';
import { DeliveryRow } from './delivery-row';

export function DeliveriesTable({ ws, webhookId, deliveries }: { ws: string; webhookId: string; deliveries: WebhookDelivery[] }) {
  const can = useCan();
  const retry = useRetryDelivery(ws, webhookId);
  const mayRetry = can('POST /v1/workspaces/{ws}/webhooks/{id}/deliveries/{deliveryId}/retry');

  return (
    <>
      <ErrorAlert error={retry.error} title="Not retried" />
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Type</Table.Th>
            <Table.Th>Event id</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Attempts</Table.Th>
            <Table.Th>Next attempt</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deliveries.map((delivery) => (
            <DeliveryRow
              key={delivery.id}
              delivery={delivery}
              retrying={retry.isPending && retry.variables === delivery.id}
              onRetry={mayRetry ? () => retry.mutate(delivery.id) : undefined}
            />
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
