import { Anchor, Button, Table } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { useCan, useWorkspaceId } from '@/lib/auth';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useListChoices } from '../api/broadcast-choices';
import { useBroadcasts, type Broadcast } from '../api/broadcasts';
import { BroadcastStatusBadge } from '../components/broadcast-status-badge';

/** `/w/{ws}/broadcasts`: the workspace's broadcasts, newest first (the API gives the latest hundred). */
export function BroadcastsPage() {
  const ws = useWorkspaceId();
  const can = useCan();
  const broadcasts = useBroadcasts(ws);
  return (
    <>
      <PageHeader
        title="Broadcasts"
        description="Marketing mail to the subscribed members of a list, personalised for each, throttled to what the mail server allows."
        actions={
          can('POST /v1/workspaces/{ws}/broadcasts') && (
            <Button component={Link} to={`/w/${ws}/broadcasts/new`}>
              New broadcast
            </Button>
          )
        }
      />
      <QueryState query={broadcasts} isEmpty={(page) => page.data.length === 0} empty="No broadcasts yet: write the first one.">
        {(page) => <BroadcastsTable ws={ws} broadcasts={page.data} />}
      </QueryState>
    </>
  );
}

function BroadcastsTable({ ws, broadcasts }: { ws: string; broadcasts: Broadcast[] }) {
  const lists = useListChoices(ws).data?.data ?? [];
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>List</Table.Th>
            <Table.Th>Recipients</Table.Th>
            <Table.Th>Sent</Table.Th>
            <Table.Th>Created</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {broadcasts.map((broadcast) => (
            <Table.Tr key={broadcast.id}>
              <Table.Td>
                <Anchor component={Link} to={`/w/${ws}/broadcasts/${broadcast.id}`}>
                  {broadcast.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <BroadcastStatusBadge status={broadcast.status} />
              </Table.Td>
              <Table.Td>{lists.find((list) => list.id === broadcast.listId)?.name ?? '—'}</Table.Td>
              <Table.Td>{formatNumber(broadcast.counts.recipients)}</Table.Td>
              <Table.Td>{formatNumber(broadcast.counts.sent)}</Table.Td>
              <Table.Td>{formatDateTime(broadcast.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
