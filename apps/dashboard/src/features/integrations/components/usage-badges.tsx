import { Badge, Group, Text } from '@mantine/core';
import type { Integration } from '../api/integrations';

/** Which mail the integration carries. */
export function UsageBadges({ usage }: { usage: Integration['usage'] }) {
  if (!usage.transactional && !usage.marketing)
    return (
      <Text size="sm" c="dimmed">
        none
      </Text>
    );
  return (
    <Group gap={4}>
      {usage.transactional && (
        <Badge variant="light" color="blue">
          Transactional
        </Badge>
      )}
      {usage.marketing && (
        <Badge variant="light" color="violet">
          Marketing
        </Badge>
      )}
    </Group>
  );
}
