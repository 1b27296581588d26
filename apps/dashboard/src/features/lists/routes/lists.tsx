import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { PagedResults } from '@/components/paged-results';
import { useCan, useWorkspaceId } from '@/lib/auth';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useUrlState } from '@/lib/url-state';
import { useLists, type List } from '../api/lists';
import { CreateListButton } from '../components/create-list-button';

/** `/w/{ws}/lists`: the lists broadcasts go to, with how many are subscribed to each. */
export function ListsPage() {
  const ws = useWorkspaceId();
  const can = useCan();
  const [{ cursor }, setUrl] = useUrlState(['cursor'] as const);
  const lists = useLists(ws, cursor);

  return (
    <>
      <PageHeader
        title="Lists"
        description="A broadcast goes to the subscribed members of one list. Open a list to import a CSV, add addresses or change who is subscribed."
        actions={can('POST /v1/workspaces/{ws}/lists') && <CreateListButton ws={ws} />}
      />
      <PagedResults
        query={lists}
        cursor={cursor}
        onCursor={(next) => setUrl({ cursor: next })}
        empty="No lists yet: create one, then import its contacts."
      >
        {(rows) => <ListsTable ws={ws} lists={rows} />}
      </PagedResults>
    </>
  );
}

function ListsTable({ ws, lists }: { ws: string; lists: List[] }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Subscribed</Table.Th>
            <Table.Th>Unsubscribed</Table.Th>
            <Table.Th>Created</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lists.map((list) => (
            <Table.Tr key={list.id}>
              <Table.Td>
                <Anchor component={Link} to={`/w/${ws}/lists/${list.id}`}>
                  {list.name}
                </Anchor>
                {list.description && (
                  <Text size="sm" c="dimmed" lineClamp={1}>
                    {list.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{formatNumber(list.counts.subscribed)}</Table.Td>
              <Table.Td>{formatNumber(list.counts.unsubscribed)}</Table.Td>
              <Table.Td>{formatDateTime(list.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
