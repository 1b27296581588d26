import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One figure of the period, its label being the card's accessible name; `note` says what it counts when the label cannot. */
export function TotalCard({ label, value, testId, note }: { label: string; value: string; testId: string; note?: ReactNode }) {
  return (
    <Paper withBorder p="md" role="group" aria-label={label}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} data-testid={testId}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Paper>
  );
}
