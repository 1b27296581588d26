import { Badge } from '@mantine/core';
import type { BroadcastStatus } from '../api/broadcasts';

const COLOURS: Record<BroadcastStatus, string> = {
  draft: 'gray',
  scheduled: 'violet',
  sending: 'blue',
  paused: 'yellow',
  sent: 'green',
  cancelled: 'gray',
  failed: 'red',
};

export function BroadcastStatusBadge({ status }: { status: BroadcastStatus }) {
  return (
    <Badge color={COLOURS[status]} variant="light" miw="fit-content">
      {status}
    </Badge>
  );
}
