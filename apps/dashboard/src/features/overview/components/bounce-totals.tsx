import { Anchor, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatNumber, formatRate } from '@/lib/format';
import type { MessageCounts } from '../api/overview';
import { TotalCard } from './total-card';

/**
 * The period's hard bounces and complaints, and their rates per message sent. They are counted
 * when the report comes back, which can be days after the send: a rate compares the period's
 * reports with the period's sends. `watched` is whether any integration reads its bounces back
 * (undefined when unknown); without one, the zeros say nothing.
 */
export function BounceTotals({ ws, counts, watched }: { ws: string; counts: MessageCounts; watched: boolean | undefined }) {
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <TotalCard label="Hard bounces" value={formatNumber(counts.bounced)} testId="total-bounced" />
        <TotalCard label="Complaints" value={formatNumber(counts.complained)} testId="total-complained" />
        <TotalCard
          label="Bounce rate"
          value={formatRate(counts.bounced, counts.sent)}
          testId="bounce-rate"
          note="hard bounces per message sent"
        />
        <TotalCard
          label="Complaint rate"
          value={formatRate(counts.complained, counts.sent)}
          testId="complaint-rate"
          note="spam complaints per message sent"
        />
      </SimpleGrid>
      {watched === false && (
        <Text size="sm" c="dimmed">
          No integration reads its bounces back yet, so these stay at zero: turn on bounce processing in the settings of one of the{' '}
          <Anchor component={Link} to={`/w/${ws}/integrations`} size="sm" underline="always">
            integrations
          </Anchor>
          .
        </Text>
      )}
    </Stack>
  );
}
