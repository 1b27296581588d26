import { Badge } from '@mantine/core';
import type { MembershipStatus } from '../api/list-members';

export function MembershipStatusBadge({ status }: { status: MembershipStatus }) {
  return (
    <Badge color={status === 'subscribed' ? 'green' : 'gray'} variant="light" miw="fit-content">
      {status}
    </Badge>
  );
}
