import { Button, Group, Text } from '@mantine/core';

/**
 * Cursor paging as the API offers it (`nextCursor`): the cursor lives in the page's URL, so each
 * page is a history entry and the back button is "previous".
 */
export function CursorPager({
  cursor,
  nextCursor,
  shown,
  onCursor,
}: {
  cursor?: string;
  nextCursor?: string | null;
  shown: number;
  onCursor: (cursor: string | undefined) => void;
}) {
  if (!cursor && !nextCursor) return null;
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed">
        {shown} shown{cursor ? ', not the first page' : ''}
      </Text>
      <Group gap="xs">
        <Button variant="default" disabled={!cursor} onClick={() => onCursor(undefined)}>
          First page
        </Button>
        <Button variant="default" disabled={!nextCursor} onClick={() => onCursor(nextCursor ?? undefined)}>
          Next page
        </Button>
      </Group>
    </Group>
  );
}
