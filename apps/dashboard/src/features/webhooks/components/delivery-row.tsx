import { Button, Code, Group, Table } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { formatDateTime } from '@/lib/format';
import type { WebhookDelivery } from '../api/webhooks';
import { AttemptsTable } from './attempts-table';
import { DeliveryStatusBadge } from './delivery-status-badge';

export const DELIVERY_COLUMNS = 6;

/** One delivery; its attempts open beneath it. `onRetry` is absent for those who may not retry. */
export function DeliveryRow({ delivery, onRetry, retrying }: { delivery: WebhookDelivery; onRetry?: () => void; retrying: boolean }) {
  const [open, { toggle }] = useDisclosure(false);
  const attemptsId = `attempts-${delivery.id}`;

  return (
    <>
      <Table.Tr>
        <Table.Td>
          <Code>{delivery.type}</Code>
        </Table.Td>
        <Table.Td>
          <Code>{delivery.eventId}</Code>
        </Table.Td>
        <Table.Td>
          <DeliveryStatusBadge status={delivery.status} />
        </Table.Td>
        <Table.Td>{delivery.attempts.length}</Table.Td>
        <Table.Td>{formatDateTime(delivery.nextAttemptAt)}</Table.Td>
        <Table.Td>
          <Group gap="xs" wrap="nowrap">
            <Button
              size="xs"
              variant="default"
              aria-expanded={open}
              aria-controls={open ? attemptsId : undefined}
              aria-label={`${open ? 'Hide' : 'Show'} attempts of ${delivery.type} ${delivery.eventId}`}
              onClick={toggle}
              disabled={delivery.attempts.length === 0}
            >
              {open ? 'Hide attempts' : 'Attempts'}
            </Button>
            {onRetry && delivery.status !== 'delivered' && (
              <Button
                size="xs"
                variant="light"
                aria-label={`Retry ${delivery.type} ${delivery.eventId}`}
                loading={retrying}
                onClick={onRetry}
              >
                Retry
              </Button>
            )}
          </Group>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={attemptsId}>
          <Table.Td colSpan={DELIVERY_COLUMNS}>
            <AttemptsTable attempts={delivery.attempts} caption={`Attempts of ${delivery.type} ${delivery.eventId}`} />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
