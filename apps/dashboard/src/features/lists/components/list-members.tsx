import { Group, SegmentedControl, Title } from '@mantine/core';
import { CursorPager } from '@/components/cursor-pager';
import { QueryState } from '@/components/query-state';
import { Refreshing } from '@/components/refreshing';
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
      <QueryState
        query={members}
        isEmpty={(page) => page.data.length === 0}
        empty={status ? `No ${status} members.` : 'Nobody is on this list yet: import a CSV or add addresses above.'}
      >
        {(page) => (
          <>
            <Refreshing active={members.isPlaceholderData}>
              <MembersTable ws={ws} listId={listId} members={page.data} />
            </Refreshing>
            <CursorPager
              cursor={url.cursor}
              nextCursor={page.nextCursor}
              shown={page.data.length}
              onCursor={(next) => setUrl({ cursor: next })}
            />
          </>
        )}
      </QueryState>
    </>
  );
}
