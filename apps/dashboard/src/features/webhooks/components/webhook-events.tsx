import { Badge, Group } from '@mantine/core';
import type { Webhook } from '../api/webhooks';

/** The types an endpoint asked for; `*` reads as "all". */
export function WebhookEvents({ events }: { events: Webhook['events'] }) {
  if (events.includes('*')) return <Badge variant="outline">all</Badge>;
  return (
    <Group gap={4}>
      {events.map((type) => (
        <Badge key={type} variant="outline" tt="none">
          {type}
        </Badge>
      ))}
    </Group>
  );
}
