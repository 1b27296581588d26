import { SimpleGrid } from '@mantine/core';
import { formatNumber } from '@/lib/format';
import type { MessageCounts } from '../api/overview';
import { TotalCard } from './total-card';

const CARDS: { name: keyof MessageCounts; label: string }[] = [
  { name: 'sent', label: 'Sent' },
  { name: 'failed', label: 'Failed' },
  { name: 'opened', label: 'Opened (people)' },
  { name: 'clicked', label: 'Clicked (people)' },
];

/** The period's sums, one card each. */
export function Totals({ counts }: { counts: MessageCounts }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }}>
      {CARDS.map((card) => (
        <TotalCard key={card.name} label={card.label} value={formatNumber(counts[card.name])} testId={`total-${card.name}`} />
      ))}
    </SimpleGrid>
  );
}
