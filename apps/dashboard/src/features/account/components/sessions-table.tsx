import { Badge, Table, Text, VisuallyHidden } from '@mantine/core';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { QueryState } from '@/components/query-state';
import { formatDateTime, formatRelative } from '@/lib/format';
import { useEndSession, useSessions } from '../api/account';

/** Where the person is signed in; a session they do not recognise can be ended from here. */
export function SessionsTable() {
  const sessions = useSessions();
  const end = useEndSession();
  return (
    <QueryState query={sessions}>
      {(page) => (
        <>
          <ErrorAlert error={end.error} title="Session not ended" />
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Browser</Table.Th>
                <Table.Th>Address</Table.Th>
                <Table.Th>Signed in</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.data.map((session) => (
                <Table.Tr key={session.id}>
                  <Table.Td>
                    <Text size="sm" style={{ wordBreak: 'break-word' }}>
                      {session.userAgent ?? 'Unknown browser'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{session.ip ?? '—'}</Table.Td>
                  <Table.Td>{formatDateTime(session.createdAt)}</Table.Td>
                  <Table.Td>{formatRelative(session.lastUsedAt)}</Table.Td>
                  <Table.Td>
                    {session.current ? (
                      <Badge variant="light" color="green">
                        This browser
                      </Badge>
                    ) : (
                      <ConfirmButton
                        size="xs"
                        aria-label={`End the session signed in ${formatDateTime(session.createdAt)}`}
                        title="End this session?"
                        message="Its next request gets 401: whoever uses it must sign in again."
                        confirmLabel="End session"
                        loading={end.isPending}
                        onConfirm={() => end.mutate(session.id)}
                      >
                        End
                      </ConfirmButton>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </QueryState>
  );
}
