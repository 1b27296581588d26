import { Badge, Code, Group, Table, VisuallyHidden } from '@mantine/core';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { useCan } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { useRevokeApiKey, type ApiKey } from '../api/api-keys';

export function ApiKeysTable({ ws, keys }: { ws: string; keys: ApiKey[] }) {
  const can = useCan();
  const revoke = useRevokeApiKey(ws);
  const mayRevoke = can('DELETE /v1/workspaces/{ws}/api-keys/{id}');

  return (
    <>
      <ErrorAlert error={revoke.error} title="Not revoked" />
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Scope</Table.Th>
            <Table.Th>Starts with</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Last used</Table.Th>
            {mayRevoke && (
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((key) => (
            <Table.Tr key={key.id}>
              <Table.Td>{key.name}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {key.scopes.map((scope) => (
                    <Badge key={scope} variant="light" color={scope === 'admin' ? 'red' : 'blue'}>
                      {scope}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Code>{key.prefix}…</Code>
              </Table.Td>
              <Table.Td>{formatDateTime(key.createdAt)}</Table.Td>
              <Table.Td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}</Table.Td>
              {mayRevoke && (
                <Table.Td>
                  <ConfirmButton
                    size="xs"
                    aria-label={`Revoke ${key.name}`}
                    title={`Revoke the key ${key.name}?`}
                    message="The next request with it gets 401: whatever still uses it stops working. This cannot be undone; a new key can be created."
                    confirmLabel="Revoke key"
                    loading={revoke.isPending}
                    onConfirm={() => revoke.mutate(key.id)}
                  >
                    Revoke
                  </ConfirmButton>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
