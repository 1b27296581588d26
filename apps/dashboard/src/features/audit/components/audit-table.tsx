import { Badge, Code, Stack, Table, Text } from '@mantine/core';
import { formatDateTime } from '@/lib/format';
import type { AuditEvent } from '../api/audit';

const ACTOR_TYPES: Record<AuditEvent['actor']['type'], string> = { user: 'person', api_key: 'API key', operator: 'operator' };

/** Who did what to which thing, newest first; details are names and ids, never a secret. */
export function AuditTable({ events }: { events: AuditEvent[] }) {
  return (
    <Table striped verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>At</Table.Th>
          <Table.Th>Actor</Table.Th>
          <Table.Th>Action</Table.Th>
          <Table.Th>Target</Table.Th>
          <Table.Th>Details</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {events.map((event) => (
          <Table.Tr key={event.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.at)}</Table.Td>
            <Table.Td>
              <Stack gap={2} align="flex-start">
                <Text size="sm" style={{ wordBreak: 'break-word' }}>
                  {event.actor.label}
                </Text>
                <Badge variant="light" color="gray" size="sm">
                  {ACTOR_TYPES[event.actor.type]}
                </Badge>
              </Stack>
            </Table.Td>
            <Table.Td>
              <Code>{event.action}</Code>
            </Table.Td>
            <Table.Td>
              <AuditTarget target={event.target ?? null} />
            </Table.Td>
            <Table.Td>
              <AuditDetails details={event.details} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** `kind:id`: the kind reads as a word, the id below it for searching. */
function AuditTarget({ target }: { target: string | null }) {
  if (!target) return <Text size="sm">—</Text>;
  const [kind, ...id] = target.split(':');
  return (
    <>
      <Text size="sm">{kind}</Text>
      {id.length > 0 && (
        <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
          {id.join(':')}
        </Text>
      )}
    </>
  );
}

function AuditDetails({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details);
  if (entries.length === 0) return <Text size="sm">—</Text>;
  return (
    <dl style={{ margin: 0 }}>
      {entries.map(([key, value]) => (
        <div key={key}>
          <Text component="dt" size="sm" c="dimmed" display="inline">
            {key}:
          </Text>{' '}
          <Text component="dd" size="sm" display="inline" m={0} style={{ wordBreak: 'break-word' }}>
            {Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : JSON.stringify(value)}
          </Text>
        </div>
      ))}
    </dl>
  );
}
