import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyState } from '@/components/query-state';
import { formatRelative } from '@/lib/format';
import type { Integration } from '../api/overview';

const STATES: Record<Integration['status']['state'], { label: string; color: string }> = {
  ok: { label: 'working', color: 'green' },
  failing: { label: 'failing', color: 'red' },
  needs_reconnect: { label: 'needs reconnect', color: 'orange' },
  untested: { label: 'untested', color: 'gray' },
};

function usageOf(integration: Integration): string {
  const usages = (['transactional', 'marketing'] as const).filter((usage) => integration.usage[usage]);
  return usages.length > 0 ? usages.join(', ') : 'not in use';
}

/** Each integration's last known state, with what went wrong and what to do; its page has the test and the fix. */
export function IntegrationsHealth({ ws, integrations }: { ws: string; integrations: Integration[] }) {
  if (integrations.length === 0) {
    return (
      <EmptyState>
        No integration yet: nothing can be sent.{' '}
        <Anchor component={Link} to={`/w/${ws}/integrations`}>
          Connect an SMTP server
        </Anchor>
      </EmptyState>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Integration</Table.Th>
            <Table.Th>Serves</Table.Th>
            <Table.Th>State</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {integrations.map((integration) => {
            const state = STATES[integration.status.state];
            return (
              <Table.Tr key={integration.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/w/${ws}/integrations/${integration.id}`}>
                    {integration.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{usageOf(integration)}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Badge color={state.color} variant="light">
                      {state.label}
                    </Badge>
                    {integration.status.checkedAt && (
                      <Text size="xs" c="dimmed">
                        checked {formatRelative(integration.status.checkedAt)}
                      </Text>
                    )}
                  </Group>
                  {integration.status.lastError && (
                    <Text size="sm" mt={4}>
                      {integration.status.lastError}
                    </Text>
                  )}
                  {integration.status.hint && (
                    <Text size="sm" c="dimmed">
                      {integration.status.hint}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
