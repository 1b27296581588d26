import { Anchor, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime } from '@/lib/format';
import type { Webhook } from '../api/webhooks';
import { WebhookEvents } from './webhook-events';
import { WebhookStatusBadge } from './webhook-status-badge';

export function WebhooksTable({ ws, webhooks }: { ws: string; webhooks: Webhook[] }) {
  return (
    <Table striped highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>URL</Table.Th>
          <Table.Th>Events</Table.Th>
          <Table.Th>Enabled</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Created</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {webhooks.map((webhook) => (
          <Table.Tr key={webhook.id}>
            <Table.Td>
              <Stack gap={2}>
                <Anchor component={Link} to={`/w/${ws}/webhooks/${webhook.id}`} style={{ wordBreak: 'break-all' }}>
                  {webhook.url}
                </Anchor>
                {webhook.description && (
                  <Text size="sm" c="dimmed">
                    {webhook.description}
                  </Text>
                )}
              </Stack>
            </Table.Td>
            <Table.Td>
              <WebhookEvents events={webhook.events} />
            </Table.Td>
            <Table.Td>{webhook.enabled ? 'Yes' : 'No'}</Table.Td>
            <Table.Td>
              <Stack gap={2}>
                <WebhookStatusBadge status={webhook.status} />
                {webhook.status.reason && <Text size="sm">{webhook.status.reason}</Text>}
              </Stack>
            </Table.Td>
            <Table.Td>{formatDateTime(webhook.createdAt)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
