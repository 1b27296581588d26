import { Paper, SimpleGrid, Text } from '@mantine/core';
import { formatNumber } from '@/lib/format';
import type { MessageCounts } from '../api/overview';

const CARDS: { name: keyof MessageCounts; label: string }[] = [
  { name: 'sent', label: 'Sent' },
  { name: 'failed', label: 'Failed' },
  { name: 'opened', label: 'Opened (people)' },
  { name: 'clicked', label: 'Clicked (people)' },
];

/** The period's sums, one card each; the label is the card's accessible name. */
export function Totals({ counts }: { counts: MessageCounts }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} mb="lg">
      {CARDS.map((card) => (
        <Paper key={card.name} withBorder p="md" role="group" aria-label={card.label}>
          <Text size="sm" c="dimmed">
            {card.label}
          </Text>
          <Text fz={28} fw={700} data-testid={`total-${card.name}`}>
            {formatNumber(counts[card.name])}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
