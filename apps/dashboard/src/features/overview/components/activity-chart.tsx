import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Table, VisuallyHidden } from '@mantine/core';
import { formatNumber } from '@/lib/format';
import type { MessageCounts, Stats } from '../api/overview';

export type Usage = 'all' | 'transactional' | 'marketing';

const SERIES: { name: keyof MessageCounts; label: string; color: string }[] = [
  { name: 'sent', label: 'Sent', color: 'blue.6' },
  { name: 'failed', label: 'Failed', color: 'red.6' },
  { name: 'opened', label: 'Opened', color: 'teal.6' },
  { name: 'clicked', label: 'Clicked', color: 'violet.6' },
];

const hourLabel = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
// Days are UTC days, as the API counts them.
const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

export function countsOf(bucket: Pick<Stats['totals'], 'transactional' | 'marketing'>, usage: Usage): MessageCounts {
  if (usage !== 'all') return bucket[usage];
  const { transactional: t, marketing: m } = bucket;
  return { sent: t.sent + m.sent, failed: t.failed + m.failed, opened: t.opened + m.opened, clicked: t.clicked + m.clicked };
}

/**
 * Bars per hour or day. The drawing is for the eye; the same numbers are in a table that screen
 * readers read instead, so the chart itself is hidden from them.
 */
export function ActivityChart({ stats, usage }: { stats: Stats; usage: Usage }) {
  const label = stats.bucket === 'hour' ? hourLabel : dayLabel;
  const data = stats.buckets.map((bucket) => ({ when: label.format(new Date(bucket.start)), ...countsOf(bucket, usage) }));
  return (
    <>
      <div aria-hidden="true">
        <BarChart
          h={280}
          data={data}
          dataKey="when"
          series={SERIES}
          withLegend
          tickLine="y"
          valueFormatter={formatNumber}
          accessibilityLayer={false}
          yAxisProps={{ allowDecimals: false }}
        />
      </div>
      <VisuallyHidden>
        <Table>
          <caption>Messages per {stats.bucket}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{stats.bucket === 'hour' ? 'Hour' : 'Day'}</Table.Th>
              {SERIES.map((series) => (
                <Table.Th key={series.name}>{series.label}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((row) => (
              <Table.Tr key={row.when}>
                <Table.Th>{row.when}</Table.Th>
                {SERIES.map((series) => (
                  <Table.Td key={series.name}>{formatNumber(row[series.name])}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </>
  );
}
