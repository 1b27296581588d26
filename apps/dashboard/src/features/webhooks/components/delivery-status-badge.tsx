import { Badge } from '@mantine/core';
import type { DeliveryStatus } from '../api/webhooks';

const COLORS: Record<DeliveryStatus, string> = { pending: 'yellow', delivered: 'green', failed: 'red' };

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  return (
    <Badge variant="light" color={COLORS[status]}>
      {status}
    </Badge>
  );
}
