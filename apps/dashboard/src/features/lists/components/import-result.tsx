import { Alert, Group, Stack, Table, Text } from '@mantine/core';
import { formatNumber } from '@/lib/format';
import type { ImportResult } from '../api/import-contacts-csv';

/** What an import did: new and updated contacts, who joined the list, and each rejected row by its line in the file. */
export function ImportResultSummary({ result }: { result: ImportResult }) {
  const figures: { key: string; label: string; value: number }[] = [
    { key: 'imported', label: 'Imported', value: result.imported },
    { key: 'updated', label: 'Updated', value: result.updated },
    { key: 'added', label: 'Added to the list', value: result.added },
    { key: 'already-members', label: 'Already on the list', value: result.alreadyMembers },
    { key: 'rejected', label: 'Rejected', value: result.rejectedCount },
  ];
  return (
    <Stack gap="sm" role="status" aria-label="Import result">
      <Group gap="xl" component="dl" m={0}>
        {figures.map(({ key, label, value }) => (
          <div key={key}>
            <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
              {label}
            </Text>
            <Text component="dd" m={0} size="lg" fw={600} data-testid={`import-${key}`}>
              {formatNumber(value)}
            </Text>
          </div>
        ))}
      </Group>
      {result.rejected.length > 0 && (
        <>
          <Table striped withTableBorder>
            <Table.Caption>
              Rows not imported; fix them in the file and import it again (the rows already imported are only updated).
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Line</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Reason</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.rejected.map((row) => (
                <Table.Tr key={row.row}>
                  <Table.Td>{row.row}</Table.Td>
                  <Table.Td>{row.email ?? '—'}</Table.Td>
                  <Table.Td>{row.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {result.rejectedCount > result.rejected.length && (
            <Alert color="yellow">
              Only the first {formatNumber(result.rejected.length)} of {formatNumber(result.rejectedCount)} rejected rows are listed.
            </Alert>
          )}
        </>
      )}
    </Stack>
  );
}
