import { Badge } from '@mantine/core';
import type { Webhook } from '../api/webhooks';

const COLORS: Record<Webhook['status']['state'], string> = { active: 'green', failing: 'orange', disabled: 'gray' };

export function WebhookStatusBadge({ status }: { status: Webhook['status'] }) {
  return (
    <Badge variant="light" color={COLORS[status.state]}>
      {status.state}
    </Badge>
  );
}
