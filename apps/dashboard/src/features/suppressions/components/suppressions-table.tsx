import { Badge, Table, Text, VisuallyHidden } from '@mantine/core';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { useCan } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { useListNames, useRemoveSuppression, type Suppression } from '../api/suppressions';
import { SUPPRESSION_REASONS } from './suppression-reasons';

export function SuppressionsTable({ ws, rows }: { ws: string; rows: Suppression[] }) {
  const can = useCan();
  const lists = useListNames(ws);
  const remove = useRemoveSuppression(ws);
  const mayRemove = can('DELETE /v1/workspaces/{ws}/suppressions/{email}');

  return (
    <>
      <ErrorAlert error={remove.error} title="Not removed" />
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Email</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>List</Table.Th>
            <Table.Th>Added</Table.Th>
            {mayRemove && (
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const listName = row.listId ? (lists.data?.get(row.listId) ?? row.listId) : null;
            return (
              <Table.Tr key={`${row.email} ${row.listId ?? ''}`}>
                <Table.Td>{row.email}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={row.reason === 'manual' ? 'gray' : 'orange'}>
                    {SUPPRESSION_REASONS[row.reason].label}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {SUPPRESSION_REASONS[row.reason].meaning}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {listName ?? (
                    <Text span c="dimmed" size="sm">
                      All marketing mail
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatDateTime(row.createdAt)}</Table.Td>
                {mayRemove && (
                  <Table.Td>
                    <ConfirmButton
                      size="xs"
                      aria-label={`Remove ${row.email}`}
                      title={`Remove the suppression of ${row.email}?`}
                      message={`${row.email} may get ${listName ? `the marketing mail of ${listName}` : 'marketing mail'} again.`}
                      confirmLabel="Remove suppression"
                      loading={remove.isPending}
                      onConfirm={() => remove.mutate({ email: row.email, listId: row.listId })}
                    >
                      Remove
                    </ConfirmButton>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </>
  );
}
