import { Badge } from '@mantine/core';
import type { MessageStatus } from '../api/messages';

const COLOURS: Record<MessageStatus, string> = {
  queued: 'gray',
  sending: 'blue',
  sent: 'green',
  failed: 'red',
  suppressed: 'yellow',
  bounced: 'red',
};

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  return (
    <Badge color={COLOURS[status]} variant="light">
      {status}
    </Badge>
  );
}
