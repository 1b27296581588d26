import { Box } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Rows of the previous page or filter, kept on screen while the next ones load (TanStack Query's
 * placeholder data): dimmed and marked busy, so nobody takes them for the answer to the new filter.
 */
export function Refreshing({ active, children }: { active: boolean; children: ReactNode }) {
  return (
    <Box aria-busy={active} style={{ opacity: active ? 0.55 : 1, transition: 'opacity 150ms' }}>
      {children}
    </Box>
  );
}
