import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime } from '@/lib/format';
import type { MessageSummary } from '../api/messages';
import { MessageStatusBadge } from './message-status-badge';

function recipients(message: MessageSummary): string {
  const [first, ...others] = message.to;
  if (!first) return '—';
  return others.length > 0 ? `${first.email} +${others.length}` : first.email;
}

export function MessagesTable({ ws, messages }: { ws: string; messages: MessageSummary[] }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Created</Table.Th>
            <Table.Th>Recipient</Table.Th>
            <Table.Th>Subject</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Tags</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {messages.map((message) => (
            <Table.Tr key={message.id}>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(message.createdAt)}
                </Text>
              </Table.Td>
              <Table.Td>{recipients(message)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/w/${ws}/messages/${message.id}`}>
                  {message.subject || '(no subject)'}
                </Anchor>
              </Table.Td>
              <Table.Td>{message.type}</Table.Td>
              <Table.Td>
                <MessageStatusBadge status={message.status} />
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {message.tags.map((tag) => (
                    <Badge key={tag} variant="outline" color="gray" size="sm">
                      {tag}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
