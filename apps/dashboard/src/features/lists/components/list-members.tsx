import { Group, SegmentedControl, Title } from '@mantine/core';
import { PagedResults } from '@/components/paged-results';
import { useUrlState } from '@/lib/url-state';
import { useListMembers, type MembershipStatus } from '../api/list-members';
import { MembersTable } from './members-table';

const STATUS_FILTERS = [
  { value: '', label: 'All' },
  { value: 'subscribed', label: 'Subscribed' },
  { value: 'unsubscribed', label: 'Unsubscribed' },
];

/** The members, filtered by status; the filter and the page are in the URL. */
export function ListMembers({ ws, listId }: { ws: string; listId: string }) {
  const [url, setUrl] = useUrlState(['status', 'cursor'] as const);
  const status = url.status === 'subscribed' || url.status === 'unsubscribed' ? (url.status as MembershipStatus) : undefined;
  const members = useListMembers(ws, listId, { status, cursor: url.cursor });

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Members
        </Title>
        <SegmentedControl
          aria-label="Show members"
          data={STATUS_FILTERS}
          value={status ?? ''}
          onChange={(value) => setUrl({ status: value, cursor: undefined })}
        />
      </Group>
      <PagedResults
        query={members}
        cursor={url.cursor}
        onCursor={(next) => setUrl({ cursor: next })}
        empty={status ? `No ${status} members.` : 'Nobody is on this list yet: import a CSV or add addresses above.'}
      >
        {(rows) => <MembersTable ws={ws} listId={listId} members={rows} />}
      </PagedResults>
    </>
  );
}
