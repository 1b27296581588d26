import { Center, Loader, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorAlert } from './error-alert';

/**
 * Loading, failure and emptiness of one query, the same on every page; `children` renders the data.
 * `isEmpty` decides when `empty` (what to do first) is shown instead.
 */
export function QueryState<T>({
  query,
  children,
  isEmpty,
  empty,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
}) {
  if (query.isPending)
    return (
      <Center py="xl" aria-busy="true">
        <Loader aria-label="Loading" />
      </Center>
    );
  if (query.isError) return <ErrorAlert error={query.error} title="Could not load this" />;
  if (isEmpty?.(query.data) && empty) return <EmptyState>{empty}</EmptyState>;
  return <>{children(query.data)}</>;
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <Stack align="center" py="xl" gap="xs">
      <Text c="dimmed" ta="center">
        {children}
      </Text>
    </Stack>
  );
}
